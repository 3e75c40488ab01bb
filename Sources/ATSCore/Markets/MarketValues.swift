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

/// One market's 24h ticker. Only the volume in the QUOTE currency is carried: base-unit
/// volume is a different quantity and must never stand in for it.
public struct ExchangeTicker: Sendable, Equatable {
    public var symbol: String
    public var lastPrice: Double?
    public var quoteVolume24h: Double?
    /// A fraction (0.05 = +5 %), whatever unit the exchange sends.
    public var changeFraction24h: Double?
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
