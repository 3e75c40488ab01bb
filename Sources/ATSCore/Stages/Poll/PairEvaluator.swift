import Foundation

/// What became of one pair in one burst (the `observations.outcome` column).
public enum PairOutcome: String, Sendable, CaseIterable, Codable {
    case signal, glitch, risk, mismatch, cooldown
    case noSignal = "no_signal"
    case error
}

/// The thresholds of product.md's poll rules, read once from the config.
public struct PollRules: Sendable, Equatable {
    public var maxDeviationPct: Double
    public var minDexLiquidityUSD: Double
    public var minCexVolume24hUSD: Double
    public var minDexVolume24hUSD: Double
    public var minSpreadPct: Double
    public var maxSpreadPct: Double
    public var cooldownMinutes: Double

    public init(_ values: ATSConfig) {
        maxDeviationPct = values.verifiers.maxDeviationPct
        minDexLiquidityUSD = values.risk.minDexLiquidityUSD
        minCexVolume24hUSD = values.risk.minCexVolume24hUSD
        minDexVolume24hUSD = values.signal.minDexVolume24hUSD
        minSpreadPct = values.signal.minSpreadPct
        maxSpreadPct = values.signal.maxSpreadPct
        cooldownMinutes = values.signal.cooldownMinutes
    }
}

/// The verdict on one pair: outcome, a stable rule name (summaries group by it),
/// the numbers behind it, and for a signal its side and notes.
public struct PairDecision: Sendable, Equatable {
    public var outcome: PairOutcome
    /// Short and stable ("spread below minimum"); never contains numbers.
    public var rule: String
    public var detail: String
    /// Percent, when both prices were usable.
    public var spread: Double?
    /// Set for signals and cooldowns: the side the spread pointed to.
    public var side: SignalType?
    /// What passed and what could not be verified, one line (stored on a signal).
    public var notes: String

    /// The `observations.reason` column.
    public var reason: String { detail.isEmpty ? rule : "\(rule): \(detail)" }
}

/// product.md's poll rules as one pure function.
///
/// Order: missing data (error) → cross-verification (glitch) → risk → signal.
/// Boundaries are inclusive exactly as product.md words them:
/// - glitch when a verifier deviates by MORE THAN `max_deviation_pct` (equal passes);
/// - risk when liquidity / quote volume is BELOW its minimum (equal passes);
/// - a signal needs DEX 24h volume AT LEAST its minimum and `min ≤ |spread| ≤ max`;
///   `|spread| > max` is a mismatch (the two prices are not the same asset), checked
///   before DEX volume; below min (or low DEX volume) is no signal;
/// - cooldown blocks when the same symbol and side signalled less than
///   `cooldown_minutes` ago (a signal exactly `cooldown_minutes` old no longer blocks).
/// Comparisons tolerate 1e-9 relative rounding, so a spread that is 0.5 % in decimal
/// arithmetic counts as 0.5 % even when binary floating point says 0.49999999.
/// Missing data never yields a signal: an unknown liquidity or volume fails its rule.
public enum PairEvaluator {
    public static func evaluate(_ evidence: PairEvidence, rules: PollRules, lastSignals: [SignalType: Date], now: Date) -> PairDecision {
        let dexQuote: DexQuote
        switch evidence.dex {
        case .missing(let why): return error("dex data missing", why)
        case .value(let quote): dexQuote = quote
        }
        let cexQuote: CexQuote
        switch evidence.cex {
        case .missing(let why): return error("cex data missing", why)
        case .value(let quote): cexQuote = quote
        }
        guard let dex = MarketNumber(dexQuote.priceUSD).positive else {
            return error("dex data missing", "\(dexQuote.source) price is missing, zero or negative")
        }
        guard let cex = MarketNumber(cexQuote.price).positive else {
            return error("cex data missing", "\(cexQuote.market.singleLine(limit: 40)) price is missing, zero or negative")
        }
        let spread = (cex - dex) * 100 / dex
        var decision = PairDecision(outcome: .noSignal, rule: "", detail: "", spread: spread, side: nil, notes: "")

        // 1. cross-verification
        var agreed: [String] = []
        var unverified: [String] = []
        var deviations: [String] = []
        for check in evidence.verifiers {
            switch check.reading {
            case .unverified(let why):
                unverified.append(why)
            case .price(let price):
                let deviation = abs(price - cex) * 100 / cex
                if exceeds(deviation, rules.maxDeviationPct) {
                    deviations.append("\(check.verifier) \(Format.significant(price)) is \(Format.shortPercent(deviation)) "
                        + "from cex \(Format.significant(cex)) (max \(Format.shortPercent(rules.maxDeviationPct)))")
                } else {
                    agreed.append("\(check.verifier) within \(Format.shortPercent(deviation))")
                }
            }
        }
        if !deviations.isEmpty {
            return decision.with(.glitch, "verifier disagrees with cex", deviations.joined(separator: "; "))
        }

        // 2. risk
        guard let liquidity = dexQuote.liquidityUSD else { return decision.with(.risk, "dex liquidity unknown", "") }
        if below(liquidity, rules.minDexLiquidityUSD) {
            return decision.with(.risk, "dex liquidity below minimum", "\(Format.compactUSD(liquidity)) < \(Format.compactUSD(rules.minDexLiquidityUSD))")
        }
        guard let cexVolume = cexQuote.quoteVolume24h else { return decision.with(.risk, "cex 24h quote volume unknown", "") }
        if below(cexVolume, rules.minCexVolume24hUSD) {
            return decision.with(.risk, "cex 24h quote volume below minimum", "\(Format.compactUSD(cexVolume)) < \(Format.compactUSD(rules.minCexVolume24hUSD))")
        }

        // 3. signal
        let size = abs(spread)
        if exceeds(size, rules.maxSpreadPct) {
            return decision.with(.mismatch, "spread beyond maximum", "|\(Format.shortPercent(spread))| > \(Format.shortPercent(rules.maxSpreadPct))")
        }
        guard let dexVolume = dexQuote.volume24hUSD else { return decision.with(.noSignal, "dex 24h volume unknown", "") }
        if below(dexVolume, rules.minDexVolume24hUSD) {
            return decision.with(.noSignal, "dex 24h volume below minimum", "\(Format.compactUSD(dexVolume)) < \(Format.compactUSD(rules.minDexVolume24hUSD))")
        }
        if below(size, rules.minSpreadPct) {
            return decision.with(.noSignal, "spread below minimum", "|\(Format.shortPercent(spread))| < \(Format.shortPercent(rules.minSpreadPct))")
        }
        let side: SignalType = spread > 0 ? .buy : .sell
        decision.side = side
        if let last = lastSignals[side], now.timeIntervalSince(last) < rules.cooldownMinutes * 60 {
            let window = Format.trimmed(rules.cooldownMinutes)
            return decision.with(.cooldown, "cooldown", "\(side.rawValue) signalled at \(last.iso8601), within \(window) min")
        }
        let verification = (agreed.isEmpty ? [] : ["verified: " + agreed.joined(separator: ", ")])
            + (unverified.isEmpty ? [] : ["unverified: " + unverified.joined(separator: "; ")])
            + (evidence.verifiers.isEmpty ? ["no verifier enabled"] : [])
        decision.notes = (verification + [
            "risk ok: dex liquidity \(Format.compactUSD(liquidity)), cex 24h quote volume \(Format.compactUSD(cexVolume))",
            "dex 24h volume \(Format.compactUSD(dexVolume)) via \(dexQuote.source)",
        ]).joined(separator: "; ")
        return decision.with(.signal, "signal", "\(side.rawValue) spread \(Format.shortPercent(spread))")
    }

    private static func error(_ rule: String, _ detail: String) -> PairDecision {
        PairDecision(outcome: .error, rule: rule, detail: detail, spread: nil, side: nil, notes: "")
    }

    /// Rounding tolerance relative to the threshold (see the type's comment).
    static func tolerance(_ threshold: Double) -> Double { 1e-9 * max(1, abs(threshold)) }

    /// "below" a minimum: strictly less, beyond rounding.
    static func below(_ value: Double, _ minimum: Double) -> Bool { value < minimum - tolerance(minimum) }

    /// "more than" a maximum: strictly greater, beyond rounding.
    static func exceeds(_ value: Double, _ maximum: Double) -> Bool { value > maximum + tolerance(maximum) }
}

extension PairDecision {
    func with(_ outcome: PairOutcome, _ rule: String, _ detail: String) -> PairDecision {
        var copy = self
        copy.outcome = outcome
        copy.rule = rule
        copy.detail = detail
        return copy
    }
}
