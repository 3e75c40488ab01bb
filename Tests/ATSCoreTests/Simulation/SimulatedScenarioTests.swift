import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The scenarios hold: `scan`'s rules (product.md v2: quote tokens at their real
/// contracts, placeholder contracts proving nothing) admit exactly the watchlist pairs
/// and exclude every other pool for its own reason, and the v1 `poll` rules this
/// branch's poll still applies give each watchlist pair its outcome at any time of day
/// (SimulatedV2ScenarioTests: the v2 rules).
@Suite struct SimulatedScenarioTests {
    // MARK: scan

    enum Exclusion: String { case quote, liquidity, pump, notListed, notOpen, identity, score }

    static let expectedExclusion: [SimulatedScenario: Exclusion] = [
        .quoteNotAccepted: .quote, .lowLiquidity: .liquidity, .pump: .pump, .notListed: .notListed,
        .marketPaused: .notOpen, .marketClosed: .notOpen, .contractCollision: .identity,
        .homonymCollision: .identity, .noActivity: .score, .incompleteData: .liquidity,
        .fakeQuote: .quote, .hugeTradeCount: .notListed,
    ]

    /// TANGO is quoted in SOL, which the market's config admits since v2 (for SIGMA):
    /// its negative `reserve_in_usd` is what excludes it there.
    static func expectedExclusion(_ pair: SimulatedPair) -> Exclusion? {
        pair.baseSymbol == "TANGO" ? .liquidity : expectedExclusion[pair.scenario]
    }

    struct Candidate {
        let chain, pairAddress, baseAddress, baseSymbol, quoteSymbol, quoteAddress: String
        let liquidity, changeH1: Double?
        let trades: Int
    }

    /// The scan rules of the brief, applied in order; nil = admitted.
    static func exclusion(_ c: Candidate, quoteSymbols: [String], symbols: [String: MEXCSymbol], coins: [CoinGeckoCoin]) -> Exclusion? {
        guard let quote = QuoteTokens.token(chainID: c.chain, address: c.quoteAddress),
              QuoteTokens.canonicalSymbol(c.quoteSymbol) == quote.symbol, QuoteTokens.admits(quote, quoteSymbols: quoteSymbols)
        else { return .quote }
        guard let liquidity = c.liquidity, liquidity >= 50_000 else { return .liquidity }
        guard abs(c.changeH1 ?? 0) <= 300 else { return .pump }
        guard let market = symbols[c.baseSymbol + "USDT"] else { return .notListed }
        guard market.isOpenForSpot else { return .notOpen }
        let platform = Chain.byID(c.chain)!.coinGeckoPlatform
        let namesake = coins.filter { $0.symbol == c.baseSymbol.lowercased() }
        let lists = { (coin: CoinGeckoCoin) in ChainAddress.same(coin.platforms[platform] ?? "", c.baseAddress) }
        let proven: Bool
        // A contract CoinGecko does not know (a placeholder such as "xtokens") proves nothing either way.
        let known = { (contract: String) in coins.contains { $0.platforms.values.contains { ChainAddress.same($0, contract) } } }
        if let contract = market.contractAddress, ChainAddress.same(contract, c.baseAddress) || known(contract) {
            proven = ChainAddress.same(contract, c.baseAddress)
                || namesake.contains { coin in coin.platforms.values.contains { ChainAddress.same($0, contract) } && lists(coin) }
        } else if let coin = namesake.first(where: lists) {
            proven = namesake.count == 1 || coin.name == market.fullName
        } else {
            proven = false
        }
        guard proven else { return .identity }
        guard 0.3 * (c.changeH1 ?? 0) + 0.7 * Double(c.trades) > 0 else { return .score }
        return nil
    }

    @Test func scanRulesAdmitExactlyTheWatchlistPairs() async throws {
        try await Sim.withMarket { market in
            var config = ATSConfig()
            market.configure(&config)
            var candidates: [(source: String, candidate: Candidate)] = []
            for query in config.scanners.dexscreener.queries {
                for pair in try await Sim.dexScreener(market).search(query).pairs {
                    candidates.append(("dexscreener", Candidate(
                        chain: pair.chainId, pairAddress: pair.pairAddress, baseAddress: pair.baseToken.address, baseSymbol: pair.baseToken.symbol,
                        quoteSymbol: pair.quoteToken.symbol, quoteAddress: pair.quoteToken.address, liquidity: pair.liquidityUsd, changeH1: pair.priceChangeH1,
                        trades: (pair.buysH1 ?? 0) + (pair.sellsH1 ?? 0))))
                }
            }
            for network in config.scanners.geckoterminal.networks {
                let response = try await Sim.geckoTerminal(market).trendingPools(network: network).response
                for pool in response.pools {
                    let base = try #require(response.tokens[pool.baseTokenID ?? ""])
                    let quote = try #require(response.tokens[pool.quoteTokenID ?? ""])
                    candidates.append(("geckoterminal", Candidate(
                        chain: Chain.canonicalID(geckoTerminalNetwork: network), pairAddress: pool.address, baseAddress: base.address,
                        baseSymbol: base.symbol, quoteSymbol: quote.symbol, quoteAddress: quote.address, liquidity: pool.reserveUSD, changeH1: pool.priceChangeH1,
                        trades: (pool.buysH1 ?? 0) + (pool.sellsH1 ?? 0))))
                }
            }
            let symbols = Dictionary(try await Sim.mexc(market).exchangeInfo().symbols.map { ($0.symbol, $0) }, uniquingKeysWith: { a, _ in a })
            let coins = try await Sim.coinGecko(market).coinsList()
            let byAddress = Dictionary(market.pairs.map { (SimulatedMarketModel.lookupKey($0.chainID, $0.pairAddress), $0) }, uniquingKeysWith: { a, _ in a })

            var admitted: [String: (pair: SimulatedPair, sources: Set<String>)] = [:]
            var excludedScenarios = Set<SimulatedScenario>()
            for (source, candidate) in candidates {
                let pair = try #require(byAddress[SimulatedMarketModel.lookupKey(candidate.chain, candidate.pairAddress)])
                let reason = Self.exclusion(candidate, quoteSymbols: config.watchlist.quoteSymbols, symbols: symbols, coins: coins)
                #expect(reason == Self.expectedExclusion(pair), "\(pair.baseSymbol) via \(source)")
                if reason == nil {
                    let best = admitted[pair.baseSymbol].map { $0.pair.isWatchlistPair ? $0.pair : pair } ?? pair
                    admitted[pair.baseSymbol] = (best, (admitted[pair.baseSymbol]?.sources ?? []).union([source]))
                } else {
                    excludedScenarios.insert(pair.scenario)
                }
            }
            let expected = market.watchlistPairs.filter { $0.scenario != .filler }
            #expect(Set(admitted.values.map(\.pair.pairAddress)) == Set(expected.map(\.pairAddress)))
            #expect(Set(excludedScenarios) == Set(Self.expectedExclusion.keys), "every exclusion shows")
            let confirmed = admitted.filter { $0.value.sources.count == 2 }.keys.sorted()
            #expect(confirmed == ["ALPHA", "BRAVO", "CHARLIE", "ECHO", "HOTEL", "INDIA", "SIGMA", "VICTOR", "XRAY", "YANKEE"])
            #expect(admitted.count <= config.watchlist.size, "the market's config holds every admitted pair")
        }
    }

    // MARK: poll

    enum Outcome: Equatable { case buy, sell, glitch, risk, mismatch, noSignal }

    static let expectedOutcome: [SimulatedScenario: Outcome] = [
        .buySignal: .buy, .sellSignal: .sell, .priceGlitch: .glitch, .lowCEXVolume: .risk, .thinLiquidity: .risk,
        .priceMismatch: .mismatch, .quiet: .noSignal, .lowDEXVolume: .noSignal, .plain: .noSignal, .filler: .noSignal,
        // The v2 scenarios as v1 sees them: blind to tickers' age, books and verifiers' age, it
        // takes ZULU's USD price (USDC at $1) at face value and knows no volume estimate.
        .staleTicker: .noSignal, .wideBook: .noSignal, .thinBook: .buy, .bookImpact: .buy, .depeggedQuote: .buy,
        .solQuoted: .sell, .nullQuoteVolume: .risk, .placeholderContract: .noSignal, .staleVerifier: .glitch,
    ]

    /// product.md's poll order with the default thresholds.
    static func outcome(dex: DexScreenerPair, ticker: MEXCTicker, verifiers: [Double]) -> Outcome {
        let cex = ticker.lastPrice!, dexPrice = dex.priceUsd!
        if verifiers.contains(where: { abs($0 - cex) / cex * 100 > 2 }) { return .glitch }
        if (dex.liquidityUsd ?? 0) < 50_000 || (ticker.quoteVolume ?? 0) < 1_000_000 { return .risk }
        let spread = (cex - dexPrice) / dexPrice * 100
        if abs(spread) > 50 { return .mismatch }
        guard (dex.volumeH24 ?? 0) >= 1_000, abs(spread) >= 0.5 else { return .noSignal }
        return spread > 0 ? .buy : .sell
    }

    @Test func pollRulesGiveEachWatchlistPairItsOutcomeAtAnyTime() async throws {
        let clock = SimulationClock(start: Sim.instant, frozen: true)
        try await Sim.withMarket(now: clock.now, extraPairs: 12) { market in
            let watchlist = market.watchlistPairs
            for _ in 0..<8 {
                clock.advance(by: 3 * 3_600 + 17 * 60 + 13)
                var dexPairs: [String: DexScreenerPair] = [:]
                for chain in Set(watchlist.map(\.chainID)) {
                    let addresses = watchlist.filter { $0.chainID == chain }.map(\.pairAddress)
                    for pair in try await Sim.dexScreener(market).pairs(chain: chain, addresses: addresses).pairs {
                        dexPairs[pair.pairAddress] = pair
                    }
                }
                let tickers = Dictionary(try await Sim.mexc(market).allTickers().tickers.map { ($0.symbol, $0) }, uniquingKeysWith: { a, _ in a })
                let ids = watchlist.compactMap(\.coingeckoID)
                let geckoPrices = try await Sim.coinGecko(market).simplePrices(ids: ids).prices
                let binance = try await Sim.client("binance", market.binanceURL).getJSON([BinancePrice].self, "/api/v3/ticker/price", endpoint: "price").value
                let binancePrices = Dictionary(binance.map { ($0.symbol, $0.price.value!) }, uniquingKeysWith: { a, _ in a })
                for pair in watchlist {
                    let dex = try #require(dexPairs[pair.pairAddress])
                    let ticker = try #require(tickers[pair.baseSymbol + "USDT"])
                    let verifiers = [geckoPrices[pair.coingeckoID ?? ""]?.usd, binancePrices[pair.baseSymbol + "USDT"]].compactMap { $0 }
                    #expect(!verifiers.isEmpty)
                    #expect(Self.outcome(dex: dex, ticker: ticker, verifiers: verifiers) == Self.expectedOutcome[pair.scenario],
                            "\(pair.baseSymbol) at \(clock.now().iso8601)")
                }
            }
        }
    }

    /// The spreads behind the outcomes, over a fortnight of random instants.
    @Test func spreadsStayInsideTheirScenarioBandsAtAnyTime() throws {
        let model = SimulatedMarketModel(seed: 99)
        for second in Sim.instants(1_500, seed: 1) {
            for pool in model.pools where pool.isWatchlistPair {
                let coin = model.coins[pool.coin]
                let cex = coin.mexcPrice(at: second)
                let dex = model.dexPrice(pool, at: second)
                let spread = (cex - dex) / dex * 100
                let gecko = model.coinGeckoPrice(coin, at: second).price
                let deviation = abs(gecko - cex) / cex * 100
                switch pool.scenario {
                case .buySignal: #expect((1...5).contains(spread))
                case .sellSignal: #expect((-5...(-1)).contains(spread))
                case .priceGlitch: #expect(deviation > 3)
                case .priceMismatch: #expect(spread > 100)
                case .quiet, .plain: #expect(abs(spread) < 0.4)
                case .lowCEXVolume, .thinLiquidity, .lowDEXVolume: #expect((1...4).contains(abs(spread)))
                default: break
                }
                if ![.priceGlitch, .staleVerifier].contains(pool.scenario) { #expect(deviation < 1) }
            }
        }
    }
}
