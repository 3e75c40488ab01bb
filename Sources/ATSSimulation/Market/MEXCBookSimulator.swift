import ATSCore
import Foundation

/// One market's order book at one second. The ticker's `bidPrice`/`askPrice` are its
/// best levels, and `depth` serves its levels, so the two always agree. Prices live on
/// the market's tick grid (the decimals MEXC shows for it), best first, and every
/// level is a pure function of (seed, market, second, side, index).
struct SimulatedBook {
    enum Side: UInt64 { case bid = 1, ask = 2 }

    struct Level {
        let price: Double
        let quantity: Double
    }

    let places: Int
    let quantityPlaces: Int
    let bestBidTicks: Int64
    let bestAskTicks: Int64
    let stepTicks: Int64
    let levelValue: Double
    let levels: Int
    let jitter: Double
    let key: UInt64
    let second: Int64

    var tick: Double { pow(10, -Double(places)) }
    var bid: Double { Double(bestBidTicks) * tick }
    var ask: Double { Double(bestAskTicks) * tick }

    /// The best `limit` levels of one side (fewer when the book holds fewer, or when
    /// bids would reach zero).
    func levels(_ side: Side, limit: Int) -> [Level] {
        var out: [Level] = []
        for index in 0..<min(limit, levels) {
            let offset = Int64(index) * stepTicks
            let ticks = side == .bid ? bestBidTicks - offset : bestAskTicks + offset
            guard ticks > 0 else { break }
            let price = Double(ticks) * tick
            let noise = SimulationNoise.signed(SimulationNoise.hash(key, side.rawValue &* 0x1_0000 &+ UInt64(index), UInt64(bitPattern: second)))
            let quantity = levelValue * (1 + jitter * noise) / price
            out.append(Level(price: price, quantity: max(quantity, pow(10, -Double(quantityPlaces)))))
        }
        return out
    }

    func priceText(_ value: Double) -> String { NumberText.decimal(value, places: places, trim: false) }
    func quantityText(_ value: Double) -> String { NumberText.decimal(value, places: quantityPlaces, trim: false) }
}

extension SimulatedMarketModel {
    static let mexcDefaultDepth = 100
    static let mexcMaxDepth = 5_000

    /// The book of `coin`'s USDT market at `second`: centred near the last price (which
    /// lies inside it), `halfSpread` either side.
    func mexcBook(_ coin: SimulatedCoin, at second: Int64) -> SimulatedBook {
        let shape = coin.mexc?.book ?? BookShape()
        let key = SimulationNoise.hash(coin.path.key, 0xB00C)
        let half = shape.halfSpread ?? (0.00025 + 0.00025 * SimulationNoise.unit(key))
        let last = coin.mexcPrice(at: second)
        // The last trade sits inside the book, not always at its middle.
        let drift = min(0.6 * half, 0.0003) * SimulationNoise.smooth(key &+ 1, Double(second) / 37)
        let mid = last * (1 + drift)
        let places = coin.mexcPlaces
        let tick = pow(10, -Double(places))
        let bid = Int64((mid * (1 - half) / tick).rounded(.down))
        let ask = max(Int64((mid * (1 + half) / tick).rounded(.up)), bid + 1)
        let step = max(1, Int64((mid * shape.levelStep / tick).rounded()))
        let value = shape.levelValue ?? min(max((coin.mexc?.quoteVolume24h ?? 1_000_000) / 2_000, 500), 50_000)
        // Base units to about 1/100 of a cent's worth, as MEXC's base precision does.
        let quantityPlaces = min(8, max(2, Int(log10(max(mid, 1e-12)).rounded(.up)) + 2))
        return SimulatedBook(
            places: places, quantityPlaces: quantityPlaces, bestBidTicks: bid, bestAskTicks: ask, stepTicks: step,
            levelValue: value, levels: min(shape.levels, Self.mexcMaxDepth), jitter: shape.jitter, key: key, second: second)
    }

    /// `GET /api/v3/depth`: `{"lastUpdateId","bids":[["price","qty"],…],"asks":[…],"timestamp"}`,
    /// best first, at most `limit` levels a side. A lagging market's book lags with its ticker.
    func mexcDepth(_ coin: SimulatedCoin, limit: Int, nowMs: Int64) -> SimulatedJSON {
        let lag = coin.mexc?.tickerLagSeconds ?? 0
        let second = Self.floorDiv(nowMs, 1000) - lag
        let book = mexcBook(coin, at: second)
        let rows = { (side: SimulatedBook.Side) in
            SimulatedJSON.array(book.levels(side, limit: limit).map { level in
                .array([.string(book.priceText(level.price)), .string(book.quantityText(level.quantity))])
            })
        }
        // An update id that only grows with time, different per market.
        let updateID = 3_000_000_000 + Int64(book.key % 1_000_000_000) + second * 7
        return .object([
            ("lastUpdateId", .int(updateID)), ("bids", rows(.bid)), ("asks", rows(.ask)), ("timestamp", .int(nowMs - lag * 1000)),
        ])
    }
}
