import ATSCore
import Foundation

/// Builds the simulated universe: coins (what exchanges and CoinGecko list) and
/// DEX pools (what the scanners see). The structure is the same for every seed;
/// the seed picks addresses and the shape of every price path.
struct SimulatedCatalogBuilder {
    let seed: UInt64
    private(set) var coins: [SimulatedCoin] = []
    private(set) var pools: [SimulatedPool] = []
    private var quotes: [String: SimulatedQuote] = [:]

    /// A DEX as DexScreener and GeckoTerminal name it.
    struct Dex {
        let dexScreener: String
        let geckoTerminal: String

        static let raydium = Dex(dexScreener: "raydium", geckoTerminal: "raydium")
        static let orca = Dex(dexScreener: "orca", geckoTerminal: "orca")
        static let pancakeswap = Dex(dexScreener: "pancakeswap", geckoTerminal: "pancakeswap-v3-bsc")
        static let aerodrome = Dex(dexScreener: "aerodrome", geckoTerminal: "aerodrome-base")

        static func main(on chain: String) -> Dex {
            switch chain {
            case "bsc": return .pancakeswap
            case "base": return .aerodrome
            default: return .raydium
            }
        }
    }

    init(seed: UInt64) {
        self.seed = seed
        addMajorsAndQuotes()
    }

    func key(_ label: String) -> UInt64 {
        SimulationNoise.hash(seed, SimulationNoise.key(label))
    }

    /// A token or pool address, stable for (seed, label, chain).
    func address(_ label: String, chain: String, suffix: String = "") -> String {
        SimulatedAddress.make(chain: chain, key: key("address/\(chain)/\(label)"), suffix: suffix)
    }

    func coinIndex(_ symbol: String) -> Int {
        coins.firstIndex { $0.symbol == symbol }!
    }

    @discardableResult
    mutating func addCoin(
        _ symbol: String, level: Double, volatility: Double = 1, coingecko: CoinGeckoListing?,
        mexc: MEXCListing?, binance: Bool = false, cycle: Double = 0
    ) -> Int {
        let path = PricePath(key: key("price/\(symbol)/\(coingecko?.id ?? "")"), level: level, volatility: volatility, cycleAmplitude: cycle)
        coins.append(SimulatedCoin(symbol: symbol, path: path, coingecko: coingecko, mexc: mexc, onBinance: binance))
        return coins.count - 1
    }

    /// Adds a pool of `coin`'s token; `divergence` is (center, width) of DEX vs reference.
    mutating func addPool(
        _ scenario: SimulatedScenario, coin: Int, chain: String, name: String, baseAddress: String,
        quote quoteSymbol: String = "USDC", dex: Dex? = nil, liquidity: Double, volume24h: Double,
        txnsPerHour: Double, divergence: (center: Double, width: Double), watchlist: Bool? = nil,
        proven: String?, symbol: String? = nil, _ adjust: (inout SimulatedPool) -> Void = { _ in }
    ) {
        let dex = dex ?? .main(on: chain)
        let baseSymbol = symbol ?? coins[coin].symbol
        // `quote` names a key of the quote table: "USDC", or "USDC-impostor" for a fake one.
        let label = "pool/\(baseSymbol)/\(dex.dexScreener)/\(quoteSymbol)"
        let ageDays = 20 + Double(key(label + "/age") % 900)
        var pool = SimulatedPool(
            scenario: scenario, coin: coin, chain: chain, dexID: dex.dexScreener, geckoTerminalDexID: dex.geckoTerminal,
            baseName: name, baseSymbol: baseSymbol, baseAddress: baseAddress, quote: quotes["\(chain)/\(quoteSymbol)"]!,
            pairAddress: address(label, chain: chain), liquidityUSD: liquidity, volume24hUSD: volume24h,
            txnsPerHour: txnsPerHour,
            divergence: Divergence(center: divergence.center, width: divergence.width, key: key(label + "/divergence")),
            createdAtMs: 1_767_225_600_000 - Int64(ageDays * 86_400_000),
            isWatchlistPair: watchlist ?? scenario.admittedByScan, provenCoinGeckoID: proven)
        adjust(&pool)
        pools.append(pool)
    }

    /// Majors (priced quotes and CEX-only markets), the stablecoins, and the quote tokens
    /// at their real contracts (ATSCore's table). USDC trades at 1.006 USDT on MEXC (a
    /// mild depeg): a pool quoted in USDC must be priced through `USDCUSDT`, not taken at 1.
    private mutating func addMajorsAndQuotes() {
        let majors: [(String, String, String, Double, Double)] = [
            ("BTC", "bitcoin", "Bitcoin", 97_000, 0.5), ("ETH", "ethereum", "Ethereum", 3_400, 0.6),
            ("SOL", "solana", "Solana", 190, 0.8), ("BNB", "binancecoin", "BNB", 650, 0.6),
        ]
        for (symbol, id, name, level, volatility) in majors {
            addCoin(symbol, level: level, volatility: volatility, coingecko: CoinGeckoListing(id: id, name: name, platforms: []),
                    mexc: MEXCListing(fullName: name, quoteVolume24h: level * 20_000), binance: true)
        }
        addCoin("USDT", level: 1, volatility: 0, coingecko: CoinGeckoListing(id: "tether", name: "Tether", platforms: [
            ("ethereum", "0xdac17f958d2ee523a2206206994597c13d831ec7"), ("binance-smart-chain", "0x55d398326f99059ff775485246999027b3197955"),
            ("solana", "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB"),
        ]), mexc: nil)
        // Volatility 0.003: USDC stays within ±0.05 % of 1.006.
        let usdc = addCoin("USDC", level: Self.usdcRate, volatility: 0.003, coingecko: CoinGeckoListing(id: "usd-coin", name: "USDC", platforms: [
            ("ethereum", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"), ("solana", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"),
            ("base", "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"), ("binance-smart-chain", "0x8ac76a51cc950d9822d68b83fe1ad97b32cd580d"),
        ]), mexc: MEXCListing(fullName: "USDC", quoteVolume24h: 90_000_000))
        let priced: [String: (name: String, coin: Int?)] = [
            "USDC": ("USD Coin", usdc), "USDT": ("Tether USD", nil), "SOL": ("Wrapped SOL", coinIndex("SOL")),
            "WBNB": ("Wrapped BNB", coinIndex("BNB")), "WETH": ("Wrapped Ether", coinIndex("ETH")),
        ]
        for token in QuoteTokens.all where SimulatedMarketModel.chains.contains(token.chainID) {
            let (name, coin) = priced[token.symbol]!
            quotes["\(token.chainID)/\(token.symbol)"] = SimulatedQuote(symbol: token.symbol, name: name, address: token.address, coin: coin)
        }
        // CoinGecko's list has entries whose platforms are {"": ""}.
        addCoin("BRK", level: 0.01, coingecko: CoinGeckoListing(id: "broken-platforms", name: "Broken", platforms: [("", "")]), mexc: nil)
    }

    /// What one USDC is worth in USDT on MEXC (and in USD on the DEXs: USD is USDT here).
    static let usdcRate = 1.006

    /// A token that calls itself `symbol` at an address that is not that token's contract:
    /// anyone can launch a "USDC". It trades at `level` USD.
    mutating func addImpostorQuote(_ symbol: String, chain: String, level: Double) {
        let coin = addCoin(symbol + "-impostor", level: level, volatility: 0.5, coingecko: nil, mexc: nil)
        quotes["\(chain)/\(symbol)-impostor"] = SimulatedQuote(
            symbol: symbol, name: quotes["\(chain)/\(symbol)"]?.name ?? symbol, address: address("quote-impostor/\(symbol)", chain: chain), coin: coin)
    }

    /// `extraPairs` well-behaved pools: listed, proven, liquid, quiet; never in listings.
    mutating func addFillers(_ count: Int) {
        let chains = ["solana", "bsc", "base"]
        for index in 0..<count {
            let symbol = String(format: "SIM%04d", index + 1)
            let chain = chains[index % chains.count]
            let address = address(symbol, chain: chain)
            let seed = self.seed
            let spread = { (label: String) in SimulationNoise.unit(SimulationNoise.hash(seed, SimulationNoise.key("\(symbol)/\(label)"))) }
            let id = "sim-filler-\(index + 1)"
            let platform = Chain.byID(chain)!.coinGeckoPlatform
            let coin = addCoin(
                symbol, level: pow(10, -4 + 6 * spread("level")),
                coingecko: CoinGeckoListing(id: id, name: "Sim Filler \(index + 1)", platforms: [(platform, ChainAddress.normalize(address))]),
                mexc: MEXCListing(contractAddress: ChainAddress.normalize(address), fullName: "Sim Filler \(index + 1)",
                                  quoteVolume24h: 2_000_000 + 38_000_000 * spread("cex-volume")),
                binance: true)
            addPool(.filler, coin: coin, chain: chain, name: "Sim Filler \(index + 1)", baseAddress: address,
                    quote: index % 2 == 0 || chain == "base" ? "USDC" : "USDT", liquidity: 150_000 + 2_850_000 * spread("liquidity"),
                    volume24h: 50_000 + 2_950_000 * spread("dex-volume"), txnsPerHour: 20 + 280 * spread("txns"),
                    divergence: (0, 0.002), proven: id) {
                $0.inSearch = false
                $0.inTrending = false
            }
        }
    }
}
