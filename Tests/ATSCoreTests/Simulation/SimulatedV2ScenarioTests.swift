import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The scenarios hold under the v2 poll rules (product.md "poll", issue 13) at any time
/// of day, judged from the bytes the market serves over loopback: the DEX price in the
/// pool's quote token × the exchange's rate for it against the book's mid; stale
/// tickers; the book's spread; fresh verifiers only; a 1000 USDT order walked through
/// `depth`. (SimulatedScenarioTests judges the same market by the v1 rules this
/// branch's poll still applies.)
@Suite struct SimulatedV2ScenarioTests {
    enum Outcome: Equatable, CustomStringConvertible {
        case signal(SignalType, verified: Bool)
        case stale, risk, mismatch, noSignal, glitch, thin

        var description: String {
            if case .signal(let side, let verified) = self { return "\(side.rawValue)\(verified ? "" : " (unverified)")" }
            return String(describing: self)
        }
    }

    static let expected: [SimulatedScenario: Outcome] = [
        .buySignal: .signal(.buy, verified: true), .sellSignal: .signal(.sell, verified: true), .priceGlitch: .glitch,
        .lowCEXVolume: .risk, .thinLiquidity: .risk, .priceMismatch: .mismatch, .quiet: .noSignal, .lowDEXVolume: .noSignal,
        .plain: .noSignal, .filler: .noSignal, .staleTicker: .stale, .wideBook: .risk, .thinBook: .thin,
        .bookImpact: .signal(.buy, verified: true), .depeggedQuote: .noSignal, .solQuoted: .signal(.sell, verified: true),
        .nullQuoteVolume: .noSignal, .placeholderContract: .noSignal, .staleVerifier: .signal(.buy, verified: false),
    ]

    /// One pair's evidence in one burst, in the quote asset (USDT).
    struct Evidence {
        let dexInQuote, rate, liquidity, dexVolume: Double
        let bid, ask, cexVolume: Double
        let tickerAgeMs: Int64
        /// Fresh verifier prices (CoinGecko's no older than 600 s).
        let verifiers: [Double]
    }

    /// product.md's v2 order with the default thresholds; `walk` is the depth request.
    static func outcome(_ e: Evidence, walk: (SignalType) async throws -> Double?) async throws -> (Outcome, impact: Double?) {
        let mid = (e.bid + e.ask) / 2, dex = e.dexInQuote * e.rate
        let spread = (mid - dex) / dex * 100
        if e.tickerAgeMs > 120_000 { return (.stale, nil) }
        if e.liquidity < 50_000 || e.cexVolume < 1_000_000 || (e.ask - e.bid) / mid * 100 > 1 { return (.risk, nil) }
        if abs(spread) > 50 { return (.mismatch, nil) }
        if e.dexVolume < 1_000 || abs(spread) < 0.5 { return (.noSignal, nil) }
        if e.verifiers.contains(where: { abs($0 - mid) / mid * 100 > 2 }) { return (.glitch, nil) }
        let side: SignalType = spread > 0 ? .buy : .sell
        guard let entry = try await walk(side) else { return (.thin, nil) }
        let impact = abs(entry / mid - 1) * 100
        return impact > 0.5 ? (.thin, impact) : (.signal(side, verified: !e.verifiers.isEmpty), impact)
    }

    @Test func pollRulesGiveEachWatchlistPairItsV2OutcomeAtAnyTime() async throws {
        let clock = SimulationClock(start: Sim.instant, frozen: true)
        try await Sim.withMarket(now: clock.now, extraPairs: 6) { market in
            let watchlist = market.watchlistPairs
            #expect(watchlist.filter { $0.scenario != .filler }.count <= SimulatedMarketModel.watchlistSize, "the market's config holds them all")
            let viaGeckoTerminal = Set(market.model.pools.filter { !$0.inSearch }.map(\.pairAddress))
            for _ in 0..<6 {
                clock.advance(by: 3 * 3_600 + 17 * 60 + 13)
                let nowMs = clock.now().millisecondsSince1970
                var dex: [String: (inQuote: Double, liquidity: Double, volume: Double)] = [:]
                for chain in Set(watchlist.map(\.chainID)) {
                    let pairs = watchlist.filter { $0.chainID == chain }
                    let screened = try await Sim.json(market.dexScreenerURL + "/latest/dex/pairs/\(chain)/" + pairs.map(\.pairAddress).joined(separator: ","))
                    for pair in (screened as? [String: Any])?["pairs"] as? [[String: Any]] ?? [] {
                        dex[pair["pairAddress"] as? String ?? ""] = (
                            try #require(Sim.number(pair["priceNative"])), Sim.number((pair["liquidity"] as? [String: Any])?["usd"]) ?? 0,
                            Sim.number((pair["volume"] as? [String: Any])?["h24"]) ?? 0)
                    }
                    let network = try #require(Chain.byID(chain)?.geckoTerminalNetwork)
                    let gecko = try await Sim.json(market.geckoTerminalURL + "/networks/\(network)/pools/multi/" + pairs.map(\.pairAddress).joined(separator: ","))
                    for pool in (gecko as? [String: Any])?["data"] as? [[String: Any]] ?? [] {
                        let attributes = try #require(pool["attributes"] as? [String: Any])
                        guard let pair = pairs.first(where: { ChainAddress.same($0.pairAddress, attributes["address"] as? String ?? "") }),
                              viaGeckoTerminal.contains(pair.pairAddress) else { continue }
                        dex[pair.pairAddress] = (
                            try #require(Sim.number(attributes["base_token_price_quote_token"])), Sim.number(attributes["reserve_in_usd"]) ?? 0,
                            Sim.number((attributes["volume_usd"] as? [String: Any])?["h24"]) ?? 0)
                    }
                }
                let tickers = try #require(try await Sim.json(market.mexcURL + "/api/v3/ticker/24hr") as? [[String: Any]])
                let bySymbol = Dictionary(tickers.map { ($0["symbol"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
                func mid(_ symbol: String) throws -> Double {
                    let ticker = try #require(bySymbol[symbol], "\(symbol) ticker")
                    return (try #require(Sim.number(ticker["bidPrice"])) + (try #require(Sim.number(ticker["askPrice"])))) / 2
                }
                let ids = watchlist.compactMap(\.coingeckoID).joined(separator: ",")
                let gecko = try #require(try await Sim.json(market.coinGeckoURL + "/simple/price?ids=\(ids)&vs_currencies=usd&include_last_updated_at=true") as? [String: [String: Any]])
                let binance = try #require(try await Sim.json(market.binanceURL + "/api/v3/ticker/price") as? [[String: String]])
                let binancePrices = Dictionary(binance.map { ($0["symbol"] ?? "", Double($0["price"] ?? "") ?? 0) }, uniquingKeysWith: { a, _ in a })

                for pair in watchlist {
                    let symbol = pair.baseSymbol + "USDT"
                    let ticker = try #require(bySymbol[symbol])
                    let pool = try #require(dex[pair.pairAddress], "\(pair.baseSymbol) on the DEX")
                    let quote = try #require(QuoteTokens.token(chainID: pair.chainID, address: pair.quoteAddress), "\(pair.baseSymbol): a real quote")
                    let fresh = gecko[pair.coingeckoID ?? ""].flatMap { price -> Double? in
                        guard let updated = (price["last_updated_at"] as? NSNumber)?.int64Value, nowMs / 1000 - updated <= 600 else { return nil }
                        return Sim.number(price["usd"])
                    }
                    // `quoteVolume: null`: estimated as volume × lastPrice.
                    let estimate = (try #require(Sim.number(ticker["volume"]))) * (try #require(Sim.number(ticker["lastPrice"])))
                    let cexVolume = Sim.number(ticker["quoteVolume"]) ?? estimate
                    let evidence = Evidence(
                        dexInQuote: pool.inQuote, rate: quote.asset == "USDT" ? 1 : try mid(quote.asset + "USDT"), liquidity: pool.liquidity,
                        dexVolume: pool.volume, bid: try #require(Sim.number(ticker["bidPrice"])), ask: try #require(Sim.number(ticker["askPrice"])),
                        cexVolume: cexVolume, tickerAgeMs: nowMs - (try #require((ticker["closeTime"] as? NSNumber)?.int64Value)),
                        verifiers: [fresh, binancePrices[symbol]].compactMap { $0 })
                    let (outcome, impact) = try await Self.outcome(evidence) { side in
                        let depth = try #require(try await Sim.json(market.mexcURL + "/api/v3/depth?symbol=\(symbol)&limit=100") as? [String: Any])
                        return Sim.averageFill(Sim.levels(depth[side == .buy ? "asks" : "bids"]), quote: 1_000)
                    }
                    #expect(outcome == Self.expected[pair.scenario], "\(pair.baseSymbol) (\(pair.scenario.rawValue)) at \(clock.now().iso8601)")
                    if case .signal = outcome {
                        let band: ClosedRange<Double> = pair.scenario == .bookImpact ? 0.15...0.25 : 0...0.1
                        #expect(band.contains(try #require(impact)), "\(pair.baseSymbol) impact \(impact ?? -1) %")
                    }
                }
            }
        }
    }

    /// The v2 spreads (in USDT, against the mid) behind the outcomes, and the v1 view
    /// (USD price against the last price) where a scenario is about the difference,
    /// over a fortnight of random instants, straight from the model.
    @Test func v2SpreadsStayInsideTheirScenarioBandsAtAnyTime() throws {
        let model = SimulatedMarketModel(seed: 99, extraPairs: 6)
        for second in Sim.instants(1_000, seed: 3) {
            for pool in model.pools where pool.isWatchlistPair {
                let coin = model.coins[pool.coin]
                let book = model.mexcBook(coin, at: second - (coin.mexc?.tickerLagSeconds ?? 0))
                let mid = (book.bid + book.ask) / 2
                let snap = model.snapshot(pool, at: second, listing: false)
                let rate = pool.quote.coin.map { model.mexcBook(model.coins[$0], at: second) }.map { ($0.bid + $0.ask) / 2 } ?? 1
                let spread = (mid - snap.priceNative * rate) / (snap.priceNative * rate) * 100
                let last = coin.mexcPrice(at: second - (coin.mexc?.tickerLagSeconds ?? 0))
                let naive = (last - snap.priceUSD) / snap.priceUSD * 100
                let name = "\(pool.baseSymbol) at \(second)"
                switch pool.scenario {
                case .buySignal, .thinBook, .bookImpact, .staleVerifier: #expect((1...5).contains(spread), "\(name): \(spread)")
                case .sellSignal, .solQuoted: #expect((-5...(-1)).contains(spread), "\(name): \(spread)")
                case .quiet, .plain, .filler, .nullQuoteVolume, .placeholderContract, .wideBook: #expect(abs(spread) < 0.45, "\(name): \(spread)")
                case .depeggedQuote:
                    #expect(abs(spread) < 0.2, "\(name): \(spread)")
                    #expect((0.52...0.68).contains(naive), "\(name): naive \(naive)")
                case .staleTicker: #expect(abs(naive) < 0.45, "\(name): the old price alone makes no spread (\(naive))")
                default: break
                }
                let width = (book.ask - book.bid) / mid * 100
                #expect(pool.scenario == .wideBook ? width > 9.9 : width < 0.11, "\(name): book \(width) %")
                if pool.scenario == .staleVerifier {
                    let gecko = model.coinGeckoPrice(coin, at: second)
                    #expect(second - gecko.updatedAt >= 18 * 3_600 && abs(gecko.price / mid - 1) > 0.03, "\(name)")
                }
            }
        }
    }
}
