import Foundation

/// Builds the rows product.md asks for from one pair's evidence and verdict.
enum BurstRecords {
    static func row(pair: WatchlistEntry, evidence: PairEvidence, decision: PairDecision, tradeSize: Double,
                    burst: Int, observedAt: Date, runID: Int64) -> BurstRow {
        let dex = evidence.dex.value
        let ticker = evidence.cex.value?.ticker
        var observation = ObservationRecord(
            id: nil, runId: runID, burst: burst, observedAt: observedAt, cexSymbol: pair.cexSymbol, chainId: pair.chainId,
            pairAddress: pair.pairAddress, outcome: decision.outcome, reason: decision.reason.singleLine(limit: 500),
            dexPrice: decision.dexPrice, cexPrice: decision.cexPrice ?? ticker?.mid, spread: decision.spread,
            dexLiquidityUsd: dex?.liquidityUSD, dexVolume24hUsd: dex?.volume24hUSD, cexVolume24hUsd: ticker?.quoteVolume24h,
            verifierPrices: verifierJSON(evidence.verifierPrices), latencyMs: evidence.latencyMs, signalId: nil)
        observation.cexBid = decision.bid
        observation.cexAsk = decision.ask
        observation.quoteRate = decision.rate
        observation.impactPct = decision.impactPct
        guard decision.outcome == .signal, let side = decision.side, let spread = decision.spread,
              let dexPrice = decision.dexPrice, let cexPrice = decision.cexPrice, let entry = decision.entryPrice else {
            return BurstRow(observation: observation, signal: nil)
        }
        var signal = SignalRecord.pending(
            timestamp: observedAt, chainId: pair.chainId, pairAddress: pair.pairAddress, pairSymbol: pair.pairSymbol,
            cexSymbol: pair.cexSymbol, signalType: side, dexPrice: dexPrice, cexPrice: cexPrice, spread: spread,
            dataLatencyMs: evidence.latencyMs, notes: decision.notes.singleLine(limit: 1000), runId: runID)
        signal.marketRegime = MarketRegime.label(changeFraction: ticker?.changeFraction24h)
        signal.cexBid = decision.bid
        signal.cexAsk = decision.ask
        signal.quoteRate = decision.rate
        signal.tradeSize = tradeSize
        signal.entryPrice = entry
        signal.impactPct = decision.impactPct
        return BurstRow(observation: observation, signal: signal)
    }

    /// `{"binance":null,"coingecko":0.4715}`: a price, or null when the verifier could not answer.
    static func verifierJSON(_ prices: [String: Double?]) -> String {
        let object = prices.mapValues { price -> Any in price.map { $0 as Any } ?? NSNull() }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Counts across a run, and the lines the operator reads.
struct PollTally: Sendable {
    var pairs = 0
    var bursts = 0
    var outcomes: [PairOutcome: Int] = [:]
    var requests = 0

    mutating func add(_ decisions: [PairDecision]) {
        bursts += 1
        for decision in decisions { outcomes[decision.outcome, default: 0] += 1 }
    }

    func count(_ outcome: PairOutcome) -> Int { outcomes[outcome, default: 0] }

    /// The `runs.counts` JSON.
    var counts: [String: Int] {
        [
            "pairs": pairs, "bursts": bursts, "signals": count(.signal), "glitches": count(.glitch), "risk": count(.risk),
            "mismatch": count(.mismatch), "cooldown": count(.cooldown), "no_signal": count(.noSignal), "errors": count(.error),
            "stale": count(.stale), "unverified": count(.unverified), "thin": count(.thin), "requests": requests,
        ]
    }

    var summary: String {
        return "poll: \(Format.plural(bursts, "burst")) × \(pairs) pairs: \(Format.plural(count(.signal), "signal")), "
            + "\(Format.plural(count(.glitch), "glitch", "glitches")), "
            + "\(count(.risk)) risk, \(count(.mismatch)) mismatch, \(count(.cooldown)) cooldown, \(count(.noSignal)) no signal, "
            + "\(count(.stale)) stale, \(count(.unverified)) unverified, \(count(.thin)) thin, "
            + "\(Format.plural(count(.error), "error")); \(Format.plural(requests, "request"))"
    }

    /// `burst 2/6: 10 pairs, 1 signal; rejected: 6 spread below minimum, 3 dex liquidity below minimum; slowest mexc 412 ms`
    static func burstLine(_ number: Int, of total: Int, pairs: Int, decisions: [PairDecision], slowest: (source: String, latencyMs: Int)?) -> String {
        let signals = decisions.filter { $0.outcome == .signal }.count
        var rejected: [String: Int] = [:]
        for decision in decisions where decision.outcome != .signal { rejected[decision.rule, default: 0] += 1 }
        let reasons = rejected.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        var line = "burst \(number)/\(total): \(pairs) pairs, \(Format.plural(signals, "signal"))"
        if !reasons.isEmpty { line += "; rejected: " + reasons.joined(separator: ", ") }
        line += slowest.map { "; slowest \($0.source) \($0.latencyMs) ms" } ?? "; no source answered"
        return line
    }
}
