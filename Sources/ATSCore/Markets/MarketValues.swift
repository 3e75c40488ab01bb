import Foundation

// The values the stages use, whichever API answered. Each `Markets/<API>/` folder
// translates its wire types into these once; the stages never read a wire type's fields.

/// A token of a DEX pair.
public struct DexToken: Sendable, Equatable {
    public var address: String
    /// Nil when the answer names the token only by id (a GeckoTerminal token missing from
    /// `included`): such a pair can be priced but not judged by its tickers.
    public var symbol: String?
}

/// A DEX pair as one answer shows it. Numbers are finite or nil (no data), never NaN.
public struct DexPair: Sendable, Equatable {
    /// Canonical chain id (see `Chain`).
    public var chainId: String
    public var pairAddress: String
    public var dexId: String?
    /// Nil when the answer does not say (a GeckoTerminal pool without that relationship).
    public var base: DexToken?
    public var quote: DexToken?
    public var priceUSD: Double?
    /// The base token's price in quote-token units (the pair's own price, no conversion).
    public var priceNative: Double?
    public var liquidityUSD: Double?
    public var volume24hUSD: Double?
    /// Percent.
    public var priceChangeH1: Double?
    public var buysH1: Int?
    public var sellsH1: Int?

    /// Buys + sells in the last hour; nil when the answer has neither, or when their sum is
    /// no count an `Int` holds (two counts near `Int.max` would otherwise trap when added).
    public var transactionsH1: Int? {
        guard buysH1 != nil || sellsH1 != nil else { return nil }
        let (sum, overflow) = (buysH1 ?? 0).addingReportingOverflow(sellsH1 ?? 0)
        return overflow ? nil : sum
    }
}

/// One market the exchange lists (`JUPUSDT`), as the scan judges it.
public struct ExchangeMarket: Sendable, Equatable {
    public var symbol: String
    public var baseAsset: String
    /// Online, spot trading allowed, and not closed to both sides (the exchange's own rule).
    public var isOpenForSpot: Bool
    /// The exchange's raw status and side codes: an exclusion quotes them to the operator.
    public var status: String?
    public var tradeSideType: String?
    /// The asset's contract as the exchange publishes it, if it does.
    public var contractAddress: String?
    public var fullName: String?
}

/// One market's 24h ticker, with its best bid and ask and its own time.
public struct ExchangeTicker: Sendable, Equatable {
    public var symbol: String
    public var lastPrice: Double?
    public var bid: Double?
    public var ask: Double?
    /// 24h volume in the QUOTE currency. When the exchange sends none, `volume × lastPrice`
    /// (base units times the price) and `quoteVolumeEstimated` says so; base-unit volume
    /// itself never stands in for it.
    public var quoteVolume24h: Double?
    public var quoteVolumeEstimated: Bool = false
    /// A fraction (0.05 = +5 %), whatever unit the exchange sends.
    public var changeFraction24h: Double?
    /// When the exchange took this snapshot (MEXC `closeTime`; see docs/market-apis.md).
    public var time: Date?

    /// The mid of the book, when both sides are usable.
    public var mid: Double? {
        guard let bid, let ask, bid > 0, ask > 0 else { return nil }
        return bid / 2 + ask / 2  // halves first: two huge prices do not overflow
    }
}

/// One side's levels of an order book, best first: price and quantity in base units.
public struct BookLevel: Sendable, Equatable {
    public var price: Double
    public var quantity: Double
}

/// An order book as the exchange sent it (only usable levels: finite, positive).
public struct OrderBook: Sendable, Equatable {
    public var bids: [BookLevel]
    public var asks: [BookLevel]
}

/// One coin of CoinGecko's list, as the identity rules need it.
public struct CoinListing: Sendable, Equatable {
    public var id: String
    public var symbol: String
    public var name: String
    /// CoinGecko platform id → contract address (normalised).
    public var platforms: [String: String]

    public init(id: String, symbol: String, name: String, platforms: [String: String]) {
        self.id = id
        self.symbol = symbol
        self.name = name
        self.platforms = platforms
    }
}
