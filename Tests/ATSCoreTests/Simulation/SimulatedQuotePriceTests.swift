import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The DEX side and the verifiers as the v2 stages read them (issue 13), bytes on the
/// wire over loopback: every pool's price in its own quote token beside its USD price,
/// consistent across DexScreener and GeckoTerminal; the placeholder contract, the old
/// CoinGecko price, the fake USDC and the `1e19` trade count.
@Suite struct SimulatedQuotePriceTests {
    static func tickerMid(_ market: SimulatedMarket, _ symbol: String) async throws -> Double {
        let ticker = try #require(try await Sim.json(market.mexcURL + "/api/v3/ticker/24hr?symbol=\(symbol)") as? [String: Any])
        return (try #require(Sim.number(ticker["bidPrice"])) + (try #require(Sim.number(ticker["askPrice"])))) / 2
    }

    /// What one quote token is worth in USD, and how closely the answers must agree on it.
    static func quoteValue(_ pair: SimulatedPair, _ market: SimulatedMarket) async throws -> (value: Double, tolerance: Double)? {
        guard let real = QuoteTokens.token(chainID: pair.chainID, address: pair.quoteAddress) else { return nil }
        if pair.scenario == .depeggedQuote { return (1, 1e-5) }
        switch real.asset {
        case "USDT": return (1, 1e-5)
        case "USDC": return (try await tickerMid(market, "USDCUSDT"), 0.0015)
        default: return (try await tickerMid(market, real.asset + "USDT"), 0.003)
        }
    }

    @Test(arguments: SimulatedMarketModel.chains)
    func everyPoolSendsItsPriceInItsQuoteTokenConsistentWithItsUSDPrice(_ chain: String) async throws {
        try await Sim.withMarket(extraPairs: 9) { market in
            let pools = market.pairs.filter { $0.chainID == chain }
            let network = try #require(Chain.byID(chain)?.geckoTerminalNetwork)
            let native = try await Self.tickerMid(market, ["solana": "SOLUSDT", "bsc": "BNBUSDT"][chain] ?? "ETHUSDT")
            for batch in stride(from: 0, to: pools.count, by: 30).map({ Array(pools[$0..<min($0 + 30, pools.count)]) }) {
                let addresses = batch.map(\.pairAddress).joined(separator: ",")
                let screened = try #require(try await Sim.json(market.dexScreenerURL + "/latest/dex/pairs/\(chain)/\(addresses)") as? [String: Any])
                let dexPairs = try #require(screened["pairs"] as? [[String: Any]])
                let gecko = try #require(try await Sim.json(market.geckoTerminalURL + "/networks/\(network)/pools/multi/\(addresses)") as? [String: Any])
                let geckoPools = try #require(gecko["data"] as? [[String: Any]])
                #expect(dexPairs.count == batch.count && geckoPools.count == batch.count)
                for (pair, (dex, pool)) in zip(batch, zip(dexPairs, geckoPools)) {
                    let name = "\(pair.baseSymbol)/\(pair.quoteSymbol)"
                    let attributes = try #require(pool["attributes"] as? [String: Any])
                    let nativeText = try #require(dex["priceNative"] as? String, "\(name): priceNative is a string")
                    let quoteText = try #require(attributes["base_token_price_quote_token"] as? String, "\(name): base_token_price_quote_token")
                    let inQuote = try #require(Double(nativeText)), geckoInQuote = try #require(Double(quoteText))
                    #expect(abs(geckoInQuote / inQuote - 1) < 1e-5, "\(name): both sources price it alike in its quote")
                    guard pair.scenario != .incompleteData else { continue }
                    let usd = try #require(Sim.number(dex["priceUsd"]), "\(name): priceUsd")
                    let geckoUSD = try #require(Sim.number(attributes["base_token_price_usd"]))
                    let geckoQuoteUSD = try #require(Sim.number(attributes["quote_token_price_usd"]))
                    #expect(abs(geckoUSD / geckoInQuote / geckoQuoteUSD - 1) < 1e-8, "\(name): GeckoTerminal's USD = quote price × quote's USD")
                    #expect(abs(usd / geckoUSD - 1) < 1e-5, "\(name): both sources price it alike in USD")
                    if let expected = try await Self.quoteValue(pair, market) {
                        #expect(abs(usd / inQuote / expected.value - 1) < expected.tolerance, "\(name): USD follows the quote's own value")
                    }
                    if pair.baseSymbol == "TANGO" {
                        #expect(attributes["base_token_price_native_currency"] as? String == "NaN", "GeckoTerminal's quirk")
                    } else {
                        let inNative = try #require(Sim.number(attributes["base_token_price_native_currency"]))
                        #expect(abs(geckoUSD / inNative / native - 1) < 0.003, "\(name): native_currency is the network's coin")
                    }
                }
            }
        }
    }

    /// USDC pools are priced through USDCUSDT; ZULU's USD prices take USDC at $1, so a
    /// naive USD-against-USDT comparison sees a gap that the rate removes.
    @Test func theDepeggedUSDCPoolShowsAFakeGapOnlyWithoutTheRate() async throws {
        try await Sim.withMarket { market in
            let zulu = try #require(market.pair(.depeggedQuote))
            let dex = try #require((try await Sim.json(market.dexScreenerURL + "/latest/dex/pairs/base/\(zulu.pairAddress)") as? [String: Any])?["pairs"] as? [[String: Any]])
            let inQuote = try #require(Sim.number(dex.first?["priceNative"])), usd = try #require(Sim.number(dex.first?["priceUsd"]))
            #expect(usd == inQuote, "USDC taken at $1")
            let mid = try await Self.tickerMid(market, "ZULUUSDT"), rate = try await Self.tickerMid(market, "USDCUSDT")
            let naive = (mid - usd) / usd * 100, inUSDT = (mid - inQuote * rate) / (inQuote * rate) * 100
            #expect((0.5...0.7).contains(naive), "naive \(naive) %")
            #expect(abs(inUSDT) < 0.15, "in USDT \(inUSDT) %")
        }
    }

    @Test func thetaPublishesAPlaceholderContractThatCoinGeckosListDisproves() async throws {
        try await Sim.withMarket { market in
            let theta = try #require(market.pair(.placeholderContract))
            let raw = String(decoding: try await Sim.get(market.mexcURL + "/api/v3/exchangeInfo").body, as: UTF8.self)
            #expect(raw.contains(#""fullName":"Theta","tradeSideType":"1","contractAddress":"xtokens","#))
            let symbols = try await Sim.mexc(market).exchangeInfo().symbols
            #expect(symbols.first { $0.symbol == "THETAUSDT" }?.contractAddress == "xtokens")
            let coins = try await Sim.coinGecko(market).coinsList().filter { $0.symbol == "theta" }
            #expect(coins.map(\.id) == ["theta"])
            #expect(coins.first?.platforms["base"] == theta.baseAddress.lowercased())
        }
    }

    @Test func gammasCoinGeckoPriceIs18HoursOldAndFarFromTheExchange() async throws {
        try await Sim.withMarket { market in
            let url = market.coinGeckoURL + "/simple/price?ids=gamma,alpha-protocol,victor&vs_currencies=usd&include_last_updated_at=true"
            let prices = try #require(try await Sim.json(url) as? [String: [String: Any]])
            let now = Int64(Sim.instant.timeIntervalSince1970)
            let gamma = try #require(prices["gamma"])
            let age = now - (try #require((gamma["last_updated_at"] as? NSNumber)?.int64Value))
            #expect((18 * 3_600..<18 * 3_600 + 30).contains(age), "\(age) s old")
            let deviation = abs(try #require(Sim.number(gamma["usd"])) / (try await Self.tickerMid(market, "GAMMAUSDT")) - 1) * 100
            #expect(deviation > 3, "\(deviation) %: a glitch, were the price fresh")
            for id in ["alpha-protocol", "victor"] {
                let updated = try #require((prices[id]?["last_updated_at"] as? NSNumber)?.int64Value)
                #expect(now - updated < 30, "\(id) is fresh")
            }
            let binance = String(decoding: try await Sim.get(market.binanceURL + "/api/v3/ticker/price").body, as: UTF8.self)
            #expect(!binance.contains("GAMMAUSDT"), "no other verifier answers for GAMMA")
        }
    }

    @Test func omegaIsQuotedInATokenCalledUSDCAtAnotherAddress() async throws {
        try await Sim.withMarket { market in
            let omega = try #require(market.pairs.first { $0.scenario == .fakeQuote })
            #expect(omega.quoteSymbol == "USDC" && !omega.isWatchlistPair)
            #expect(QuoteTokens.token(chainID: "bsc", address: omega.quoteAddress) == nil)
            let found = try await Sim.dexScreener(market).search("bsc usd").pairs.first { $0.baseToken.symbol == "OMEGA" }
            #expect(found?.quoteToken.symbol == "USDC" && found?.quoteToken.address == omega.quoteAddress)
            let trending = try #require(try await Sim.json(market.geckoTerminalURL + "/networks/bsc/trending_pools?include=base_token,quote_token&page=1") as? [String: Any])
            let token = (trending["included"] as? [[String: Any]])?.first { ($0["id"] as? String) == "bsc_" + omega.quoteAddress.lowercased() }
            let attributes = try #require(token?["attributes"] as? [String: Any])
            #expect(attributes["symbol"] as? String == "USDC" && attributes["coingecko_coin_id"] is NSNull)
        }
    }

    @Test func aTradeCountOf1e19IsSentAsTheJSONNumberAndDecodesWithoutIt() async throws {
        try await Sim.withMarket { market in
            let raw = String(decoding: try await Sim.get(market.dexScreenerURL + "/latest/dex/search?q=solana%20usd").body, as: UTF8.self)
            #expect(raw.components(separatedBy: #""h1":{"buys":1e19,"sells":"#).count == 2, "exactly one pool")
            let beta = try #require(try await Sim.dexScreener(market).search("solana usd").pairs.first { $0.baseToken.symbol == "BETA" })
            #expect(beta.buysH1 == nil && beta.sellsH1 != nil, "a count past Int64 is no count")
            #expect(market.pairs.first { $0.baseSymbol == "BETA" }?.mexcSymbol == nil, "scan excludes it as not listed")
        }
    }

    @Test func sigmaIsQuotedInWrappedSOL() async throws {
        try await Sim.withMarket { market in
            let sigma = try #require(market.pair(.solQuoted))
            #expect(sigma.quoteSymbol == "SOL" && sigma.quoteAddress == "So11111111111111111111111111111111111111112")
            #expect(QuoteTokens.token(chainID: "solana", address: sigma.quoteAddress)?.asset == "SOL")
            let pool = try #require(try await Sim.dexScreener(market).pairs(chain: "solana", addresses: [sigma.pairAddress]).pairs.first)
            #expect(pool.quoteToken.symbol == "SOL")
        }
    }
}
