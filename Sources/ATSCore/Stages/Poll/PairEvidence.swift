import Foundation

/// A value one source provided for a pair, or why there is none.
public enum Sourced<Value: Sendable & Equatable>: Sendable, Equatable {
    case value(Value)
    case missing(String)

    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

/// The DEX side of a pair as one burst saw it (numbers already read as finite-or-nil).
public struct DexQuote: Sendable, Equatable {
    public var source: String
    public var priceUSD: Double?
    public var liquidityUSD: Double?
    public var volume24hUSD: Double?
    public var latencyMs: Int

    public init(source: String, priceUSD: Double?, liquidityUSD: Double?, volume24hUSD: Double?, latencyMs: Int) {
        self.source = source
        self.priceUSD = priceUSD
        self.liquidityUSD = liquidityUSD
        self.volume24hUSD = volume24hUSD
        self.latencyMs = latencyMs
    }
}

/// The exchange side. Only the 24h volume in the QUOTE currency is carried: base-unit
/// volume is a different quantity and must never stand in for it.
public struct CexQuote: Sendable, Equatable {
    public var market: String
    public var price: Double?
    public var quoteVolume24h: Double?
    /// MEXC's `priceChangePercent`, a fraction (0.05 = +5 %).
    public var changeFraction24h: Double?
    public var latencyMs: Int

    public init(market: String, price: Double?, quoteVolume24h: Double?, changeFraction24h: Double?, latencyMs: Int) {
        self.market = market
        self.price = price
        self.quoteVolume24h = quoteVolume24h
        self.changeFraction24h = changeFraction24h
        self.latencyMs = latencyMs
    }
}

/// One verifier's reading of a pair, with the latency of the request that produced it.
public struct VerifierCheck: Sendable, Equatable {
    public var verifier: String
    public var reading: VerifierReading
    /// Nil when no request answered for this pair.
    public var latencyMs: Int?

    public init(verifier: String, reading: VerifierReading, latencyMs: Int? = nil) {
        self.verifier = verifier
        self.reading = reading
        self.latencyMs = latencyMs
    }
}

/// Everything one burst learned about one pair: the input of `PairEvaluator`.
public struct PairEvidence: Sendable, Equatable {
    public var dex: Sourced<DexQuote>
    public var cex: Sourced<CexQuote>
    public var verifiers: [VerifierCheck]

    public init(dex: Sourced<DexQuote>, cex: Sourced<CexQuote>, verifiers: [VerifierCheck] = []) {
        self.dex = dex
        self.cex = cex
        self.verifiers = verifiers
    }

    /// The slowest request that fed this pair (requests run concurrently, so the
    /// data was complete when the slowest one answered).
    public var latencyMs: Int? {
        let all = [dex.value?.latencyMs, cex.value?.latencyMs] + verifiers.map(\.latencyMs)
        return all.compactMap { $0 }.max()
    }

    /// Verifier name → price, or nil when it could not answer (the `verifier_prices` JSON).
    public var verifierPrices: [String: Double?] {
        Dictionary(verifiers.map { check in
            if case .price(let price) = check.reading { return (check.verifier, Optional(price)) }
            return (check.verifier, nil)
        }, uniquingKeysWith: { first, _ in first })
    }
}

/// A coarse label of the exchange market's last 24 hours, stored on each signal so
/// rewards can be compared across regimes: `up` when MEXC's 24h change is at least
/// +5 %, `down` when it is at most −5 %, otherwise `flat`; nil when unknown.
public enum MarketRegime {
    public static let threshold = 0.05

    public static func label(changeFraction: Double?) -> String? {
        guard let change = changeFraction, change.isFinite else { return nil }
        if change >= threshold { return "up" }
        if change <= -threshold { return "down" }
        return "flat"
    }
}
