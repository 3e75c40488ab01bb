import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The simulated market enforces the published limits itself, as the real APIs do, and
/// counts what it received per window.
@Suite struct SimulatedLimitsTests {
    /// MEXC: 12 all-tickers calls (480 weight) pass; the 13th (520 in 10 s) is a 429 with
    /// `Retry-After`; asking again before it passed is a 418 ban of 2 minutes.
    @Test func mexcAnswers429ThenBansAnOffenderWith418() async throws {
        try await Sim.withMarket { market in
            let url = market.mexcURL + "/api/v3/ticker/24hr"
            for call in 1...12 {
                #expect(try await Sim.get(url).status == 200, "call \(call)")
            }
            let refused = try await Sim.get(url)
            #expect(refused.status == 429)
            let wait = try #require(refused.headers["retry-after"].flatMap { Int($0) })
            #expect((1...10).contains(wait))
            let banned = try await Sim.get(market.mexcURL + "/api/v3/klines?symbol=ALPHAUSDT&interval=1m")
            #expect(banned.status == 418, "any endpoint: the ban is per IP")
            #expect(banned.headers["retry-after"] == "120")
            let use = await market.budgetUse().first { $0.source == "mexc" && $0.bucket == SimulatedEndpoint.mexcTickers.rawValue }
            #expect(use?.requests == 13 && use?.refused == 1 && use?.maxWindowWeight == 520)
        }
    }

    /// GeckoTerminal: 30 per minute, then 429, and no ban for asking again (only MEXC and
    /// Binance ban). DexScreener's 300 are counted the same way (`SimulatedLimits.rule`).
    @Test func geckoTerminalRefusesThe31stRequestOfAMinuteWithoutABan() async throws {
        try await Sim.withMarket { market in
            let url = market.geckoTerminalURL + "/networks/solana/trending_pools?page=1"
            var statuses: [Int: Int] = [:]
            for _ in 0..<32 { statuses[try await Sim.get(url).status, default: 0] += 1 }
            #expect(statuses == [200: 30, 429: 2])
        }
    }

    @Test func theBudgetIsServedOnTheControlPath() async throws {
        try await Sim.withMarket { market in
            _ = try await Sim.get(market.mexcURL + "/api/v3/ticker/24hr")
            _ = try await Sim.get(market.mexcURL + "/api/v3/ticker/24hr?symbol=ALPHAUSDT")
            let rows = try #require(try await Sim.json(market.baseURL + "/_sim/budget") as? [[String: Any]])
            let tickers = try #require(rows.first { $0["bucket"] as? String == "mexc_ticker_24hr" })
            #expect(Sim.number(tickers["weight"]) == 41 && Sim.number(tickers["limit"]) == 500 && Sim.number(tickers["window_seconds"]) == 10)
            #expect(Sim.number(tickers["refused"]) == 0)
        }
    }

    struct WindowCase: Sendable {
        let times: [Double]
        let expected: Double
    }

    @Test(arguments: [
        WindowCase(times: [], expected: 0),
        WindowCase(times: [0, 5, 9.99], expected: 3),
        WindowCase(times: [0, 10, 20], expected: 1),
        WindowCase(times: [0, 1, 10.5, 11, 11.2], expected: 3),
    ])
    func theHeaviestWindowCountsEveryWindowOfTheLimitsLength(_ example: WindowCase) {
        let entries = example.times.map { SimulatedBudgetEntry(at: $0, source: "x", bucket: "all", weight: 1, refusedWith: nil) }
        #expect(SimulatedLimitKeeper.heaviestWindow(entries, seconds: 10) == example.expected)
    }
}
