import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// Same seed and time, same bytes; prices form one consistent path across endpoints.
@Suite struct SimulatedMarketDeterminismTests {
    static let paths = [
        "/dexscreener/latest/dex/search?q=solana%20usd",
        "/geckoterminal/api/v2/networks/bsc/trending_pools?include=base_token,quote_token&page=1",
        "/mexc/api/v3/exchangeInfo",
        "/mexc/api/v3/ticker/24hr",
        "/mexc/api/v3/klines?symbol=BRAVOUSDT&interval=1m&limit=30",
        "/coingecko/api/v3/coins/list?include_platform=true",
        "/coingecko/api/v3/simple/price?ids=alpha-protocol,juliet&vs_currencies=usd&include_last_updated_at=true",
        "/binance/api/v3/ticker/price",
        "/mexc/api/v3/depth?symbol=YANKEEUSDT&limit=50",
    ]

    static func answers(seed: UInt64, extraPairs: Int = 3) async throws -> [Data] {
        try await Sim.withMarket(seed: seed, extraPairs: extraPairs) { market in
            var bodies: [Data] = []
            for path in paths { bodies.append(try await Sim.get(market.baseURL + path).body) }
            let pair = try #require(market.pair(.lowCEXVolume))
            bodies.append(try await Sim.get(market.dexScreenerURL + "/latest/dex/pairs/base/\(pair.pairAddress)").body)
            return bodies
        }
    }

    @Test func sameSeedAndTimeGiveTheSameBytes() async throws {
        let first = try await Self.answers(seed: 11)
        let second = try await Self.answers(seed: 11)
        #expect(first == second)
        #expect(first.allSatisfy { $0.count > 10 })
    }

    @Test func anotherSeedGivesAnotherMarket() async throws {
        let first = try await Self.answers(seed: 11)
        let other = try await Self.answers(seed: 12)
        #expect(first[3] != other[3], "tickers differ")
        #expect(first[0] != other[0], "addresses and prices differ")
    }

    @Test func scenarioStructureIsTheSameForEverySeed() {
        let symbols = { (seed: UInt64) in SimulatedMarketModel(seed: seed).pairs.map { "\($0.baseSymbol)/\($0.scenario.rawValue)" } }
        #expect(symbols(1) == symbols(2))
    }

    /// A ticker price served at t lies inside [low, high] of t's candle, both while the
    /// candle is open and after it closed; candles never reach past the market's now.
    @Test func klinesAreConsistentWithEveryTickerServedBefore() async throws {
        let clock = SimulationClock(start: Sim.instant, frozen: true)
        // Minutes of the model's time pass in a second of real time: 24 all-tickers calls
        // would be past MEXC's limit, which the market counts on the real clock.
        try await Sim.withMarket(now: clock.now, limits: .countOnly) { market in
            let mexc = Sim.mexc(market)
            var served: [(ms: Int64, symbol: String, price: Double)] = []
            for step in 0..<24 {
                clock.advance(by: step % 3 == 0 ? 7.3 : 13.9)
                for ticker in try await mexc.allTickers().tickers where ["ALPHAUSDT", "CHARLIEUSDT", "JULIETUSDT"].contains(ticker.symbol) {
                    served.append((clock.now().millisecondsSince1970, ticker.symbol, try #require(ticker.lastPrice)))
                }
                if step == 12 {
                    let open = try #require(try await mexc.klines(symbol: "ALPHAUSDT", startMs: clock.now().millisecondsSince1970 - 60_000, endMs: clock.now().millisecondsSince1970).last)
                    let latest = try #require(served.last { $0.symbol == "ALPHAUSDT" })
                    #expect(open.openTime == latest.ms / 60_000 * 60_000, "the still-open candle is served")
                    #expect(try #require(open.close) == latest.price)
                }
            }
            clock.advance(by: 120)
            let nowMs = clock.now().millisecondsSince1970
            for symbol in ["ALPHAUSDT", "CHARLIEUSDT", "JULIETUSDT"] {
                let start = served.first!.ms - 60_000
                let klines = try await mexc.klines(symbol: symbol, startMs: start, endMs: nowMs + 3_600_000)
                #expect(klines.last!.openTime <= nowMs && klines.last!.openTime > nowMs - 60_000)
                let byOpen = Dictionary(klines.map { ($0.openTime, $0) }, uniquingKeysWith: { a, _ in a })
                for ticker in served where ticker.symbol == symbol {
                    let candle = try #require(byOpen[ticker.ms / 60_000 * 60_000])
                    #expect(try #require(candle.low) <= ticker.price && ticker.price <= (try #require(candle.high)), "\(symbol) at \(ticker.ms)")
                }
            }
        }
    }

    @Test func klinesHonourStartEndAndLimit() async throws {
        try await Sim.withMarket { market in
            let mexc = Sim.mexc(market)
            let now = Sim.instant.millisecondsSince1970
            let start = now - 10 * 60_000 + 1
            let klines = try await mexc.klines(symbol: "ALPHAUSDT", startMs: start, endMs: now - 3 * 60_000)
            #expect(klines.first!.openTime >= start && klines.first!.openTime - start < 60_000)
            #expect(klines.last!.openTime <= now - 3 * 60_000)
            #expect(klines.count == 7)
            #expect(try await mexc.klines(symbol: "ALPHAUSDT", startMs: now - 10 * 60_000, endMs: now, limit: 3).count == 3)
            #expect(try await mexc.klines(symbol: "ALPHAUSDT", startMs: now + 60_000, endMs: now + 600_000).isEmpty, "no candle after now")
            let most = try await mexc.klines(symbol: "ALPHAUSDT", startMs: now - 2_000 * 60_000, endMs: now, limit: 5_000)
            #expect(most.count == 1_000)
        }
    }

    @Test func extraPairsAreListedProvenAndServed() async throws {
        try await Sim.withMarket(extraPairs: 1_000) { market in
            let fillers = market.pairs.filter { $0.scenario == .filler }
            #expect(fillers.count == 1_000)
            #expect(Set(fillers.map(\.baseSymbol)).count == 1_000)
            #expect(fillers.allSatisfy { $0.isWatchlistPair && $0.coingeckoID != nil && $0.mexcSymbol != nil })
            let tickers = try await Sim.mexc(market).allTickers().tickers
            #expect(Set(fillers.compactMap(\.mexcSymbol)).isSubset(of: Set(tickers.map(\.symbol))))
            let bsc = fillers.filter { $0.chainID == "bsc" }.prefix(30).map(\.pairAddress)
            let found = try await Sim.dexScreener(market).pairs(chain: "bsc", addresses: Array(bsc)).pairs
            #expect(found.map(\.pairAddress) == Array(bsc))
            #expect(found.allSatisfy { ($0.liquidityUsd ?? 0) >= 100_000 })
        }
    }
}
