import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// Every endpoint of the simulated market answers in a shape the real Markets/ types
/// decode, quirks included, over real HTTP on loopback.
@Suite struct SimulatedMarketDecodingTests {
    @Test(arguments: SimulatedMarketModel.chains)
    func dexScreenerSearchAnswersEachChainQuery(chain: String) async throws {
        try await Sim.withMarket { market in
            let (pairs, _) = try await Sim.dexScreener(market).search("\(chain) usd")
            #expect(!pairs.isEmpty)
            #expect(pairs.count <= 30)
            #expect(pairs.allSatisfy { $0.chainId == chain })
        }
    }

    @Test func dexScreenerSearchCarriesTheQuirks() async throws {
        try await Sim.withMarket { market in
            let api = Sim.dexScreener(market)
            let solana = try await api.search("solana usd").pairs
            let uniform = try #require(solana.first { $0.baseToken.symbol == "UNIFORM" })
            #expect(uniform.priceUsd == nil && uniform.liquidityUsd == nil)
            let lima = try #require(solana.first { $0.baseToken.symbol == "LIMA" })
            #expect(lima.baseToken.name.unicodeScalars.contains("\u{202E}") && lima.baseToken.name.contains("<b>"))
            let base = try await api.search("base usd").pairs
            let november = try #require(base.first { $0.baseToken.symbol == "NOVEMBER" })
            #expect(november.baseToken.name.utf8.count >= 34_000)
            let sierra = try #require(base.first { $0.baseToken.symbol == "SIERRA" })
            #expect(sierra.priceChangeH1 == nil && sierra.buysH1 == 0 && sierra.sellsH1 == 0)
            let bsc = try await api.search("bsc usd").pairs
            let bravo = try #require(bsc.first { $0.baseToken.symbol == "BRAVO" })
            #expect(bravo.baseToken.address != bravo.baseToken.address.lowercased(), "EVM addresses come back mixed case")
        }
    }

    @Test func dexScreenerPairsReturnsKnownPairsAndNullForUnknown() async throws {
        try await Sim.withMarket { market in
            let api = Sim.dexScreener(market)
            let alpha = try #require(market.pair(.buySignal))
            let found = try await api.pairs(chain: "solana", addresses: [alpha.pairAddress, "UnknownPairAddress1111111111111111111111111"]).pairs
            #expect(found.map(\.pairAddress) == [alpha.pairAddress])
            let raw = try await Sim.get(market.dexScreenerURL + "/latest/dex/pairs/solana/UnknownPairAddress1111111111111111111111111")
            #expect(String(decoding: raw.body, as: UTF8.self).contains(#""pairs":null"#))
            #expect(try await api.pairs(chain: "solana", addresses: ["UnknownPairAddress1111111111111111111111111"]).pairs.isEmpty)
        }
    }

    @Test func dexScreenerPairsMatchesEVMAddressesLowercased() async throws {
        try await Sim.withMarket { market in
            let bravo = try #require(market.pair(.sellSignal))
            let found = try await Sim.dexScreener(market).pairs(chain: "bsc", addresses: [bravo.pairAddress.lowercased()]).pairs
            #expect(found.map(\.baseToken.symbol) == ["BRAVO"])
        }
    }

    @Test func dexScreenerTokensAnswersABareArray() async throws {
        try await Sim.withMarket { market in
            let alpha = try #require(market.pair(.buySignal))
            let client = Sim.client("dexscreener", market.dexScreenerURL)
            let pairs = try await client.getJSON(LossyArray<DexScreenerPair>.self, "/tokens/v1/solana/\(alpha.baseAddress)", endpoint: "tokens").value
            #expect(pairs.elements.count == 2, "ALPHA has a USDC and a USDT pool")
            let none = try await client.getJSON(LossyArray<DexScreenerPair>.self, "/tokens/v1/solana/Nothing", endpoint: "tokens").value
            #expect(none.elements.isEmpty)
        }
    }

    @Test(arguments: SimulatedMarketModel.geckoTerminalNetworks)
    func geckoTerminalTrendingDecodesWithTokens(network: String) async throws {
        try await Sim.withMarket { market in
            let response = try await Sim.geckoTerminal(market).trendingPools(network: network).response
            #expect(!response.pools.isEmpty && response.pools.count <= 20)
            for pool in response.pools {
                #expect(pool.network == network)
                #expect(response.tokens[pool.baseTokenID ?? ""] != nil && response.tokens[pool.quoteTokenID ?? ""] != nil)
            }
            let empty = try await Sim.geckoTerminal(market).trendingPools(network: network, page: 2).response
            #expect(empty.pools.isEmpty)
        }
    }

    @Test func geckoTerminalTrendingHasTheBrokenReserveQuirk() async throws {
        try await Sim.withMarket { market in
            let raw = try await Sim.get(market.geckoTerminalURL + "/networks/solana/trending_pools?include=base_token,quote_token&page=1")
            let text = String(decoding: raw.body, as: UTF8.self)
            #expect(text.contains(#""reserve_in_usd":"-100.058883136323""#) && text.contains(#""base_token_price_native_currency":"NaN""#))
            let pools = try await Sim.geckoTerminal(market).trendingPools(network: "solana").response.pools
            let tango = try #require(pools.first { $0.name == "TANGO / SOL" })
            #expect(tango.reserveUSD == -100.058883136323)
        }
    }

    @Test func geckoTerminalMultiAnswersKnownPoolsAndRefusesMoreThan30() async throws {
        try await Sim.withMarket(extraPairs: 90) { market in
            let solana = market.pairs.filter { $0.chainID == "solana" }
            let api = Sim.geckoTerminal(market)
            let answer = try await api.pools(network: "solana", addresses: solana.prefix(5).map(\.pairAddress) + ["Unknown111"]).response
            #expect(answer.pools.map(\.address) == solana.prefix(5).map(\.pairAddress))
            let client = Sim.client("geckoterminal", market.geckoTerminalURL)
            try #require(solana.count >= 31)
            let list = solana.prefix(31).map(\.pairAddress).joined(separator: ",")
            await #expect(throws: SourceError.self) {
                _ = try await client.getJSON(GeckoTerminalPoolsResponse.self, "/networks/solana/pools/multi/\(list)", endpoint: "pools_multi")
            }
            let raw = try await Sim.get(market.geckoTerminalURL + "/networks/solana/pools/multi/\(list)")
            #expect(raw.status == 400 && String(decoding: raw.body, as: UTF8.self).hasPrefix(#"{"errors":[{"status":"400""#))
        }
    }

    @Test func mexcExchangeInfoHasEveryStatus() async throws {
        try await Sim.withMarket { market in
            let symbols = try await Sim.mexc(market).exchangeInfo().symbols
            let bySymbol = Dictionary(symbols.map { ($0.symbol, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(bySymbol["ALPHAUSDT"]?.isOpenForSpot == true)
            #expect(bySymbol["OSCARUSDT"]?.status == "2")
            #expect(bySymbol["PAPAUSDT"]?.tradeSideType == "4")
            #expect(bySymbol["OLDUSDT"]?.status == "3")
            #expect(bySymbol["CHARLIEUSDT"]?.contractAddress == nil, "an empty contract reads as none")
            #expect(bySymbol["NOVEMBERUSDT"] == nil)
        }
    }

    @Test func mexcTickersDecodeWithTheirQuirks() async throws {
        try await Sim.withMarket { market in
            let tickers = try await Sim.mexc(market).allTickers().tickers
            let bySymbol = Dictionary(tickers.map { ($0.symbol, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(bySymbol["OSCARUSDT"]?.quoteVolume == nil)
            let delta = try #require(bySymbol["DELTAUSDT"])
            #expect(try #require(delta.quoteVolume) < 1_000_000)
            #expect(try #require(delta.baseVolume) > 100_000_000)
            let raw = String(decoding: try await Sim.get(market.mexcURL + "/api/v3/ticker/24hr").body, as: UTF8.self)
            #expect(raw.contains(#""count":null"#) && raw.contains(#""bidQty":"""#))
        }
    }

    @Test func mexcOneTickerIsAnObjectAndAnUnknownSymbolA400() async throws {
        try await Sim.withMarket { market in
            let client = Sim.client("mexc", market.mexcURL, retries: 2)
            let one = try await client.getJSON(MEXCTicker.self, "/api/v3/ticker/24hr", query: [("symbol", "ALPHAUSDT")], endpoint: "ticker").value
            #expect(one.symbol == "ALPHAUSDT" && one.lastPrice != nil)
            let error = await #expect(throws: SourceError.self) {
                _ = try await client.getJSON(MEXCTicker.self, "/api/v3/ticker/24hr", query: [("symbol", "NOPEUSDT")], endpoint: "ticker")
            }
            #expect(error?.kind == .rejected(status: 400, detail: "'Invalid symbol. (code -1121)'"))
            #expect(error?.attempts == 1)
        }
    }

    @Test func mexcKlinesDecodeAsOneMinuteCandles() async throws {
        try await Sim.withMarket { market in
            let end = Sim.instant.millisecondsSince1970
            let klines = try await Sim.mexc(market).klines(symbol: "ALPHAUSDT", startMs: end - 15 * 60_000, endMs: end)
            #expect(klines.count == 15, "14 closed candles and the one still open")
            for kline in klines {
                #expect(kline.openTime % 60_000 == 0 && kline.closeTime == kline.openTime + 60_000)
                #expect(try #require(kline.low) <= min(try #require(kline.open), try #require(kline.close)))
                #expect(try #require(kline.high) >= max(try #require(kline.open), try #require(kline.close)))
            }
            #expect(klines.last!.openTime <= end)
        }
    }

    @Test(arguments: ["1h", "2m", ""])
    func mexcKlinesRefuseOtherIntervals(interval: String) async throws {
        try await Sim.withMarket { market in
            let raw = try await Sim.get(market.mexcURL + "/api/v3/klines?symbol=ALPHAUSDT&interval=\(interval)&limit=5")
            #expect(raw.status == 400)
            #expect(String(decoding: raw.body, as: UTF8.self) == SimulatedRouter.mexcInvalidSymbol)
        }
    }

    @Test func coinGeckoCoinsListDecodesWithPlatformsAndHomonyms() async throws {
        try await Sim.withMarket { market in
            let coins = try await Sim.coinGecko(market).coinsList()
            #expect(coins.filter { $0.symbol == "echo" }.count == 2)
            #expect(coins.first { $0.id == "broken-platforms" }?.platforms.isEmpty == true)
            let alpha = try #require(market.pair(.buySignal))
            #expect(coins.first { $0.id == "alpha-protocol" }?.platforms["solana"] == alpha.baseAddress)
            let raw = String(decoding: try await Sim.get(market.coinGeckoURL + "/coins/list?include_platform=true").body, as: UTF8.self)
            #expect(raw.contains(#""platforms":{"":""}"#))
        }
    }

    @Test func coinGeckoSimplePriceOmitsUnknownIdsAndWritesTinyPricesInExponentForm() async throws {
        try await Sim.withMarket { market in
            let (prices, _) = try await Sim.coinGecko(market).simplePrices(ids: ["alpha-protocol", "juliet", "no-such-coin"])
            #expect(Set(prices.keys) == ["alpha-protocol", "juliet"])
            #expect(try #require(prices["juliet"]?.usd) < 0.0001)
            #expect(prices["alpha-protocol"]?.lastUpdatedAt != nil)
            let raw = String(decoding: try await Sim.get(market.coinGeckoURL + "/simple/price?ids=juliet&vs_currencies=usd").body, as: UTF8.self)
            #expect(raw.contains("e-06"))
        }
    }

    @Test func binanceAnswersAllPricesAndAJSONArrayOfSymbols() async throws {
        try await Sim.withMarket { market in
            let client = Sim.client("binance", market.binanceURL)
            let all = try await client.getJSON([BinancePrice].self, "/api/v3/ticker/price", endpoint: "ticker_price").value
            #expect(all.contains { $0.symbol == "ALPHAUSDT" } && all.allSatisfy { $0.price.positive != nil })
            let some = try await client.getJSON([BinancePrice].self, "/api/v3/ticker/price", query: [("symbols", #"["ALPHAUSDT","BTCUSDT"]"#)], endpoint: "ticker_price").value
            #expect(some.map(\.symbol) == ["ALPHAUSDT", "BTCUSDT"])
            let raw = try await Sim.get(market.binanceURL + "/api/v3/ticker/price?symbols=%5B%22ALPHAUSDT%22,%22DELTAUSDT%22%5D")
            #expect(raw.status == 400, "like Binance, one unknown symbol fails the whole request")
        }
    }
}
