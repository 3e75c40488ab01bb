import Foundation

/// `exchangeInfo`: status is a string (`"1"` online, `"2"` paused, `"3"` offline).
public struct MEXCExchangeInfo: Decodable, Sendable {
    public let symbols: [MEXCSymbol]

    enum CodingKeys: String, CodingKey { case symbols }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        symbols = try container.decode(LossyArray<MEXCSymbol>.self, forKey: .symbols).elements
    }
}

public struct MEXCSymbol: Decodable, Sendable, Equatable {
    public let symbol: String
    public let status: String?
    public let baseAsset: String
    public let quoteAsset: String
    public let isSpotTradingAllowed: Bool
    /// `"1"` all, `"2"` buy only, `"3"` sell only, `"4"` closed.
    public let tradeSideType: String?
    public let contractAddress: String?
    public let fullName: String?

    /// Online, spot trading allowed, and not closed to both sides.
    public var isOpenForSpot: Bool {
        status == "1" && isSpotTradingAllowed && tradeSideType != "4"
    }

    enum CodingKeys: String, CodingKey {
        case symbol, status, baseAsset, quoteAsset, isSpotTradingAllowed, tradeSideType, contractAddress, fullName
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try container.decode(String.self, forKey: .symbol)
        status = container.text(.status)
        baseAsset = try container.decode(String.self, forKey: .baseAsset)
        quoteAsset = try container.decode(String.self, forKey: .quoteAsset)
        isSpotTradingAllowed = (try? container.decodeIfPresent(Bool.self, forKey: .isSpotTradingAllowed)) ?? false
        tradeSideType = container.text(.tradeSideType)
        contractAddress = container.text(.contractAddress).flatMap { $0.isEmpty ? nil : $0 }
        fullName = container.text(.fullName)
    }

    /// The market as the scan judges it.
    public var market: ExchangeMarket {
        ExchangeMarket(symbol: symbol, baseAsset: baseAsset, isOpenForSpot: isOpenForSpot, status: status,
                       tradeSideType: tradeSideType, contractAddress: contractAddress, fullName: fullName)
    }
}

/// One `ticker/24hr` entry. `volume` is in base units; `quoteVolume` (USDT) is what
/// volume rules use, and may be `null`.
public struct MEXCTicker: Decodable, Sendable, Equatable {
    public let symbol: String
    public let lastPrice: Double?
    public let bidPrice: Double?
    public let askPrice: Double?
    public let quoteVolume: Double?
    public let baseVolume: Double?
    /// 24h change as a FRACTION on MEXC (`0.0173` = +1.73 %), unlike Binance's percentage.
    public let priceChangeFraction: Double?
    /// Milliseconds; within seconds of the request in captured answers: the snapshot's time.
    public let closeTime: Int64?

    enum CodingKeys: String, CodingKey { case symbol, lastPrice, bidPrice, askPrice, quoteVolume, volume, priceChangePercent, closeTime }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try container.decode(String.self, forKey: .symbol)
        lastPrice = container.number(.lastPrice)
        bidPrice = container.number(.bidPrice)
        askPrice = container.number(.askPrice)
        quoteVolume = container.number(.quoteVolume)
        baseVolume = container.number(.volume)
        priceChangeFraction = container.number(.priceChangePercent)
        closeTime = (try? container.decodeIfPresent(MarketNumber.self, forKey: .closeTime))?.flatMap { $0.whole(Int64.self) }
    }

    /// The ticker as the poll uses it. A missing `quoteVolume` is estimated from the base
    /// volume at the last price (MEXC sends `null` for some markets), and marked so.
    public var ticker: ExchangeTicker {
        var estimated: Double?
        if quoteVolume == nil, let base = MarketNumber(baseVolume).nonNegative, let last = MarketNumber(lastPrice).positive {
            estimated = MarketNumber(base * last).nonNegative
        }
        return ExchangeTicker(
            symbol: symbol, lastPrice: lastPrice, bid: bidPrice, ask: askPrice, quoteVolume24h: quoteVolume ?? estimated,
            quoteVolumeEstimated: quoteVolume == nil && estimated != nil, changeFraction24h: priceChangeFraction,
            time: closeTime.map { Date(milliseconds: $0) })
    }
}

/// One 1-minute candle: `[openTime, open, high, low, close, volume, closeTime, quoteVolume]`.
public struct MEXCKline: Decodable, Sendable, Equatable {
    public let openTime: Int64
    public let open: Double?
    public let high: Double?
    public let low: Double?
    public let close: Double?
    public let closeTime: Int64?

    public init(openTime: Int64, open: Double?, high: Double?, low: Double?, close: Double?, closeTime: Int64?) {
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.closeTime = closeTime
    }

    public init(from decoder: any Decoder) throws {
        var row = try decoder.unkeyedContainer()
        guard let open = try row.decode(MarketNumber.self).whole(Int64.self) else {
            throw DecodingError.dataCorruptedError(in: row, debugDescription: "kline without an open time")
        }
        openTime = open
        self.open = try row.decode(MarketNumber.self).value
        high = try row.decode(MarketNumber.self).value
        low = try row.decode(MarketNumber.self).value
        close = try row.decode(MarketNumber.self).value
        _ = try? row.decode(MarketNumber.self)
        closeTime = (try? row.decode(MarketNumber.self))?.whole(Int64.self)
    }
}
