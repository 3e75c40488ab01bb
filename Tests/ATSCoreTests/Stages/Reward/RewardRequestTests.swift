import Foundation
import Testing
@testable import ATSCore

/// How the stage asks MEXC: what goes on the wire, how often, and when.
@Suite struct RewardRequestTests {
    /// One request serves the baseline's hour and the window, with a candle of margin each side.
    @Test func theKlinesQueryAsksForTheBaselineAndTheWindowWithAMinuteToSpareEachSide() async throws {
        let setup = try rewardSetup(window: 15, delay: 16, baseline: 60)
        try insertSignal(try setup.database(), at: at(seconds: 30))
        let market = KlineMarket(["ALPHAUSDT": flatCandles(from: minuteT, count: 30)])

        _ = await runReward(setup, market, now: at(minutes: 20))

        let request = try #require(market.transport.requests.first)
        #expect(request.url.host == "mexc.test")
        #expect(request.url.path == "/api/v3/klines")
        #expect(market.klineQueries == [[
            "symbol": "ALPHAUSDT",
            "interval": "1m",
            "startTime": "1795261920000",   // T − 60 min: t0 (T + 1 min, the signal rounded up) − 60 − 1
            "endTime": "1795266539999",     // T + 17 min − 1 ms: the window's last candle opens at T + 15 min, one more after it
            "limit": "77",                  // 60 + 15 + 2
        ]])
    }

    /// (signal times in minutes after T, klines requests expected for the symbol). Each
    /// signal at minute a asks `[a − 61, a + 16)` (baseline 60, window 15, a minute each side).
    @Test(arguments: [
        ([0.0], 1),
        ([0.0, 5, 100, 400], 1),
        ([0.0, 923], 1),      // −61 → 939: exactly 1000 candles
        ([0.0, 924], 2),      // 1001 candles: more than one answer holds
        ([0.0, 1500], 2),
        ([0.0, 700, 1400, 2100], 2),
    ])
    func signalsOfOneSymbolShareRequests(times: [Double], requests: Int) async throws {
        let setup = try rewardSetup(window: 15, delay: 16, baseline: 60)
        let database = try setup.database()
        for time in times { try insertSignal(database, at: at(minutes: time)) }
        try insertSignal(database, symbol: "BETA", at: at(minutes: 3))
        try insertSignal(database, symbol: "BETA", at: at(minutes: 9))
        let market = KlineMarket { _ in flatCandles(from: minuteT, count: 2200) }

        _ = await runReward(setup, market, now: at(minutes: 2200))

        let perSymbol = Dictionary(grouping: market.klineQueries) { $0["symbol"] ?? "" }.mapValues(\.count)
        #expect(perSymbol == ["ALPHAUSDT": requests, "BETAUSDT": 1])
        #expect(try allSignals(database).allSatisfy { $0.rewardStatus == .done })
        #expect(try lastRewardRun(database).counts["requests"] == requests + 1)
    }

    @Test func asOfDecidesWhatIsDueAndStampsTheReward() async throws {
        let setup = try rewardSetup(window: 15, delay: 16)
        let database = try setup.database()
        let early = try insertSignal(database, at: at(minutes: 0))
        let late = try insertSignal(database, symbol: "BETA", at: at(minutes: 5))
        let untouched = try signal(database, late)
        let market = KlineMarket { _ in flatCandles(from: minuteT, count: 60) }
        let asOf = at(minutes: 16)

        let outcome = await runReward(setup, market, now: at(minutes: 180), asOf: asOf)

        #expect(outcome.exit == .ok)
        #expect(market.klineQueries.map { $0["symbol"] } == ["ALPHAUSDT"])
        #expect(try signal(database, late) == untouched)
        let measured = try signal(database, early)
        #expect(measured.rewardStatus == .done)
        #expect(measured.rewardComputedAt?.millisecondsSince1970 == asOf.millisecondsSince1970)
    }

    @Test func aFutureAsOfStillWaitsForCandlesToReallyClose() async throws {
        let setup = try rewardSetup(window: 15, delay: 16)
        let database = try setup.database()
        let id = try insertSignal(database, at: at(minutes: 0))
        let market = KlineMarket { _ in flatCandles(from: minuteT, count: 60) }

        _ = await runReward(setup, market, now: at(minutes: 10), asOf: at(minutes: 60))

        #expect(market.klineQueries.count == 1)
        #expect(try signal(database, id).rewardStatus == .pending)
    }

    @Test func aSecondRunAsksNothingAndChangesNothing() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        try insertSignal(database, at: at(seconds: 30))
        try insertSignal(database, symbol: "GAMMA", at: at(seconds: 30))   // no candles: given up
        let market = KlineMarket(["ALPHAUSDT": RewardStageTests.path])
        _ = await runReward(setup, market, now: at(minutes: 25 * 60))
        let requests = market.transport.requests.count
        let rows = try allSignals(database)
        #expect(rows.map(\.rewardStatus) == [.done, .unavailable])
        let candles = try database.signalCandles(signalID: try #require(rows.first?.id))
        #expect(candles.count == 3)

        let second = await runReward(setup, market, now: at(minutes: 25 * 60 + 5))

        #expect(second.exit == .ok)
        #expect(market.transport.requests.count == requests)
        #expect(try allSignals(database) == rows)
        #expect(try database.signalCandles(signalID: try #require(rows.first?.id)) == candles)
        #expect(try lastRewardRun(database).counts == ["due": 0, "done": 0, "pending": 0, "unavailable": 0, "requests": 0])
    }
}
