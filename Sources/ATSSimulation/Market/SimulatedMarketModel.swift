import ATSCore
import Foundation

/// The simulated market's state at any instant: a pure function of (seed, time).
/// The HTTP server renders it in each API's format; tests may read it directly.
public struct SimulatedMarketModel: Sendable {
    public let seed: UInt64
    let coins: [SimulatedCoin]
    let pools: [SimulatedPool]
    private let poolsByAddress: [String: Int]
    private let mexcBySymbol: [String: Int]
    private let coinsByCoinGeckoID: [String: Int]

    /// The networks and DexScreener queries whose answers hold the scenario pools.
    public static let chains = ["solana", "bsc", "base"]
    public static var searchQueries: [String] { chains.map { "\($0) usd" } }
    public static var geckoTerminalNetworks: [String] { chains.compactMap { Chain.byID($0)?.geckoTerminalNetwork } }
    public static let quoteAsset = "USDT"
    /// The DEX quote tokens the market's config admits (SOL for the SOL-quoted scenario).
    public static let quoteSymbols = ["USDC", "USDT", "SOL"]
    /// Room for every scenario pair `scan` admits (19), so each one is polled.
    public static let watchlistSize = 20

    public init(seed: UInt64, extraPairs: Int = 0) {
        var builder = SimulatedCatalogBuilder(seed: seed)
        builder.addScenarios()
        builder.addFillers(max(0, extraPairs))
        self.seed = seed
        coins = builder.coins
        pools = builder.pools
        var byAddress: [String: Int] = [:]
        for (index, pool) in pools.enumerated() { byAddress[Self.lookupKey(pool.chain, pool.pairAddress)] = index }
        poolsByAddress = byAddress
        var mexc: [String: Int] = [:]
        var geckoIDs: [String: Int] = [:]
        for (index, coin) in coins.enumerated() {
            if coin.mexc != nil {
                precondition(mexc[coin.symbol] == nil, "two MEXC listings for \(coin.symbol)")
                mexc[coin.symbol] = index
            }
            if let id = coin.coingecko?.id { geckoIDs[id] = index }
        }
        mexcBySymbol = mexc
        coinsByCoinGeckoID = geckoIDs
    }

    /// Every pool, scenario and filler, in a stable order.
    public var pairs: [SimulatedPair] {
        pools.map { pool in
            SimulatedPair(
                scenario: pool.scenario, chainID: pool.chain, dexID: pool.dexID, pairAddress: pool.pairAddress,
                baseAddress: pool.baseAddress, baseSymbol: pool.baseSymbol, quoteSymbol: pool.quote.symbol,
                quoteAddress: pool.quote.address, coingeckoID: pool.provenCoinGeckoID, isWatchlistPair: pool.isWatchlistPair,
                mexcSymbol: mexcBySymbol[pool.baseSymbol] != nil ? pool.baseSymbol + Self.quoteAsset : nil)
        }
    }

    /// The pairs `scan` should put on the watchlist, scenario pairs first.
    public var watchlistPairs: [SimulatedPair] { pairs.filter(\.isWatchlistPair) }

    static func lookupKey(_ chain: String, _ address: String) -> String {
        chain + "/" + ChainAddress.normalize(address)
    }

    func pool(chain: String, address: String) -> SimulatedPool? {
        poolsByAddress[Self.lookupKey(chain, address)].map { pools[$0] }
    }

    func mexcCoin(market symbol: String) -> SimulatedCoin? {
        guard symbol.hasSuffix(Self.quoteAsset) else { return nil }
        return mexcBySymbol[String(symbol.dropLast(Self.quoteAsset.count))].map { coins[$0] }
    }

    var mexcCoins: [SimulatedCoin] {
        coins.filter { $0.mexc != nil }
    }

    func coin(coingeckoID id: String) -> SimulatedCoin? {
        coinsByCoinGeckoID[id].map { coins[$0] }
    }

    // MARK: Prices

    /// MEXC's last price at `second` (the glitch included).
    public func mexcPrice(symbol: String, at second: Int64) -> Double? {
        mexcCoin(market: symbol)?.mexcPrice(at: second)
    }

    /// The quote token's value in USDT (= USD on the DEXs); USDT itself is 1.
    func quotePrice(_ quote: SimulatedQuote, at second: Int64) -> Double {
        quote.coin.map { coins[$0].path.price(at: second) } ?? 1
    }

    func dexPrice(_ pool: SimulatedPool, at second: Int64) -> Double {
        coins[pool.coin].path.price(at: second) * (1 + pool.divergence.value(at: second))
    }

    /// CoinGecko refreshes about every 30 s: its price is the reference at the last
    /// refresh, off by at most 0.1 %. A frozen coin's last refresh is long past.
    func coinGeckoPrice(_ coin: SimulatedCoin, at second: Int64) -> (price: Double, updatedAt: Int64) {
        let frozen = coin.coingecko?.frozenForSeconds ?? 0
        let updated = Self.floor(second - frozen, 30)
        let noise = 0.001 * SimulationNoise.signed(SimulationNoise.hash(coin.path.key, 0xC6, UInt64(bitPattern: updated)))
        let bias = frozen > 0 ? coin.coingecko?.frozenBias ?? 0 : 0
        return (coin.path.price(at: updated) * (1 + noise) * (1 + bias), updated)
    }

    /// Binance's price: the live reference, off by at most 0.05 %.
    func binancePrice(_ coin: SimulatedCoin, at second: Int64) -> Double {
        coin.path.price(at: second) * (1 + 0.0005 * SimulationNoise.signed(SimulationNoise.hash(coin.path.key, 0xB1, UInt64(bitPattern: second))))
    }

    // MARK: Candles

    /// One MEXC candle sampled per second from the same path as the ticker, so a
    /// ticker price served at `t` lies in [low, high] of `t`'s candle. The candle of
    /// the current minute holds the seconds up to `now` only.
    func candle(_ coin: SimulatedCoin, openSecond: Int64, intervalSeconds: Int64, nowSecond: Int64) -> SimulatedCandle {
        let last = min(openSecond + intervalSeconds - 1, nowSecond)
        let open = coin.mexcPrice(at: openSecond)
        var high = open, low = open, close = open
        var second = openSecond + 1
        while second <= last {
            close = coin.mexcPrice(at: second)
            high = max(high, close)
            low = min(low, close)
            second += 1
        }
        let perMinute = (coin.mexc?.quoteVolume24h ?? 0) / 1_440 * Double(intervalSeconds) / 60
        let share = 0.4 + 1.2 * SimulationNoise.unit(SimulationNoise.hash(coin.path.key, 0x5A, UInt64(bitPattern: openSecond)))
        let covered = Double(last - openSecond + 1) / Double(intervalSeconds)
        let quoteVolume = perMinute * share * covered
        return SimulatedCandle(openSecond: openSecond, open: open, high: high, low: low, close: close,
                               volume: quoteVolume / ((high + low) / 2), quoteVolume: quoteVolume)
    }
}

struct SimulatedCandle {
    let openSecond: Int64
    let open, high, low, close, volume, quoteVolume: Double
}
