import Foundation
import Testing
@testable import ATSCore

/// CoinGecko's manners (product.md "Network manners", CoinGecko): one `simple/price` per
/// burst with would-be signals, none while the cache holds the ids (across runs), the
/// plan's host and header, and `monthly_credits` counted per UTC month.
@Suite struct PollCoinGeckoBudgetTests {
    /// No cooldown, so every run has the same would-be signal to verify.
    static func harness(_ edit: @escaping (inout ATSConfig) -> Void = { _ in }) throws -> PollHarness {
        try PollHarness([MarketPair("ALPHA")]) { values in
            values.signal.cooldownMinutes = 0
            edit(&values)
        }
    }

    @Test func oneCallPerBurstWithWouldBeSignals() async throws {
        let harness = try Self.harness()
        _ = await harness.run(bursts: 3)
        #expect(harness.market.requests(to: "coingecko").count == 3)
    }

    /// Two runs (as two processes would, each opening the database) within `cache_seconds`:
    /// the second verifies from the cache without a request.
    @Test func aCachedPriceIsNotAskedAgainWithinCacheSeconds() async throws {
        let harness = try Self.harness { $0.verifiers.coingecko.cacheSeconds = 60 }
        _ = await harness.run()
        _ = await harness.run()
        #expect(harness.market.requests(to: "coingecko").count == 1)
        let notes = try harness.signals().map(\.notes)
        #expect(notes.count == 2 && notes.allSatisfy { $0.contains("coingecko within") }, "\(notes)")
    }

    @Test func theProPlanSendsTheProHeaderToTheProHost() async throws {
        let harness = try Self.harness { values in
            values.verifiers.coingecko.plan = "pro"
            values.verifiers.coingecko.baseURL = ""
        }
        _ = await harness.run(variables: ["COINGECKO_API_KEY": "pro-secret"])
        let asked = harness.market.transport.requests.filter { $0.url.path.hasSuffix("/simple/price") }
        let request = try #require(asked.first)
        #expect(request.url.host == "pro-api.coingecko.com" && request.url.path == "/api/v3/simple/price")
        #expect(request.headers[CoinGeckoAPI.proKeyHeader] == "pro-secret" && request.headers[CoinGeckoAPI.keyHeader] == nil)
    }

    @Test func keylessSendsNoKeyEvenWhenOneIsSet() async throws {
        let harness = try Self.harness { $0.verifiers.coingecko.plan = "keyless" }
        _ = await harness.run(variables: ["COINGECKO_API_KEY": "unused"])
        let request = try #require(harness.market.requests(to: "coingecko").first)
        #expect(!request.headers.values.contains("unused"))
    }

    /// `monthly_credits: 3`: the fourth call of the month is never made; the run warns and
    /// the signal is noted unverified.
    @Test func theFourthCallIsNeverMadeWithThreeMonthlyCredits() async throws {
        let harness = try Self.harness { $0.verifiers.coingecko.monthlyCredits = 3 }
        for _ in 0..<3 { _ = await harness.run() }
        #expect(harness.market.requests(to: "coingecko").count == 3)
        let fourth = await harness.run()
        #expect(harness.market.requests(to: "coingecko").count == 3)
        #expect(fourth.exit == .ok)
        #expect(harness.capture.stderr.contains { $0.contains("monthly_credits) are spent") }, "\(harness.capture.stderr)")
        let last = try #require(try harness.signals().last)
        #expect(last.notes.contains("unverified: coingecko could not answer: not asked: this month's 3 calls"))
        #expect(try harness.database.monthCalls(source: "coingecko", at: Date()) == 3)
    }
}
