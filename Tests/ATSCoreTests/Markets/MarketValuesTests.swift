import Foundation
import Testing
@testable import ATSCore

/// Each API's one translation from its wire types to the values scan and poll use.
@Suite struct MarketValuesTests {
    func decode<T: Decodable>(_ type: T.Type, _ fixture: String) throws -> T {
        try JSONDecoder().decode(type, from: Fixtures.data(fixture))
    }

    static let jupPool = "8sLbnzM5ZxZ8FhTjU1bDKfA9yqLsA1BTeqRqcN2m5bq2"

    @Test func aDexScreenerPairIsADexPairOnItsOwnChain() throws {
        let pairs = try decode(DexScreenerPairsResponse.self, "dexscreener-search").pairs.map(\.dexPair)
        #expect(pairs[0] == DexPair(
            chainId: "solana", pairAddress: Self.jupPool, dexId: "raydium",
            base: DexToken(address: ScanFixtures.jupSolana, symbol: "JUP"),
            quote: DexToken(address: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", symbol: "USDC"),
            priceUSD: 0.4712, priceNative: 0.4712, liquidityUSD: 2412093.55, volume24hUSD: 1834521.77, priceChangeH1: 0.85, buysH1: 61, sellsH1: 48))
        #expect(pairs[0].transactionsH1 == 109)
        #expect(pairs[1].chainId == "bsc")
        #expect(pairs[2].transactionsH1 == nil)  // no h1 window at all
    }

    @Test func geckoTerminalPoolsAreDexPairsWithTheirIncludedTokens() throws {
        let response = try decode(GeckoTerminalPoolsResponse.self, "geckoterminal-trending-pools")
        let pairs = response.dexPairs(network: "solana")
        #expect(pairs.map(\.pairAddress) == [Self.jupPool, "Bz4MhmVRQENiCou7ZpJ575wpjNFjBjVBSiVhuNg1Lpump"])
        #expect(pairs[0] == DexPair(
            chainId: "solana", pairAddress: Self.jupPool, dexId: "raydium",
            base: DexToken(address: ScanFixtures.jupSolana, symbol: "JUP"),
            quote: DexToken(address: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", symbol: "USDC"),
            priceUSD: 0.471180931, priceNative: 0.4712, liquidityUSD: 2412093.5512, volume24hUSD: 1834521.77, priceChangeH1: 0.85,
            buysH1: 61, sellsH1: 48))
        #expect(pairs[1].liquidityUSD == -100.058883136323)  // judged by the rules, not here
    }

    /// product.md: without `base_token_price_quote_token`, the base token's USD price over the
    /// quote token's, from the same answer (2.5 / 125 = 0.02).
    @Test func aPoolWithoutAQuoteTokenPriceDividesItsTwoUSDPrices() throws {
        let body = """
            {"data":[{"id":"solana_P","type":"pool","attributes":{"address":"P","name":"X / SOL",
              "base_token_price_usd":"2.5","quote_token_price_usd":"125"}}],"included":[]}
            """
        let pool = try #require(try JSONDecoder().decode(GeckoTerminalPoolsResponse.self, from: Data(body.utf8)).pools.first)
        #expect(pool.priceInQuoteToken == 0.02)
    }

    @Test func aPoolWhoseIdNamesAnotherNetworkIsNotOneOfThatNetworksPairs() throws {
        let response = try decode(GeckoTerminalPoolsResponse.self, "geckoterminal-trending-pools")
        #expect(response.dexPairs(network: "eth").isEmpty)
    }

    @Test func aGeckoTerminalNetworkBecomesTheCanonicalChain() throws {
        let body = Self.pool(id: "polygon_pos_0xpool", address: "0xpool", base: "polygon_pos_0xbase", included: "")
        let pairs = try JSONDecoder().decode(GeckoTerminalPoolsResponse.self, from: Data(body.utf8)).dexPairs(network: "polygon_pos")
        #expect(pairs.map(\.chainId) == ["polygon"])
    }

    /// The poll can still check a pool's base token by the address its id names; the scan
    /// cannot judge a pool whose tickers it does not know.
    @Test func aTokenMissingFromIncludedKeepsItsAddressButNoSymbol() throws {
        let body = Self.pool(id: "polygon_pos_0xpool", address: "0xpool", base: "polygon_pos_0xbase", included: "")
        let pair = try #require(try JSONDecoder().decode(GeckoTerminalPoolsResponse.self, from: Data(body.utf8))
            .dexPairs(network: "polygon_pos").first)
        #expect(pair.base == DexToken(address: "0xbase", symbol: nil))
        #expect(ScanCandidate(source: "geckoterminal", pair: pair) == nil)
    }

    @Test func aMEXCSymbolIsAMarketAndATickerCarriesItsBookAndTime() throws {
        let markets = try decode(MEXCExchangeInfo.self, "mexc-exchange-info").symbols.map(\.market)
        #expect(markets[0] == ExchangeMarket(
            symbol: "JUPUSDT", baseAsset: "JUP", isOpenForSpot: true, status: "1", tradeSideType: "1",
            contractAddress: ScanFixtures.jupSolana, fullName: "Jupiter"))
        #expect(markets.map(\.isOpenForSpot) == [true, false, false])
        let tickers = try decode(LossyArray<MEXCTicker>.self, "mexc-ticker-24hr-all").elements.map(\.ticker)
        #expect(tickers[0] == ExchangeTicker(symbol: "JUPUSDT", lastPrice: 0.4712, bid: 0.4711, ask: 0.4713, quoteVolume24h: 8701344.91,
                                             changeFraction24h: 0.0331, time: Date(milliseconds: 1_795_265_711_232)))
        #expect(tickers[0].mid == (0.4711 + 0.4713) / 2)
    }

    /// `quoteVolume: null` (the fixture's third ticker): estimated as volume × last price, and marked.
    @Test func aNullQuoteVolumeIsEstimatedFromBaseVolumeTimesLastPrice() throws {
        let tickers = try decode(LossyArray<MEXCTicker>.self, "mexc-ticker-24hr-all").elements
        let ticker = tickers[2].ticker
        #expect(tickers[2].quoteVolume == nil)
        #expect(ticker.quoteVolumeEstimated)
        #expect(ticker.quoteVolume24h == MarketNumber(tickers[2].baseVolume).value.flatMap { base in tickers[2].lastPrice.map { base * $0 } })
    }

    @Test(arguments: [
        ("solana_8sLb", "8sLb", "solana", "8sLb"),
        ("eth_0xabc", "0xabc", "eth", "0xabc"),
        ("polygon_pos_0xabc", "0xabc", "polygon_pos", "0xabc"),
        ("polygon_pos_0xabc", nil, "polygon_pos", "0xabc"),  // a token id: no address beside it
        ("ton_EQC_x-y", "EQC_x-y", "ton", "EQC_x-y"),  // an address holding `_`
        ("ton_EQC_x-y", nil, "ton", "EQC_x-y"),
        ("newnet_0xabc", nil, "newnet", "0xabc"),
        ("solana_ABC", "abc", "solana", "ABC"),  // the address beside it does not match: the table decides
        ("raydium", nil, "", "raydium"),
        ("", nil, "", ""),
    ] as [(String, String?, String, String)])
    func aGeckoTerminalIDIsReadInOnePlace(_ id: String, _ address: String?, _ network: String, _ expected: String) {
        let parsed = GeckoTerminalID(id, address: address)
        #expect(parsed.network == network)
        #expect(parsed.address == expected)
    }

    /// A `pools/multi` answer of one pool; `included` is the JSON of its tokens.
    static func pool(id: String, address: String, base: String, included: String) -> String {
        """
        {"data":[{"id":"\(id)","type":"pool","attributes":{"address":"\(address)","name":"X / Y","base_token_price_usd":"1.5"},
          "relationships":{"base_token":{"data":{"id":"\(base)","type":"token"}}}}],
         "included":[\(included)]}
        """
    }
}
