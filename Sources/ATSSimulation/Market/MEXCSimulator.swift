import ATSCore
import Foundation

/// MEXC spot v3 answers: numbers as strings, `priceChangePercent` as a fraction,
/// `quoteVolume` sometimes null, `bidQty`/`askQty` sometimes `""`, `count` null,
/// statuses as strings, contract addresses often empty.
extension SimulatedMarketModel {
    static let mexcMaxKlines = 1_000
    static let mexcDefaultKlines = 500
    /// Supported intervals and their length; MEXC's `1h` is `60m` (anything else is refused).
    static let mexcIntervals: [String: Int64] = ["1m": 60, "5m": 300, "15m": 900, "30m": 1_800, "60m": 3_600]

    /// Markets beyond the coins: another quote, and one long offline.
    private var extraMarkets: [SimulatedJSON] {
        [
            mexcSymbol(symbol: "ALPHAUSDC", base: "ALPHA", quote: "USDC", listing: MEXCListing(fullName: "Alpha Protocol")),
            mexcSymbol(symbol: "OLDUSDT", base: "OLD", quote: "USDT",
                       listing: MEXCListing(status: "3", tradeSideType: "4", isSpotTradingAllowed: false, fullName: "Old Coin")),
        ]
    }

    func mexcExchangeInfo(at second: Int64) -> SimulatedJSON {
        let symbols = mexcCoins.map { mexcSymbol(symbol: $0.symbol + Self.quoteAsset, base: $0.symbol, quote: Self.quoteAsset, listing: $0.mexc!) }
        return .object([
            ("timezone", .string("CST")), ("serverTime", .int(second * 1000)), ("rateLimits", .array([])),
            ("exchangeFilters", .array([])), ("symbols", .array(symbols + extraMarkets)),
        ])
    }

    private func mexcSymbol(symbol: String, base: String, quote: String, listing: MEXCListing) -> SimulatedJSON {
        .object([
            ("symbol", .string(symbol)), ("status", .string(listing.status)), ("baseAsset", .string(base)),
            ("baseAssetPrecision", .int(2)), ("quoteAsset", .string(quote)), ("quotePrecision", .int(6)),
            ("quoteAssetPrecision", .int(6)), ("baseCommissionPrecision", .int(2)), ("quoteCommissionPrecision", .int(6)),
            ("orderTypes", .array([.string("LIMIT"), .string("MARKET"), .string("LIMIT_MAKER")])),
            ("isSpotTradingAllowed", .bool(listing.isSpotTradingAllowed)), ("isMarginTradingAllowed", .bool(false)),
            ("quoteAmountPrecision", .string("1")), ("baseSizePrecision", .string("0")), ("permissions", .array([.string("SPOT")])),
            ("filters", .array([])), ("maxQuoteAmount", .string("2000000")), ("makerCommission", .string("0")),
            ("takerCommission", .string("0.0005")), ("quoteAmountPrecisionMarket", .string("1")),
            ("maxQuoteAmountMarket", .string("100000")), ("fullName", .string(listing.fullName)),
            ("tradeSideType", .string(listing.tradeSideType)), ("contractAddress", .string(listing.contractAddress)),
            ("st", .bool(listing.status != "1")),
        ])
    }

    /// All 24h tickers, or one (`nil` when MEXC does not know the symbol), as of `nowMs`.
    func mexcTickers(symbol: String?, nowMs: Int64) -> SimulatedJSON? {
        if let symbol {
            return mexcCoin(market: symbol).map { mexcTicker($0, nowMs: nowMs) }
        }
        return .array(mexcCoins.map { mexcTicker($0, nowMs: nowMs) })
    }

    /// The ticker is a snapshot: its prices, book and `closeTime` are of one instant, now
    /// (or, for a lagging market, that many seconds ago).
    private func mexcTicker(_ coin: SimulatedCoin, nowMs: Int64) -> SimulatedJSON {
        let listing = coin.mexc!
        let closeMs = nowMs - listing.tickerLagSeconds * 1000
        let second = Self.floorDiv(closeMs, 1000)
        let places = coin.mexcPlaces
        let text = { (value: Double) in SimulatedJSON.string(NumberText.decimal(value, places: places, trim: false)) }
        let last = coin.mexcPrice(at: second)
        let open = coin.mexcPrice(at: second - 86_400)
        var high = max(last, open), low = min(last, open)
        for step in stride(from: Int64(900), to: 86_400, by: 900) {
            let price = coin.mexcPrice(at: second - step)
            high = max(high, price)
            low = min(low, price)
        }
        let book = mexcBook(coin, at: second)
        let best = (bid: book.levels(.bid, limit: 1).first, ask: book.levels(.ask, limit: 1).first)
        let wobble = 1 + 0.1 * SimulationNoise.smooth(coin.path.key &+ 0x77, Double(second) / 3_600)
        let traded = listing.quoteVolume24h.map { $0 * wobble }
        let volume = (traded ?? 250_000 * wobble) / ((high + low) / 2)
        let quoteVolume = listing.hidesQuoteVolume ? nil : traded
        let bidQuantity = SimulationNoise.hash(coin.path.key, UInt64(bitPattern: second)) % 4 == 0 ? "" : book.quantityText(best.bid?.quantity ?? 0)
        return .object([
            ("symbol", .string(coin.symbol + Self.quoteAsset)),
            ("priceChange", .string(NumberText.decimal(last - open, places: places, trim: false))),
            ("priceChangePercent", .string(NumberText.decimal((last - open) / open, places: 4, trim: false))),
            ("prevClosePrice", text(open)), ("lastPrice", text(last)),
            ("bidPrice", .string(book.priceText(book.bid))), ("bidQty", .string(bidQuantity)),
            ("askPrice", .string(book.priceText(book.ask))), ("askQty", .string(book.quantityText(best.ask?.quantity ?? 0))),
            ("openPrice", text(open)), ("highPrice", text(high)), ("lowPrice", text(low)),
            ("volume", .string(NumberText.decimal(volume, places: 2, trim: false))),
            ("quoteVolume", quoteVolume.map { .string(NumberText.decimal($0, places: 2, trim: false)) } ?? .null),
            ("openTime", .int((second - 86_400) * 1000)), ("closeTime", .int(closeMs)), ("count", .null),
        ])
    }

    /// Candles whose open time lies in [start, end] and not after now (the current,
    /// still open one included), oldest first, at most `limit`. Without `start`,
    /// the latest `limit` candles up to `end`.
    func mexcKlines(_ coin: SimulatedCoin, intervalSeconds: Int64, startMs: Int64?, endMs: Int64?, limit: Int, nowSecond: Int64) -> SimulatedJSON {
        let step = intervalSeconds
        let lastOpen = Self.floor(min(endMs.map { Self.floorDiv($0, 1000) } ?? nowSecond, nowSecond), step)
        var firstOpen: Int64
        if let startMs {
            firstOpen = Self.floor(Self.floorDiv(startMs + 999, 1000) + step - 1, step)
        } else {
            firstOpen = lastOpen - Int64(limit - 1) * step
        }
        var rows: [SimulatedJSON] = []
        let places = coin.mexcPlaces
        let text = { (value: Double) in SimulatedJSON.string(NumberText.decimal(value, places: places, trim: false)) }
        while firstOpen <= lastOpen, rows.count < limit {
            let candle = candle(coin, openSecond: firstOpen, intervalSeconds: step, nowSecond: nowSecond)
            rows.append(.array([
                .int(firstOpen * 1000), text(candle.open), text(candle.high), text(candle.low), text(candle.close),
                .string(NumberText.decimal(candle.volume, places: 2, trim: false)), .int((firstOpen + step) * 1000),
                .string(NumberText.decimal(candle.quoteVolume, places: 2, trim: false)),
            ]))
            firstOpen += step
        }
        return .array(rows)
    }

    static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    static func floor(_ second: Int64, _ step: Int64) -> Int64 { floorDiv(second, step) * step }
}
