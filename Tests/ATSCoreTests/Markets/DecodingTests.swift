import Foundation
import Testing
@testable import ATSCore

/// Every API shape from fixtures written like market-apis.md, quirks included.
@Suite struct DecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ fixture: String) throws -> T {
        try JSONDecoder().decode(type, from: Fixtures.data(fixture))
    }

    @Test func dexScreenerSearchReadsStringsAndOmittedWindows() throws {
        let pairs = try decode(DexScreenerPairsResponse.self, "dexscreener-search").pairs
        #expect(pairs.count == 3)
        let jup = pairs[0]
        #expect(jup.chainId == "solana")
        #expect(jup.priceUsd == 0.4712)
        #expect(jup.liquidityUsd == 2412093.55)
        #expect(jup.volumeH24 == 1834521.77)
        #expect(jup.priceChangeH1 == 0.85)
        #expect(jup.buysH1 == 61 && jup.sellsH1 == 48)
        let beeper = pairs[1]
        #expect(beeper.pairAddress == "0x4Ba556E9754a9dedC0F108960283f0535f4c5FF4")
        #expect(beeper.quoteToken.symbol == "WBNB")
        let bare = pairs[2]
        #expect(bare.priceUsd == nil)
        #expect(bare.liquidityUsd == nil)
        #expect(bare.priceChangeH1 == nil)
        #expect(bare.buysH1 == nil)
        #expect(bare.baseToken.name == "<script>alert('x')</script>")
        #expect(bare.baseToken.symbol == "POPCAT\u{202E}")
    }

    @Test func dexScreenerNullPairsIsAnEmptyList() throws {
        #expect(try decode(DexScreenerPairsResponse.self, "dexscreener-pairs-notfound").pairs.isEmpty)
        #expect(try decode(DexScreenerPairsResponse.self, "dexscreener-pairs").pairs.count == 1)
    }

    @Test func aHugeHostileNameDecodesAndABrokenPairIsDroppedAlone() throws {
        let response = try decode(DexScreenerPairsResponse.self, "dexscreener-search-hostile")
        #expect(response.pairs.count == 1)
        #expect(response.dropped == 1)
        #expect(response.pairs[0].baseToken.name.utf8.count > 34_000)
        #expect(response.pairs[0].priceUsd == nil)  // "NaN"
        #expect(response.pairs[0].liquidityUsd == 12_500)  // "12.5e3"
    }

    @Test func geckoTerminalPoolsReadStringsNullsNegativeReserveAndIncludedTokens() throws {
        let response = try decode(GeckoTerminalPoolsResponse.self, "geckoterminal-trending-pools")
        #expect(response.pools.count == 2)
        let jup = response.pools[0]
        #expect(jup.network == "solana")
        #expect(jup.address == "8sLbnzM5ZxZ8FhTjU1bDKfA9yqLsA1BTeqRqcN2m5bq2")
        #expect(jup.baseTokenPriceUSD == 0.471180931)
        #expect(jup.reserveUSD == 2412093.5512)
        #expect(jup.priceChangeH1 == 0.85)
        #expect(jup.buysH1 == 61 && jup.sellsH1 == 48)
        #expect(jup.dexID == "raydium")
        #expect(response.tokens[jup.baseTokenID!]?.symbol == "JUP")
        #expect(response.tokens[jup.baseTokenID!]?.coingeckoCoinID == "jupiter-exchange-solana")
        let wife = response.pools[1]
        #expect(wife.reserveUSD == -100.058883136323)
        #expect(response.tokens[wife.baseTokenID!]?.coingeckoCoinID == nil)
    }

    @Test func mexcExchangeInfoReadsStatusStringsAndContracts() throws {
        let symbols = try decode(MEXCExchangeInfo.self, "mexc-exchange-info").symbols
        #expect(symbols.map(\.symbol) == ["JUPUSDT", "METALUSDT", "OLDUSDT"])
        #expect(symbols.map(\.isOpenForSpot) == [true, false, false])
        #expect(symbols[0].contractAddress == "JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN")
        #expect(symbols[1].contractAddress == nil)  // "" is no contract
        #expect(symbols[0].fullName == "Jupiter")
    }

    @Test func mexcTickersKeepQuoteVolumeApartFromBaseVolume() throws {
        let tickers = try decode(LossyArray<MEXCTicker>.self, "mexc-ticker-24hr-all").elements
        #expect(tickers.count == 3)
        #expect(tickers[0].lastPrice == 0.4712)
        #expect(tickers[0].quoteVolume == 8701344.91)
        #expect(tickers[0].baseVolume == 18822411.2)
        #expect(tickers[2].quoteVolume == nil)
        #expect(try decode(MEXCTicker.self, "mexc-ticker-24hr-one").symbol == "JUPUSDT")
    }

    @Test func mexcKlinesReadEightFieldRows() throws {
        let klines = try decode([MEXCKline].self, "mexc-klines-1m")
        #expect(klines.count == 3)
        #expect(klines[0] == MEXCKline(openTime: 1795265520000, open: 0.4701, high: 0.4719, low: 0.4698, close: 0.4712, closeTime: 1795265580000))
        #expect(klines[2].low == 0.4690)
    }

    @Test func coinGeckoListSkipsEmptyPlatformsAndPricesReadExponents() throws {
        let coins = try decode(LossyArray<CoinGeckoCoin>.self, "coingecko-coins-list").elements
        #expect(coins.count == 5)
        #expect(coins.filter { $0.symbol == "jup" }.map(\.id) == ["jupiter-exchange-solana", "jupiter"])
        #expect(coins.first { $0.id == "broken-platforms" }?.platforms.isEmpty == true)
        #expect(coins.first { $0.id == "tether" }?.platforms["binance-smart-chain"] == "0x55d398326f99059ff775485246999027b3197955")
        let prices = try decode([String: CoinGeckoPrice].self, "coingecko-simple-price")
        #expect(prices["tiny-coin"]?.usd == 1.2345e-09)
        #expect(prices["jupiter-exchange-solana"]?.usd == 0.471522)
    }

    @Test(arguments: [
        ("\"12.5\"", 12.5 as Double?), ("12.5", 12.5), ("null", nil), ("\"\"", nil), ("\"NaN\"", nil),
        ("\"Infinity\"", nil), ("\"-3\"", -3), ("\"abc\"", nil), ("\"1e-9\"", 1e-9),
    ])
    func marketNumbersKeepOnlyFiniteValues(_ json: String, _ expected: Double?) throws {
        let decoded = try JSONDecoder().decode([MarketNumber].self, from: Data("[\(json)]".utf8))
        #expect(decoded[0].value == expected)
    }

    @Test(arguments: [(0.0, nil as Double?), (-1, nil), (2.5, 2.5)])
    func onlyPositiveNumbersArePrices(_ value: Double, _ expected: Double?) {
        #expect(MarketNumber(value).positive == expected)
    }
}

@Suite struct KlinesAnswerTests {
    @Test func aMalformedKlineRowIsDroppedAloneAndBecomesAMissingCandle() async throws {
        let body = """
            [[1795265520000,"0.4701","0.4719","0.4698","0.4712","10233.1",1795265580000,"4818.92"],
             ["broken"],
             [1795265640000,"0.4721","0.4721","0.4690","0.4693","15112.9",1795265700000,"7102.55"]]
            """
        let client = SourceClient(
            source: "mexc", baseURL: "https://api.mexc.com", transport: StubTransport { _ in .json(body) },
            policy: RequestPolicy(timeout: 1, retries: 0), recorder: RequestRecorder(stage: .reward))
        let klines = try await MEXCAPI(client: client).klines(symbol: "JUPUSDT", startMs: 0, endMs: 1)
        #expect(klines.map(\.openTime) == [1795265520000, 1795265640000])
    }
}
