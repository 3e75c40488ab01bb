import Foundation
import Testing
@testable import ATSCore

/// No input crashes a stage: an API number that becomes an integer (a count, a time) and
/// that an integer cannot hold is no data, where `Int(1e19)` used to trap.
///
/// A count that is no data is nil, exactly like an omitted window: the pair is kept (its
/// prices and liquidity may be fine) and the scan's score counts the missing count as 0.
@Suite struct CountDecodingTests {
    /// `buys` as the JSON text an API might send, and the count it must read as.
    static let counts: [(String, Int?)] = [
        ("61", 61), ("\"61\"", 61), ("0", 0),
        ("61.9", 61),  // cut toward zero, as before
        ("1e19", nil), ("-1e19", nil), ("\"1e19\"", nil),
        ("9223372036854775807", nil),  // Int.max reads as 2^63 in a Double: one past Int.max
        ("1e308", nil), ("1e999", nil), ("-1e999", nil),
        ("\"NaN\"", nil), ("\"Infinity\"", nil), ("\"-Infinity\"", nil), ("\"n/a\"", nil), ("null", nil), ("\"\"", nil),
    ]

    @Test(arguments: counts)
    func aDexScreenerCountAnIntCannotHoldIsNoData(_ buys: String, _ expected: Int?) throws {
        let body = """
            {"pairs":[{"chainId":"solana","pairAddress":"P","baseToken":{"address":"B","symbol":"JUP"},
              "quoteToken":{"address":"Q","symbol":"USDC"},"priceUsd":"0.47","txns":{"h1":{"buys":\(buys),"sells":48}}}]}
            """
        let pairs = try JSONDecoder().decode(DexScreenerPairsResponse.self, from: Data(body.utf8)).pairs.map(\.dexPair)
        #expect(pairs.count == 1, "the pair is kept")
        #expect(pairs.first?.buysH1 == expected)
        #expect(pairs.first?.transactionsH1 == (expected ?? 0) + 48)
        #expect(pairs.first?.priceUSD == 0.47)
    }

    @Test(arguments: counts)
    func aGeckoTerminalCountAnIntCannotHoldIsNoData(_ buys: String, _ expected: Int?) throws {
        let body = """
            {"data":[{"id":"solana_P","type":"pool","attributes":{"address":"P","base_token_price_usd":"0.47",
              "transactions":{"h1":{"buys":\(buys),"sells":48}}}}]}
            """
        let pairs = try JSONDecoder().decode(GeckoTerminalPoolsResponse.self, from: Data(body.utf8)).dexPairs(network: "solana")
        #expect(pairs.count == 1, "the pool is kept")
        #expect(pairs.first?.buysH1 == expected)
        #expect(pairs.first?.transactionsH1 == (expected ?? 0) + 48)
    }

    @Test(arguments: [(9_000_000_000_000_000_000, 9_000_000_000_000_000_000, nil), (Int.max, 0, Int.max), (nil, 5, 5), (nil, nil, nil)] as [(Int?, Int?, Int?)])
    func countsWhoseSumNoIntHoldsAddUpToNoData(_ buys: Int?, _ sells: Int?, _ expected: Int?) {
        let pair = DexPair(chainId: "solana", pairAddress: "P", priceUSD: 1, liquidityUSD: nil, volume24hUSD: nil,
                           priceChangeH1: nil, buysH1: buys, sellsH1: sells)
        #expect(pair.transactionsH1 == expected)
    }

    @Test func aKlineWhoseOpenTimeNoInt64HoldsIsDroppedAlone() throws {
        let body = """
            [[1e19,"0.4701","0.4719","0.4698","0.4712","10233.1",1795265580000,"4818.92"],
             [1795265640000,"0.4721","0.4721","0.4690","0.4693","15112.9",-1e19,"7102.55"]]
            """
        let klines = try JSONDecoder().decode(LossyArray<MEXCKline>.self, from: Data(body.utf8))
        #expect(klines.dropped == 1)
        #expect(klines.elements.map(\.openTime) == [1795265640000])
        #expect(klines.elements.first?.closeTime == nil)
    }

    @Test func aCoinGeckoUpdateTimeNoInt64HoldsIsNoDataAndThePriceStays() throws {
        let body = #"{"jup":{"usd":0.47,"last_updated_at":1e19}}"#
        let price = try #require(try JSONDecoder().decode([String: CoinGeckoPrice].self, from: Data(body.utf8))["jup"])
        #expect(price.usd == 0.47)
        #expect(price.lastUpdatedAt == nil)
    }
}
