import ATSCore
import ATSSimulation
import Foundation

/// A reward run over 10 000 due signals of 50 symbols, inserted directly in a fresh
/// database; the market serves the candles of the filler symbols.
enum RewardBench {
    static let signals = 10_000
    static let symbols = 50
    static let maxRequests = 100

    /// How far back the due signals reach: a day of backlog (the target), and a week
    /// (requests grow with each symbol's time span, in 1000-candle answers).
    static func spans(quick: Bool) -> [(label: String, hours: Double)] {
        quick ? [("over 24 h", 24)] : [("over 24 h", 24), ("over 7 days", 168)]
    }

    static func run(_ bench: BenchContext, market: SimulatedMarket, into results: inout BenchResults) async throws {
        let pairs = Array(market.pairs.filter { $0.scenario == .filler && $0.mexcSymbol != nil }.prefix(symbols))
        guard pairs.count == symbols else { throw BenchError(description: "the market lists only \(pairs.count) filler symbols") }
        for (index, span) in spans(quick: bench.quick).enumerated() {
            bench.progress("reward, \(signals) due signals of \(symbols) symbols \(span.label)")
            let workspace = try bench.workspace("reward-\(Int(span.hours))h", market: market)
            try insertDueSignals(pairs, spanHours: span.hours, into: workspace, market: market)
            let sample = try await bench.sample(.reward, workspace, market: market)
            let done = try workspace.database().signalCountsByRewardStatus()[.done] ?? 0
            guard done == signals else {
                throw BenchError(description: "reward measured \(done) of \(signals) signals: \(sample.summary)")
            }
            results.rows.append(ResultRow(
                scenario: "reward run", size: "\(signals) signals, \(symbols) symbols, \(span.label)", requests: sample.requests,
                seconds: sample.seconds, peakBytes: sample.peakBytes,
                note: "all \(done) measured; process CPU \(BenchResults.time(sample.cpuSeconds))"))
            if index == 0 {
                results.checks.append(TargetCheck(
                    target: "\(signals) rewards (\(symbols) symbols, \(span.label)): requests", limit: "≤ \(maxRequests)",
                    measured: "\(sample.requests)", verdict: sample.requests <= maxRequests ? .pass : .fail))
            }
        }
    }

    /// Signals spread evenly over `spanHours`, the newest just due (16 minutes old, plus
    /// one so its window has closed), round-robin over the symbols, priced at MEXC's price.
    static func insertDueSignals(_ pairs: [SimulatedPair], spanHours: Double, into workspace: Workspace, market: SimulatedMarket) throws {
        let values = workspace.config.values
        let newest = Date().addingTimeInterval(-(values.reward.delayMinutes + 1) * 60)
        let step = spanHours * 3600 / Double(signals)
        let due = (0..<signals).map { index in
            let pair = pairs[index % pairs.count]
            let timestamp = newest.addingTimeInterval(-Double(signals - 1 - index) * step)
            let market = pair.mexcSymbol.flatMap { market.model.mexcPrice(symbol: $0, at: Int64(timestamp.timeIntervalSince1970)) } ?? 1
            let side: SignalType = index % 2 == 0 ? .buy : .sell
            let dex = side == .buy ? market / 1.02 : market / 0.98
            return SignalRecord.pending(
                timestamp: timestamp, chainId: pair.chainID, pairAddress: pair.pairAddress, pairSymbol: "\(pair.baseSymbol)/\(pair.quoteSymbol)",
                cexSymbol: pair.baseSymbol, signalType: side, dexPrice: dex, cexPrice: market, spread: (market - dex) / dex * 100,
                dataLatencyMs: 120)
        }
        try workspace.database().importSignals(due)
    }
}
