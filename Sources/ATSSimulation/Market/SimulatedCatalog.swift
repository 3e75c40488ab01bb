import ATSCore
import Foundation

/// A price that moves like a random walk yet is a pure O(1) function of time:
/// layered smooth noise (periods from 15 s to a week, amplitudes growing with the
/// period) on the log price, plus a small per-second jitter.
struct PricePath: Sendable {
    let key: UInt64
    let level: Double
    let volatility: Double
    /// The height (on the log price) of the market's repeating move, 0 for none: the
    /// coins of the BUY scenarios rise by this much over each cycle's first
    /// `cycleRiseSeconds`, then fall back. See `cycle(at:)`.
    var cycleAmplitude = 0.0

    /// The cycle is 20 minutes of Unix time (UTC), so it starts at :00, :20 and :40.
    static let cycleSeconds: Int64 = 1_200
    /// 17.5 minutes of rise: a signal raised in a cycle's first minute has its whole
    /// reward window (the 15 one-minute candles from the next whole minute) inside it.
    static let cycleRiseSeconds: Int64 = 1_050

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
        return level * exp(offset * volatility + cycle(at: second))
    }

    /// A sawtooth on the log price: up by `cycleAmplitude` over the rise, back down over
    /// the rest. Its change over any whole number of cycles is zero, so entries spread
    /// evenly over whole cycles (the baseline's hour is three) gain nothing from it.
    func cycle(at second: Int64) -> Double {
        guard cycleAmplitude != 0 else { return 0 }
        let phase = Double(((second % Self.cycleSeconds) + Self.cycleSeconds) % Self.cycleSeconds)
        let rise = Double(Self.cycleRiseSeconds)
        let fraction = phase < rise ? phase / rise : (Double(Self.cycleSeconds) - phase) / (Double(Self.cycleSeconds) - rise)
        return cycleAmplitude * fraction
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
    /// The ticker sends `quoteVolume: null` although the market trades `quoteVolume24h`
    /// (its `volume` still says so, in base units).
    var hidesQuoteVolume = false
    /// How far behind the ticker (and the book) lags: its snapshot, `closeTime` included,
    /// is this many seconds old. 0 = live.
    var tickerLagSeconds: Int64 = 0
    /// The order book `depth` serves and the ticker's best bid/ask come from.
    var book = BookShape()
}

/// The shape of MEXC's order book for one market: how wide, how deep, how many levels.
struct BookShape: Sendable {
    /// Half the best-bid-to-best-ask gap, relative to the mid; nil = seeded per market
    /// within 0.025–0.05 % (a tight 0.05–0.1 % book).
    var halfSpread: Double?
    /// The gap between neighbouring levels, relative to the best price (at least one tick).
    var levelStep = 0.0001
    /// USDT per level; nil = from the 24h volume (500–50 000, so 1000 USDT fills within ~0.1 %).
    var levelValue: Double?
    /// Levels per side; MEXC serves at most 5000.
    var levels = 5_000
    /// Each level's value varies by up to ± this fraction.
    var jitter = 0.4
}

/// A CoinGecko `coins/list` entry.
struct CoinGeckoListing: Sendable {
    let id: String
    let name: String
    /// Platform → contract, in the order served.
    var platforms: [(String, String)]
    /// CoinGecko stopped refreshing this coin this many seconds ago (0 = live, every 30 s).
    var frozenForSeconds: Int64 = 0
    /// The frozen price relative to the reference at the time it froze.
    var frozenBias = 0.0
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

/// A DEX quote token (named apart from ATSCore's `QuoteToken`, the table of real contracts).
struct SimulatedQuote: Sendable {
    let symbol: String
    let name: String
    let address: String
    /// The coin whose price the quote has (nil = USDT, the unit every price is in).
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
    let quote: SimulatedQuote
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
    /// The pool's USD prices take its quote at the $1 peg instead of the quote's own
    /// value (a depegged USDC: `priceUsd` = `priceNative`).
    var quoteAtPeg = false
    /// DexScreener counts an absurd number of buys in the last hour (`1e19`, past Int64).
    var absurdBuysH1 = false
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
    // v2 (issue 13): quote tokens, the live book, stale data.
    case staleTicker = "stale_ticker"
    case wideBook = "wide_book"
    case thinBook = "thin_book"
    case bookImpact = "book_impact"
    case depeggedQuote = "depegged_quote"
    case solQuoted = "sol_quoted"
    case nullQuoteVolume = "null_quote_volume"
    case placeholderContract = "placeholder_contract"
    case staleVerifier = "stale_verifier"
    case fakeQuote = "fake_quote"
    case hugeTradeCount = "huge_trade_count"

    /// Whether `scan` admits pools of this scenario (with the market's config: quote
    /// tokens USDC, USDT and SOL at their real contracts).
    public var admittedByScan: Bool {
        switch self {
        case .buySignal, .sellSignal, .priceGlitch, .lowCEXVolume, .thinLiquidity, .priceMismatch,
             .quiet, .lowDEXVolume, .plain, .filler,
             .staleTicker, .wideBook, .thinBook, .bookImpact, .depeggedQuote, .solQuoted, .nullQuoteVolume,
             .placeholderContract, .staleVerifier:
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
    /// The quote token's contract, as DexScreener prints it.
    public let quoteAddress: String
    /// The CoinGecko id that identity proves for the base token; nil when unproven.
    public let coingeckoID: String?
    /// Whether `scan` should put this pair on the watchlist (filler pairs are never
    /// in search or trending answers: tests put them on the watchlist directly).
    public let isWatchlistPair: Bool
    /// The MEXC market of the base asset (`ALPHAUSDT`), when MEXC lists that symbol.
    public let mexcSymbol: String?
}
