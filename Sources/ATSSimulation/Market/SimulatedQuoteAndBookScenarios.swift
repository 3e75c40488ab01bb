import ATSCore
import Foundation

/// The scenarios of the v2 poll and scan (issue 13; also in docs/simulated-market.md):
/// prices in the pool's own quote token, the exchange's rate for it, the live book,
/// stale data. Spread (in USDT) = (MEXC mid − DEX price in quote × rate) / that DEX
/// price; the rate of USDC is `USDCUSDT` (1.006), of SOL `SOLUSDT`.
///
/// | ticker  | chain  | quote | scenario              | found by | what makes it so |
/// |---------|--------|-------|-----------------------|----------|------------------|
/// | VICTOR  | solana | USDC  | stale ticker          | DS+GT    | ticker (and book) 600 s old: `closeTime` = now − 10 min; spread within ±0.4 % |
/// | WHISKEY | bsc    | USDT  | risk: book spread     | DS       | bid/ask 5 % either side of the mid: a 10 % book |
/// | XRAY    | base   | USDC  | thin book             | DS+GT    | spread +1.7…+2.8 %, but 12 levels of ~25 USDT a side (~300 USDT) |
/// | YANKEE  | solana | USDC  | BUY, entry off mid    | DS+GT    | spread +1.9…+3.2 %; asks 0.05 % apart, ~150 USDT each: a 1000 USDT BUY fills ~0.19 % above the mid |
/// | ZULU    | base   | USDC  | depegged quote        | DS       | USD prices take USDC at $1: priceUsd 0.6 % below MEXC, yet in USDT (× 1.006) the spread is ~0 |
/// | SIGMA   | solana | SOL   | SELL via SOLUSDT      | DS+GT    | quoted in wrapped SOL; spread −2.9…−1.8 % |
/// | KAPPA   | bsc    | USDT  | quoteVolume null      | DS       | ticker `quoteVolume: null`, `volume × lastPrice` ≈ 2.6 M USDT; quiet |
/// | THETA   | base   | USDC  | placeholder contract  | DS       | MEXC publishes `contractAddress: "xtokens"`; CoinGecko's `theta` lists the Base token; quiet |
/// | GAMMA   | solana | USDC  | old verifier price    | DS       | spread +1.9…+2.9 %; CoinGecko `last_updated_at` 18 h old, its price ~7 % below; not on Binance |
/// | OMEGA   | bsc    | "USDC"| excluded: quote       | DS+GT    | quoted in a token called USDC at another address (worth ~0.03 USD) |
/// | BETA    | solana | USDC  | excluded: not listed  | DS       | `txns.h1.buys` is the JSON number `1e19`; not on MEXC |
///
/// Each is listed on MEXC and proven by its published contract (THETA by CoinGecko's
/// coin list), liquid and traded, so only the named property decides its outcome.
extension SimulatedCatalogBuilder {
    mutating func addQuoteAndBookScenarios() {
        addStaleAndBookScenarios()
        addQuoteScenarios()
        addVerificationScenarios()
    }

    private mutating func addStaleAndBookScenarios() {
        // Low volatility: over the ticker's 10 minutes of lag the price moves < 0.3 %,
        // so the old price alone never makes a spread.
        let victor = minor("VICTOR", chain: "solana", level: 2.84, volatility: 0.1,
                           mexc: MEXCListing(fullName: "Victor", quoteVolume24h: 3_200_000, tickerLagSeconds: 600))
        addPool(.staleTicker, coin: victor.coin, chain: "solana", name: "Victor", baseAddress: victor.address, liquidity: 680_000,
                volume24h: 520_000, txnsPerHour: 70, divergence: (0, 0.001), proven: "victor")

        let whiskey = minor("WHISKEY", chain: "bsc", level: 0.0614,
                            mexc: MEXCListing(fullName: "Whiskey", quoteVolume24h: 1_900_000, book: BookShape(halfSpread: 0.05)))
        addPool(.wideBook, coin: whiskey.coin, chain: "bsc", name: "Whiskey", baseAddress: whiskey.address, quote: "USDT",
                liquidity: 540_000, volume24h: 410_000, txnsPerHour: 60, divergence: (0, 0.002), proven: "whiskey") { $0.inTrending = false }

        let xray = minor("XRAY", chain: "base", level: 0.82,
                         mexc: MEXCListing(fullName: "Xray", quoteVolume24h: 2_700_000, book: BookShape(levelValue: 25, levels: 12, jitter: 0.2)))
        addPool(.thinBook, coin: xray.coin, chain: "base", name: "Xray", baseAddress: xray.address, liquidity: 760_000,
                volume24h: 690_000, txnsPerHour: 85, divergence: (-0.022, 0.005), proven: "xray")

        let yankee = minor("YANKEE", chain: "solana", level: 3.71,
                           mexc: MEXCListing(fullName: "Yankee", quoteVolume24h: 6_400_000,
                                             book: BookShape(halfSpread: 0.0005, levelStep: 0.0005, levelValue: 150, levels: 1_000, jitter: 0.1)),
                           cycle: Self.buyCycle)
        addPool(.bookImpact, coin: yankee.coin, chain: "solana", name: "Yankee", baseAddress: yankee.address, liquidity: 1_300_000,
                volume24h: 1_100_000, txnsPerHour: 95, divergence: (-0.025, 0.006), proven: "yankee")
    }

    private mutating func addQuoteScenarios() {
        // Narrow divergence: the depeg (0.6 %) is the whole story.
        let zulu = minor("ZULU", chain: "base", level: 0.356, quoteVolume: 2_100_000)
        addPool(.depeggedQuote, coin: zulu.coin, chain: "base", name: "Zulu", baseAddress: zulu.address, liquidity: 430_000,
                volume24h: 380_000, txnsPerHour: 50, divergence: (0, 0.0002), proven: "zulu") {
            $0.inTrending = false
            $0.quoteAtPeg = true
        }

        let sigma = minor("SIGMA", chain: "solana", level: 0.1875, quoteVolume: 4_100_000)
        addPool(.solQuoted, coin: sigma.coin, chain: "solana", name: "Sigma", baseAddress: sigma.address, quote: "SOL",
                liquidity: 890_000, volume24h: 760_000, txnsPerHour: 120, divergence: (0.024, 0.006), proven: "sigma")

        addImpostorQuote("USDC", chain: "bsc", level: 0.031)
        let omega = minor("OMEGA", chain: "bsc", level: 0.94)
        addPool(.fakeQuote, coin: omega.coin, chain: "bsc", name: "Omega", baseAddress: omega.address, quote: "USDC-impostor",
                liquidity: 350_000, volume24h: 290_000, txnsPerHour: 55, divergence: (0, 0.003), proven: "omega")

        let beta = unlisted("BETA", chain: "solana", level: 0.0052)
        addPool(.hugeTradeCount, coin: beta.coin, chain: "solana", name: "Beta", baseAddress: beta.address, liquidity: 210_000,
                volume24h: 150_000, txnsPerHour: 40, divergence: (0, 0.003), proven: nil) {
            $0.inTrending = false
            $0.absurdBuysH1 = true
        }
    }

    private mutating func addVerificationScenarios() {
        let kappa = minor("KAPPA", chain: "bsc", level: 0.218,
                          mexc: MEXCListing(fullName: "Kappa", quoteVolume24h: 2_600_000, hidesQuoteVolume: true))
        addPool(.nullQuoteVolume, coin: kappa.coin, chain: "bsc", name: "Kappa", baseAddress: kappa.address, quote: "USDT",
                liquidity: 610_000, volume24h: 470_000, txnsPerHour: 65, divergence: (0, 0.003), proven: "kappa") { $0.inTrending = false }

        let theta = minor("THETA", chain: "base", level: 1.42, quoteVolume: 1_700_000, contract: "xtokens")
        addPool(.placeholderContract, coin: theta.coin, chain: "base", name: "Theta", baseAddress: theta.address, liquidity: 520_000,
                volume24h: 330_000, txnsPerHour: 48, divergence: (0, 0.003), proven: "theta") { $0.inTrending = false }

        // Low volatility keeps today's price within ±3 % of the one CoinGecko froze 18 h
        // ago, so its 7 % gap always exceeds the 2 % glitch threshold.
        let gamma = minor("GAMMA", chain: "solana", level: 0.0733, volatility: 0.15, quoteVolume: 1_800_000, cycle: Self.buyCycle) {
            $0.frozenForSeconds = 18 * 3_600
            $0.frozenBias = -0.07
        }
        addPool(.staleVerifier, coin: gamma.coin, chain: "solana", name: "Gamma", baseAddress: gamma.address, liquidity: 470_000,
                volume24h: 360_000, txnsPerHour: 58, divergence: (-0.024, 0.005), proven: "gamma") { $0.inTrending = false }
    }
}
