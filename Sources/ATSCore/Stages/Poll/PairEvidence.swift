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
    /// The base token's price in the pair's own quote token.
    public var priceNative: Double?
    public var priceUSD: Double?
    public var liquidityUSD: Double?
    public var volume24hUSD: Double?
    public var latencyMs: Int

    public init(source: String, priceNative: Double?, priceUSD: Double? = nil, liquidityUSD: Double?, volume24hUSD: Double?, latencyMs: Int) {
        self.source = source
        self.priceNative = priceNative
        self.priceUSD = priceUSD
        self.liquidityUSD = liquidityUSD
        self.volume24hUSD = volume24hUSD
        self.latencyMs = latencyMs
    }
}

/// The exchange side: the market's ticker from the all-tickers answer, and when that
/// answer arrived (the staleness rule compares the ticker's own time with it).
public struct CexQuote: Sendable, Equatable {
    public var market: String
    public var ticker: ExchangeTicker
    public var arrivedAt: Date
    public var latencyMs: Int

    public init(market: String, ticker: ExchangeTicker, arrivedAt: Date, latencyMs: Int) {
        self.market = market
        self.ticker = ticker
        self.arrivedAt = arrivedAt
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
/// Verifier readings and the order book are asked only for would-be signals.
public struct PairEvidence: Sendable, Equatable {
    public var dex: Sourced<DexQuote>
    public var cex: Sourced<CexQuote>
    /// The pair's quote token in the quote asset (1 for the quote asset itself).
    public var rate: Sourced<Double>
    public var verifiers: [VerifierCheck]
    /// Nil: not asked (the pair was not a would-be signal).
    public var book: Sourced<OrderBook>?
    public var bookLatencyMs: Int?

    public init(dex: Sourced<DexQuote>, cex: Sourced<CexQuote>, rate: Sourced<Double> = .value(1), verifiers: [VerifierCheck] = [],
                book: Sourced<OrderBook>? = nil, bookLatencyMs: Int? = nil) {
        self.dex = dex
        self.cex = cex
        self.rate = rate
        self.verifiers = verifiers
        self.book = book
        self.bookLatencyMs = bookLatencyMs
    }

    /// The slowest request that fed this pair (requests run concurrently, so the
    /// data was complete when the slowest one answered).
    public var latencyMs: Int? {
        let all = [dex.value?.latencyMs, cex.value?.latencyMs, bookLatencyMs] + verifiers.map(\.latencyMs)
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
