import Foundation

/// What became of one pair in one burst (the `observations.outcome` column).
public enum PairOutcome: String, Sendable, CaseIterable, Codable {
    case signal, glitch, risk, mismatch, cooldown
    case noSignal = "no_signal"
    case stale, unverified, thin
    case error
}

/// The thresholds of product.md's poll rules, read once from the config.
public struct PollRules: Sendable, Equatable {
    public var maxDeviationPct: Double
    public var requireVerified: Bool
    public var maxTickerAgeSeconds: Double
    public var minDexLiquidityUSD: Double
    public var minCexVolume24hUSD: Double
    public var maxBookSpreadPct: Double
    public var minDexVolume24hUSD: Double
    public var minSpreadPct: Double
    public var maxSpreadPct: Double
    public var cooldownMinutes: Double
    public var tradeSize: Double
    public var maxImpactPct: Double
    public var quoteAsset: String

    public init(_ values: ATSConfig) {
        maxDeviationPct = values.verifiers.maxDeviationPct
        requireVerified = values.verifiers.requireVerified
        maxTickerAgeSeconds = values.exchange.mexc.maxTickerAgeSeconds
        minDexLiquidityUSD = values.risk.minDexLiquidityUSD
        minCexVolume24hUSD = values.risk.minCexVolume24hUSD
        maxBookSpreadPct = values.risk.maxBookSpreadPct
        minDexVolume24hUSD = values.signal.minDexVolume24hUSD
        minSpreadPct = values.signal.minSpreadPct
        maxSpreadPct = values.signal.maxSpreadPct
        cooldownMinutes = values.signal.cooldownMinutes
        tradeSize = values.signal.tradeSize
        maxImpactPct = values.signal.maxImpactPct
        quoteAsset = values.exchange.mexc.quoteAsset
    }
}

/// The verdict on one pair: outcome, a stable rule name (summaries group by it),
/// the numbers behind it, and for a signal its side, entry and notes.
public struct PairDecision: Sendable, Equatable {
    public var outcome: PairOutcome
    /// Short and stable ("spread below minimum"); never contains numbers.
    public var rule: String
    public var detail: String
    /// Percent, when both prices were usable.
    public var spread: Double?
    /// Set for would-be signals, signals and cooldowns: the side the spread pointed to.
    public var side: SignalType?
    /// What passed and what could not be verified, one line (stored on a signal).
    public var notes: String
    /// In the quote asset: the DEX price in its quote token × `rate`, and the book's mid.
    public var dexPrice: Double?
    public var cexPrice: Double?
    public var bid: Double?
    public var ask: Double?
    public var rate: Double?
    /// The walked average fill for `trade_size`, and its distance from the mid (percent).
    public var entryPrice: Double?
    public var impactPct: Double?

    /// The `observations.reason` column.
    public var reason: String { detail.isEmpty ? rule : "\(rule): \(detail)" }

    /// Passed every rule before verification: verifiers and the order book are asked for it.
    public var isWouldBeSignal: Bool { outcome == .signal && entryPrice == nil }
}

/// product.md's poll rules as pure functions, in its order: missing data (error) → stale
/// → risk → signal rules (mismatch, no_signal, cooldown) → cross-verification (glitch,
/// unverified) → order book (thin) → signal. `screen` runs the first four on the burst's
/// data; what it leaves standing is a would-be signal, which `confirm` judges on the
/// verifier readings and the order book asked for it alone.
///
/// Boundaries are inclusive exactly as product.md words them: "more than" a maximum
/// fails only beyond it, "below" a minimum only under it. Comparisons tolerate 1e-9
/// relative rounding, so a spread that is 0.5 % in decimal arithmetic counts as 0.5 %
/// even when binary floating point says 0.49999999. Missing data never yields a signal.
public enum PairEvaluator {
    /// `screen` then `confirm`, for evidence that already holds the readings and the book.
    public static func evaluate(_ evidence: PairEvidence, rules: PollRules, lastSignals: [SignalType: Date], now: Date) -> PairDecision {
        let screened = screen(evidence, rules: rules, lastSignals: lastSignals, now: now)
        guard screened.isWouldBeSignal else { return screened }
        return confirm(screened, verifiers: evidence.verifiers, book: evidence.book ?? .missing("no order book asked"), rules: rules)
    }

    public static func screen(_ evidence: PairEvidence, rules: PollRules, lastSignals: [SignalType: Date], now: Date) -> PairDecision {
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
        let ticker = cexQuote.ticker
        let market = cexQuote.market.singleLine(limit: 40)
        guard let native = MarketNumber(dexQuote.priceNative).positive else {
            return error("dex data missing", "\(dexQuote.source) price in the quote token is missing, zero or negative")
        }
        let bid = MarketNumber(ticker.bid).positive, ask = MarketNumber(ticker.ask).positive
        if bid == nil && ask == nil { return error("cex data missing", "\(market) has no usable bid or ask") }
        let rate: Double
        switch evidence.rate {
        case .missing(let why): return error("no quote rate", why)
        case .value(let value):
            guard let usable = MarketNumber(value).positive else { return error("no quote rate", "the quote token's rate is not a price") }
            rate = usable
        }
        if let bid, let ask, bid > ask {
            return error("crossed book", "\(market) bid \(Format.significant(bid)) > ask \(Format.significant(ask))")
        }
        var decision = PairDecision(outcome: .noSignal, rule: "", detail: "", spread: nil, side: nil, notes: "", bid: bid, ask: ask, rate: rate)
        // The numbers it saw are kept whatever the outcome (the observation row shows them).
        // Two finite numbers can still multiply past Double's range: that is no price.
        let dex = native * rate
        guard dex.isFinite else { return error("dex data missing", "\(dexQuote.source) price times the quote rate is not a finite number") }
        let mid = ticker.mid
        decision.dexPrice = dex
        decision.cexPrice = mid
        decision.spread = mid.map { ($0 - dex) * 100 / dex }

        // 2. stale
        if rules.maxTickerAgeSeconds > 0 {
            guard let time = ticker.time else { return decision.with(.stale, "ticker has no time", "\(market) sent no closeTime") }
            let age = cexQuote.arrivedAt.timeIntervalSince(time)
            if exceeds(age, rules.maxTickerAgeSeconds) {
                return decision.with(.stale, "ticker too old",
                                     "\(market) ticker is \(Format.shortest(age.rounded()))s old (max \(Format.shortest(rules.maxTickerAgeSeconds))s)")
            }
        }

        // 3. risk
        guard let liquidity = dexQuote.liquidityUSD else { return decision.with(.risk, "dex liquidity unknown", "") }
        if below(liquidity, rules.minDexLiquidityUSD) {
            return decision.with(.risk, "dex liquidity below minimum", "\(Format.compactUSD(liquidity)) < \(Format.compactUSD(rules.minDexLiquidityUSD))")
        }
        guard let cexVolume = ticker.quoteVolume24h else { return decision.with(.risk, "cex 24h quote volume unknown", "") }
        if below(cexVolume, rules.minCexVolume24hUSD) {
            return decision.with(.risk, "cex 24h quote volume below minimum",
                                 "\(Format.compactUSD(cexVolume))\(ticker.quoteVolumeEstimated ? " (estimated)" : "") < \(Format.compactUSD(rules.minCexVolume24hUSD))")
        }
        guard let bid, let ask, let cex = mid else {
            return decision.with(.risk, "one-sided book", "\(market) has \(bid == nil ? "no bid" : "no ask")")
        }
        let spread = (cex - dex) * 100 / dex
        let bookSpread = (ask - bid) * 100 / cex
        if exceeds(bookSpread, rules.maxBookSpreadPct) {
            return decision.with(.risk, "book spread above maximum", "\(Format.shortPercent(bookSpread)) > \(Format.shortPercent(rules.maxBookSpreadPct))")
        }

        // 4. signal rules
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
        let estimated = ticker.quoteVolumeEstimated ? " (estimated: volume × last price)" : ""
        let rateNote = rate == 1 ? "" : "; dex price in \(rules.quoteAsset) at quote rate \(Format.significant(rate))"
        decision.notes = "risk ok: dex liquidity \(Format.compactUSD(liquidity)), cex 24h quote volume \(Format.compactUSD(cexVolume))\(estimated), "
            + "book spread \(Format.shortPercent(bookSpread)); dex 24h volume \(Format.compactUSD(dexVolume)) via \(dexQuote.source)\(rateNote)"
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

extension PairDecision {
    /// A pair the burst did not ask about (its exchange was paused): an error with the reason.
    static func notAsked(_ why: String) -> PairDecision {
        PairDecision(outcome: .error, rule: "source paused", detail: why, spread: nil, side: nil, notes: "")
    }
}
