import ATSCore
import Foundation

/// The scenario tokens of the simulated market (also in docs/simulated-market.md).
/// Spread = (MEXC − DEX) / DEX; "DS" = DexScreener search, "GT" = GeckoTerminal trending.
///
/// | ticker   | chain  | scenario            | found by | what makes it so |
/// |----------|--------|---------------------|----------|------------------|
/// | ALPHA    | solana | BUY signal          | DS+GT    | spread +1.8…+3.3 %; second, less liquid ALPHA/USDT pool (DS only) |
/// | BRAVO    | bsc    | SELL signal         | DS+GT    | spread −3.1…−1.7 % |
/// | CHARLIE  | solana | glitch              | DS+GT    | MEXC 5 % above CoinGecko and Binance (DEX agrees with them) |
/// | DELTA    | base   | risk (CEX volume)   | DS       | quoteVolume ≈ 380 000 USDT while volume ≈ 900 M base units |
/// | ECHO     | solana | risk (DEX liquidity)| DS+GT    | listings (cached) show 180 000 USD, pair lookups 21 000 USD |
/// | FOXTROT  | bsc    | mismatch            | GT       | DEX 60 % below MEXC (spread ≈ +150 %) |
/// | GOLF     | solana | quiet (no signal)   | DS       | spread within ±0.15 % |
/// | HOTEL    | base   | low DEX volume      | DS+GT    | 24h volume ≈ 640 USD, spread ≈ −2 % |
/// | INDIA    | solana | plain               | DS+GT    | spread within ±0.3 % |
/// | JULIET   | bsc    | plain, tiny price   | DS       | price ≈ 0.0000038 (CoinGecko sends 3.8e-06) |
/// | KILO     | bsc    | excluded: quote     | DS       | quoted in WBNB |
/// | LIMA     | solana | excluded: liquidity | DS+GT    | 18 000 USD; bidi controls and markup in its name |
/// | MIKE     | solana | excluded: pump      | DS+GT    | priceChange.h1 330…400 % |
/// | NOVEMBER | base   | excluded: unlisted  | DS       | not on MEXC; a 34 KB name full of markup |
/// | OSCAR    | bsc    | excluded: paused    | DS       | MEXC status "2"; its ticker has quoteVolume null |
/// | PAPA     | solana | excluded: closed    | DS       | MEXC tradeSideType "4" |
/// | QUEBEC   | bsc    | excluded: identity  | DS+GT    | impostor: MEXC's QUEBEC publishes another contract, whose CoinGecko coin does not list this one |
/// | ROMEO    | solana | excluded: identity  | DS       | MEXC publishes no contract; CoinGecko has two "romeo" coins, the one listing this address is not named like MEXC's |
/// | SIERRA   | base   | excluded: score ≤ 0 | DS       | no trade in the last hour (m5/h1 windows omitted) |
/// | TANGO    | solana | excluded: quote     | GT       | quoted in SOL; reserve_in_usd negative, native price "NaN" |
/// | UNIFORM  | solana | excluded: data      | DS       | no priceUsd, no liquidity, not on MEXC |
///
/// (The v2 scenarios, VICTOR to BETA, are in SimulatedQuoteAndBookScenarios.swift.)
///
/// Identity, by the rules of the scan stage: ALPHA, FOXTROT, GOLF, JULIET and the
/// minor tokens publish the DEX contract on MEXC (BRAVO and HOTEL lowercased while
/// DexScreener prints mixed case); DELTA's MEXC contract is its Ethereum one, whose
/// CoinGecko coin lists the Base address; CHARLIE and INDIA publish none and have one
/// CoinGecko coin; ECHO publishes none and has two CoinGecko "echo" coins, the matching
/// one named like MEXC's `fullName`.
extension SimulatedCatalogBuilder {
    mutating func addScenarios() {
        addAdmittedScenarios()
        addExcludedScenarios()
        addQuoteAndBookScenarios()
    }

    func listing(_ id: String, _ name: String, _ platforms: [(String, String)]) -> CoinGeckoListing {
        CoinGeckoListing(id: id, name: name, platforms: platforms.map { (Chain.byID($0.0)?.coinGeckoPlatform ?? $0.0, $0.1) })
    }

    /// The repeating rise of the BUY scenarios' coins (ALPHA, YANKEE, GAMMA): 1.5 % on the
    /// log price over each 20-minute cycle's first 17.5 minutes (`PricePath.cycle`).
    static let buyCycle = 0.015

    private mutating func addAdmittedScenarios() {
        let alphaAddress = address("ALPHA", chain: "solana")
        let alpha = addCoin("ALPHA", level: 0.4712, coingecko: listing("alpha-protocol", "Alpha Protocol", [("solana", alphaAddress)]),
                            mexc: MEXCListing(contractAddress: alphaAddress, fullName: "Alpha Protocol", quoteVolume24h: 8_700_000), binance: true,
                            cycle: Self.buyCycle)
        addPool(.buySignal, coin: alpha, chain: "solana", name: "Alpha Protocol", baseAddress: alphaAddress, liquidity: 2_400_000,
                volume24h: 1_830_000, txnsPerHour: 110, divergence: (-0.025, 0.007), proven: "alpha-protocol")
        addPool(.buySignal, coin: alpha, chain: "solana", name: "Alpha Protocol", baseAddress: alphaAddress, quote: "USDT", dex: .orca,
                liquidity: 92_000, volume24h: 61_000, txnsPerHour: 14, divergence: (-0.025, 0.007), watchlist: false,
                proven: "alpha-protocol") { $0.inTrending = false }

        let bravoAddress = address("BRAVO", chain: "bsc")
        let bravo = addCoin("BRAVO", level: 2.35, coingecko: listing("bravo-finance", "Bravo Finance", [("bsc", bravoAddress.lowercased())]),
                            mexc: MEXCListing(contractAddress: bravoAddress.lowercased(), fullName: "Bravo Finance", quoteVolume24h: 5_200_000),
                            binance: true)
        addPool(.sellSignal, coin: bravo, chain: "bsc", name: "Bravo Finance", baseAddress: bravoAddress, quote: "USDT", liquidity: 1_150_000,
                volume24h: 940_000, txnsPerHour: 95, divergence: (0.025, 0.007), proven: "bravo-finance")

        let charlieAddress = address("CHARLIE", chain: "solana")
        let charlie = addCoin("CHARLIE", level: 0.0831, coingecko: listing("charlie-chain", "Charlie Chain", [("solana", charlieAddress)]),
                              mexc: MEXCListing(fullName: "Charlie Chain", quoteVolume24h: 3_100_000, priceBias: 0.05), binance: true)
        addPool(.priceGlitch, coin: charlie, chain: "solana", name: "Charlie Chain", baseAddress: charlieAddress, liquidity: 640_000,
                volume24h: 410_000, txnsPerHour: 80, divergence: (0, 0.002), proven: "charlie-chain")

        let deltaAddress = address("DELTA", chain: "base")
        let deltaEthereum = address("DELTA", chain: "ethereum")
        let delta = addCoin("DELTA", level: 0.00042, volatility: 1.2,
                            coingecko: listing("delta-network", "Delta Network", [("ethereum", deltaEthereum.lowercased()), ("base", deltaAddress.lowercased())]),
                            mexc: MEXCListing(contractAddress: deltaEthereum, fullName: "Delta Network", quoteVolume24h: 380_000))
        addPool(.lowCEXVolume, coin: delta, chain: "base", name: "Delta Network", baseAddress: deltaAddress, liquidity: 310_000,
                volume24h: 220_000, txnsPerHour: 70, divergence: (-0.022, 0.005), proven: "delta-network") { $0.inTrending = false }

        let echoAddress = address("ECHO", chain: "solana")
        let echo = addCoin("ECHO", level: 1.18, coingecko: listing("echo-protocol", "Echo Protocol", [("solana", echoAddress)]),
                           mexc: MEXCListing(fullName: "Echo Protocol", quoteVolume24h: 2_400_000))
        addCoin("ECHO", level: 0.0042, coingecko: listing("echo-legacy", "Echo Legacy", [("ethereum", address("ECHO-legacy", chain: "ethereum").lowercased())]),
                mexc: nil)
        addPool(.thinLiquidity, coin: echo, chain: "solana", name: "Echo Protocol", baseAddress: echoAddress, liquidity: 21_000,
                volume24h: 380_000, txnsPerHour: 90, divergence: (-0.02, 0.005), proven: "echo-protocol") { $0.listedLiquidityUSD = 180_000 }

        let foxtrotAddress = address("FOXTROT", chain: "bsc")
        let foxtrot = addCoin("FOXTROT", level: 12.4, coingecko: listing("foxtrot", "Foxtrot", [("bsc", foxtrotAddress.lowercased())]),
                              mexc: MEXCListing(contractAddress: foxtrotAddress, fullName: "Foxtrot", quoteVolume24h: 9_900_000), binance: true)
        addPool(.priceMismatch, coin: foxtrot, chain: "bsc", name: "Foxtrot", baseAddress: foxtrotAddress, quote: "USDT", liquidity: 870_000,
                volume24h: 520_000, txnsPerHour: 60, divergence: (-0.6, 0.02), proven: "foxtrot") { $0.inSearch = false }

        let golfAddress = address("GOLF", chain: "solana")
        let golf = addCoin("GOLF", level: 0.0275, coingecko: listing("golf-token", "Golf Token", [("solana", golfAddress)]),
                           mexc: MEXCListing(contractAddress: golfAddress, fullName: "Golf Token", quoteVolume24h: 1_600_000))
        addPool(.quiet, coin: golf, chain: "solana", name: "Golf Token", baseAddress: golfAddress, liquidity: 450_000,
                volume24h: 150_000, txnsPerHour: 45, divergence: (0, 0.0015), proven: "golf-token") { $0.inTrending = false }

        let hotelAddress = address("HOTEL", chain: "base")
        let hotel = addCoin("HOTEL", level: 0.93, coingecko: listing("hotel-coin", "Hotel Coin", [("base", hotelAddress.lowercased())]),
                            mexc: MEXCListing(contractAddress: hotelAddress.lowercased(), fullName: "Hotel Coin", quoteVolume24h: 2_200_000))
        addPool(.lowDEXVolume, coin: hotel, chain: "base", name: "Hotel Coin", baseAddress: hotelAddress, liquidity: 120_000,
                volume24h: 640, txnsPerHour: 24, divergence: (0.02, 0.005), proven: "hotel-coin")

        let indiaAddress = address("INDIA", chain: "solana")
        let india = addCoin("INDIA", level: 5.62, coingecko: listing("india-labs", "India Labs", [("solana", indiaAddress)]),
                            mexc: MEXCListing(fullName: "India Labs", quoteVolume24h: 12_000_000), binance: true)
        addPool(.plain, coin: india, chain: "solana", name: "India Labs", baseAddress: indiaAddress, dex: .orca, liquidity: 1_800_000,
                volume24h: 2_100_000, txnsPerHour: 150, divergence: (0, 0.003), proven: "india-labs")

        let julietAddress = address("JULIET", chain: "bsc")
        let juliet = addCoin("JULIET", level: 0.0000038, volatility: 1.5, coingecko: listing("juliet", "Juliet", [("bsc", julietAddress.lowercased())]),
                             mexc: MEXCListing(contractAddress: julietAddress, fullName: "Juliet", quoteVolume24h: 1_300_000))
        addPool(.plain, coin: juliet, chain: "bsc", name: "Juliet", baseAddress: julietAddress, quote: "USDT", liquidity: 260_000,
                volume24h: 310_000, txnsPerHour: 65, divergence: (0, 0.003), proven: "juliet") { $0.inTrending = false }
    }

    /// A minor token that is listed and proven (MEXC publishes its contract, unless
    /// `contract` names what it publishes instead; CoinGecko lists it under its symbol):
    /// only the one property its scenario names sets it apart.
    mutating func minor(
        _ symbol: String, chain: String, level: Double, volatility: Double = 1, mexc: MEXCListing? = nil,
        quoteVolume: Double? = 1_500_000, contract: String? = nil, cycle: Double = 0,
        coingecko adjust: (inout CoinGeckoListing) -> Void = { _ in }
    ) -> (coin: Int, address: String) {
        let address = address(symbol, chain: chain, suffix: symbol == "MIKE" ? "pump" : "")
        let id = symbol.lowercased()
        let platform = chain == "solana" ? address : address.lowercased()
        var market = mexc ?? MEXCListing(fullName: symbol.capitalized, quoteVolume24h: quoteVolume)
        market.contractAddress = contract ?? address
        var gecko = listing(id, symbol.capitalized, [(chain, platform)])
        adjust(&gecko)
        let coin = addCoin(symbol, level: level, volatility: volatility, coingecko: gecko, mexc: market, cycle: cycle)
        return (coin, address)
    }

    private mutating func addExcludedScenarios() {
        let kilo = minor("KILO", chain: "bsc", level: 0.61)
        addPool(.quoteNotAccepted, coin: kilo.coin, chain: "bsc", name: "Kilo", baseAddress: kilo.address, quote: "WBNB",
                liquidity: 170_000, volume24h: 90_000, txnsPerHour: 30, divergence: (0, 0.003), proven: "kilo") { $0.inTrending = false }

        let lima = minor("LIMA", chain: "solana", level: 0.0091)
        addPool(.lowLiquidity, coin: lima.coin, chain: "solana", name: "Lima \u{202E}nekoT\u{202C} <b>Finance</b>\u{200F}", baseAddress: lima.address,
                liquidity: 18_000, volume24h: 40_000, txnsPerHour: 35, divergence: (0, 0.003), proven: "lima")

        let mike = minor("MIKE", chain: "solana", level: 0.00000931)
        addPool(.pump, coin: mike.coin, chain: "solana", name: "Mike", baseAddress: mike.address, liquidity: 120_000,
                volume24h: 120_000, txnsPerHour: 600, divergence: (0, 0.004), proven: "mike") { $0.pumping = true }

        let november = unlisted("NOVEMBER", chain: "base", level: 0.12)
        addPool(.notListed, coin: november.coin, chain: "base", name: Self.hostileLongName, baseAddress: november.address, liquidity: 240_000,
                volume24h: 130_000, txnsPerHour: 55, divergence: (0, 0.003), proven: nil) { $0.inTrending = false }

        let oscar = minor("OSCAR", chain: "bsc", level: 0.077, mexc: MEXCListing(status: "2", fullName: "Oscar", quoteVolume24h: nil))
        addPool(.marketPaused, coin: oscar.coin, chain: "bsc", name: "Oscar", baseAddress: oscar.address, quote: "USDT", liquidity: 330_000,
                volume24h: 150_000, txnsPerHour: 40, divergence: (0, 0.003), proven: "oscar") { $0.inTrending = false }

        let papa = minor("PAPA", chain: "solana", level: 3.3, mexc: MEXCListing(tradeSideType: "4", fullName: "Papa", quoteVolume24h: 0))
        addPool(.marketClosed, coin: papa.coin, chain: "solana", name: "<img src=x onerror=alert(1)> Papa & \"Sons\"", baseAddress: papa.address,
                liquidity: 410_000, volume24h: 200_000, txnsPerHour: 50, divergence: (0, 0.003), proven: "papa") { $0.inTrending = false }

        // QUEBEC on MEXC is Quebec Finance (Ethereum); the BSC token called QUEBEC is Quebec Inu.
        let quebecEthereum = address("QUEBEC-finance", chain: "ethereum")
        addCoin("QUEBEC", level: 1.84, coingecko: listing("quebec-finance", "Quebec Finance", [("ethereum", quebecEthereum.lowercased())]),
                mexc: MEXCListing(contractAddress: quebecEthereum, fullName: "Quebec Finance", quoteVolume24h: 4_400_000))
        let impostorAddress = address("QUEBEC-inu", chain: "bsc")
        let impostor = addCoin("QUEBEC", level: 0.000021, coingecko: listing("quebec-inu", "Quebec Inu", [("bsc", impostorAddress.lowercased())]), mexc: nil)
        addPool(.contractCollision, coin: impostor, chain: "bsc", name: "Quebec Inu", baseAddress: impostorAddress, quote: "USDT",
                liquidity: 520_000, volume24h: 800_000, txnsPerHour: 140, divergence: (0, 0.003), proven: nil)

        // ROMEO on MEXC is Romeo Network (no contract published); the Solana ROMEO is Romeo Inu.
        addCoin("ROMEO", level: 0.55, coingecko: listing("romeo-network", "Romeo Network", [("ethereum", address("ROMEO-network", chain: "ethereum").lowercased())]),
                mexc: MEXCListing(fullName: "Romeo Network", quoteVolume24h: 2_900_000))
        let romeoAddress = address("ROMEO-inu", chain: "solana")
        let romeo = addCoin("ROMEO", level: 0.0013, coingecko: listing("romeo-inu", "Romeo Inu", [("solana", romeoAddress)]), mexc: nil)
        addPool(.homonymCollision, coin: romeo, chain: "solana", name: "Romeo Inu", baseAddress: romeoAddress, liquidity: 390_000,
                volume24h: 450_000, txnsPerHour: 120, divergence: (0, 0.003), proven: nil) { $0.inTrending = false }

        let sierra = minor("SIERRA", chain: "base", level: 0.31)
        addPool(.noActivity, coin: sierra.coin, chain: "base", name: "Sierra", baseAddress: sierra.address, liquidity: 95_000,
                volume24h: 2_400, txnsPerHour: 0, divergence: (0, 0.003), proven: "sierra") {
            $0.inTrending = false
            $0.quietLastHour = true
        }

        let tango = minor("TANGO", chain: "solana", level: 0.0047)
        addPool(.quoteNotAccepted, coin: tango.coin, chain: "solana", name: "Tango", baseAddress: tango.address, quote: "SOL",
                liquidity: 150_000, volume24h: 300_000, txnsPerHour: 200, divergence: (0, 0.004), proven: "tango") {
            $0.inSearch = false
            $0.brokenReserve = true
        }

        let uniform = unlisted("UNIFORM", chain: "solana", level: 0.02)
        addPool(.incompleteData, coin: uniform.coin, chain: "solana", name: "Uniform", baseAddress: uniform.address, liquidity: 0,
                volume24h: 5_000, txnsPerHour: 12, divergence: (0, 0.003), proven: nil) {
            $0.inTrending = false
            $0.reportsPriceUSD = false
            $0.reportsLiquidity = false
            $0.reportsFDV = false
        }
    }

    /// A token neither MEXC nor CoinGecko lists.
    mutating func unlisted(_ symbol: String, chain: String, level: Double) -> (coin: Int, address: String) {
        (addCoin(symbol, level: level, coingecko: nil, mexc: nil), address(symbol, chain: chain))
    }

    /// Names are free text chosen by whoever launches a token: one seen was 34 KB.
    static let hostileLongName: String = {
        let unit = "November <script>alert('xss')</script> \u{202E}nooM eht oT\u{202C} 🚀 &amp; </td></tr><b>"
        var name = ""
        while name.utf8.count < 34_000 { name += unit }
        return name
    }()
}
