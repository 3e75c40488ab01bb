import ATSCore
import Foundation

/// A price that moves like a random walk yet is a pure O(1) function of time:
/// layered smooth noise (periods from 15 s to a week, amplitudes growing with the
/// period) on the log price, plus a small per-second jitter.
struct PricePath: Sendable {
    let key: UInt64
    let level: Double
    let volatility: Double

    private static let layers: [(period: Double, amplitude: Double)] = [
        (604_800, 0.08), (86_400, 0.04), (21_600, 0.02), (3_600, 0.01),
        (900, 0.005), (300, 0.003), (60, 0.0015), (15, 0.0007),
    ]

    func price(at second: Int64) -> Double {
        var offset = 0.0
        for (index, layer) in Self.layers.enumerated() {
            offset += layer.amplitude * SimulationNoise.smooth(key &+ UInt64(index), Double(second) / layer.period)
        }
        offset += 0.0002 * SimulationNoise.signed(SimulationNoise.hash(key, 0x7177, UInt64(bitPattern: second)))
        return level * exp(offset * volatility)
    }
}

/// DEX price = reference × (1 + divergence); the divergence wanders within
/// `center ± width` over ten-minute scales, so a scenario holds at any time of day.
struct Divergence: Sendable {
    let center: Double
    let width: Double
    let key: UInt64

    func value(at second: Int64) -> Double {
        center + width * SimulationNoise.smooth(key, Double(second) / 600)
    }
}

/// How MEXC lists an asset.
struct MEXCListing: Sendable {
    var status = "1"
    var tradeSideType = "1"
    var isSpotTradingAllowed = true
    /// What MEXC publishes as the asset's contract ("" = none).
    var contractAddress = ""
    var fullName: String
    /// 24h quote volume in USDT (`nil` = the ticker sends `quoteVolume: null`).
    var quoteVolume24h: Double?
    /// MEXC's price relative to the rest of the world (0.05 = a 5 % glitch).
    var priceBias = 0.0
}

/// A CoinGecko `coins/list` entry.
struct CoinGeckoListing: Sendable {
    let id: String
    let name: String
    /// Platform → contract, in the order served.
    var platforms: [(String, String)]
}

/// An asset with one reference price, as the exchanges and CoinGecko know it.
struct SimulatedCoin: Sendable {
    let symbol: String
    let path: PricePath
    var coingecko: CoinGeckoListing?
    var mexc: MEXCListing?
    var onBinance: Bool

    /// The price MEXC shows (the reference, plus its bias).
    func mexcPrice(at second: Int64) -> Double {
        path.price(at: second) * (1 + (mexc?.priceBias ?? 0))
    }

    /// Decimals MEXC shows for this market (fixed per symbol, as on the exchange).
    var mexcPlaces: Int { max(2, NumberText.places(for: path.level, digits: 5) + 1) }
}

/// A DEX quote token.
struct QuoteToken: Sendable {
    let symbol: String
    let name: String
    let address: String
    /// The coin whose price the quote has (nil = a USD stablecoin at 1).
    let coin: Int?
}

/// One DEX pool.
struct SimulatedPool: Sendable {
    let scenario: SimulatedScenario
    let coin: Int
    let chain: String
    let dexID: String
    let geckoTerminalDexID: String
    let baseName: String
    let baseSymbol: String
    /// As DexScreener prints it (EVM: mixed case).
    let baseAddress: String
    let quote: QuoteToken
    let pairAddress: String
    let liquidityUSD: Double
    /// What the listings (search, trending) show when it differs from the live value:
    /// their answers are cached, so a pool being drained still looks healthy there.
    var listedLiquidityUSD: Double?
    let volume24hUSD: Double
    let txnsPerHour: Double
    let divergence: Divergence
    var inSearch = true
    var inTrending = true
    var reportsPriceUSD = true
    var reportsLiquidity = true
    var reportsFDV = true
    /// No trade in the last hour: `txns.h1` zero and the `m5`/`h1` price windows omitted.
    var quietLastHour = false
    /// `priceChange.h1` far beyond the scan's limit.
    var pumping = false
    /// GeckoTerminal's quirks: `reserve_in_usd` negative and a `"NaN"` native price.
    var brokenReserve = false
    let createdAtMs: Int64
    /// The pair `scan` should choose for the watchlist (proven, admitted, most liquid).
    let isWatchlistPair: Bool
    /// The CoinGecko id identity proves for this pool's base token (nil = unproven).
    let provenCoinGeckoID: String?
}

/// What a simulated pool exists to show. `scan` admits the first group and excludes
/// the second, each for its own reason; `poll` gives each admitted one its outcome.
public enum SimulatedScenario: String, Sendable, CaseIterable, Codable {
    case buySignal = "buy_signal"
    case sellSignal = "sell_signal"
    case priceGlitch = "glitch"
    case lowCEXVolume = "low_cex_volume"
    case thinLiquidity = "thin_liquidity"
    case priceMismatch = "mismatch"
    case quiet
    case lowDEXVolume = "low_dex_volume"
    case plain
    case filler
    case quoteNotAccepted = "quote_not_accepted"
    case lowLiquidity = "low_liquidity"
    case pump
    case notListed = "not_listed"
    case marketPaused = "market_paused"
    case marketClosed = "market_closed"
    case contractCollision = "contract_collision"
    case homonymCollision = "homonym_collision"
    case noActivity = "no_activity"
    case incompleteData = "incomplete_data"

    /// Whether `scan` admits pools of this scenario.
    public var admittedByScan: Bool {
        switch self {
        case .buySignal, .sellSignal, .priceGlitch, .lowCEXVolume, .thinLiquidity, .priceMismatch,
             .quiet, .lowDEXVolume, .plain, .filler:
            return true
        default:
            return false
        }
    }
}

/// A pool as tests and the demo see it: enough to fill the watchlist table directly.
public struct SimulatedPair: Sendable, Equatable {
    public let scenario: SimulatedScenario
    /// Canonical chain id (`solana`, `bsc`, `base`).
    public let chainID: String
    public let dexID: String
    /// As DexScreener prints it (EVM addresses mixed case; compare lowercased).
    public let pairAddress: String
    public let baseAddress: String
    public let baseSymbol: String
    public let quoteSymbol: String
    /// The CoinGecko id that identity proves for the base token; nil when unproven.
    public let coingeckoID: String?
    /// Whether `scan` should put this pair on the watchlist (filler pairs are never
    /// in search or trending answers: tests put them on the watchlist directly).
    public let isWatchlistPair: Bool
    /// The MEXC market of the base asset (`ALPHAUSDT`), when MEXC lists that symbol.
    public let mexcSymbol: String?
}
