import Foundation
import Testing
@testable import ATSCore

/// The stage end to end against a stub MEXC: what lands in `signals` and `runs`.
@Suite struct RewardStageTests {
    /// A 3-minute window from T+1 (signal at T+30 s), with a wild candle on each side:
    /// T+0 opened before the signal and T+4 opens after the window; the exchange
    /// returns both, and either one would change every number below.
    static let path = [
        KlineRow(at(minutes: 0), "2.00", "9.00", "0.50", "2.00"),
        KlineRow(at(minutes: 1), "2.00", "2.10", "1.90", "2.05"),
        KlineRow(at(minutes: 2), "2.05", "2.30", "1.95", "2.20"),
        KlineRow(at(minutes: 3), "2.20", "2.25", "1.80", "2.05"),
        KlineRow(at(minutes: 4), "2.05", "9.00", "0.50", "3.00"),
    ]

    struct Expected: Sendable, CustomTestStringConvertible {
        var side: SignalType
        var entry: Double
        var feePct: Double
        var actual, mae, close, cost, net: Double
        var testDescription: String { "\(side.rawValue) at \(entry), fee \(feePct) %" }
    }

    // Window: highest high 2.30, lowest low 1.80, last close 2.05. Worked out by hand; these
    // signals have no entry_price and no impact (as before v2): the entry is cex_price and
    // the cost the two fees alone, so v2 leaves these numbers as v1 had them.
    @Test(arguments: [
        // BUY 2.0: 2.30/2 − 1, 1.80/2 − 1, 2.05/2 − 1, cost 2 × 0.1 %
        Expected(side: .buy, entry: 2.0, feePct: 0.1, actual: 0.15, mae: -0.10, close: 0.025, cost: 0.002, net: 0.023),
        // BUY 2.5, no fee: 2.30/2.5 − 1, 1.80/2.5 − 1, 2.05/2.5 − 1
        Expected(side: .buy, entry: 2.5, feePct: 0, actual: -0.08, mae: -0.28, close: -0.18, cost: 0, net: -0.18),
        // SELL 2.0: 1 − 1.80/2, 1 − 2.30/2, 1 − 2.05/2, cost 0.002
        Expected(side: .sell, entry: 2.0, feePct: 0.1, actual: 0.10, mae: -0.15, close: -0.025, cost: 0.002, net: -0.027),
        // SELL 2.5, fee 0.5 %: 1 − 1.80/2.5, 1 − 2.30/2.5, 1 − 2.05/2.5, cost 0.01
        Expected(side: .sell, entry: 2.5, feePct: 0.5, actual: 0.28, mae: 0.08, close: 0.18, cost: 0.01, net: 0.17),
    ])
    func everyRewardColumnMatchesTheHandComputedPath(expected: Expected) async throws {
        let setup = try rewardSetup(feePct: expected.feePct)
        let database = try setup.database()
        let id = try insertSignal(database, type: expected.side, at: at(seconds: 30), cexPrice: expected.entry)
        let market = KlineMarket(honest: false, ["ALPHAUSDT": Self.path])
        let now = at(minutes: 10)

        let outcome = await runReward(setup, market, now: now)

        #expect(outcome.exit == .ok)
        let row = try signal(database, id)
        #expect(row.rewardStatus == .done)
        #expect(abs(try #require(row.actualReward) - expected.actual) < 1e-9)
        #expect(abs(try #require(row.rewardMae) - expected.mae) < 1e-9)
        #expect(abs(try #require(row.rewardClose) - expected.close) < 1e-9)
        #expect(abs(try #require(row.rewardCost) - expected.cost) < 1e-12)
        #expect(abs(try #require(row.rewardNet) - expected.net) < 1e-9)
        #expect(row.rewardComputedAt?.millisecondsSince1970 == now.millisecondsSince1970)
    }

    @Test func aSignalExactlyOnAMinuteStartsItsWindowAtThatMinute() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        let id = try insertSignal(database, at: at(minutes: 1), cexPrice: 2.0)
        let market = KlineMarket(honest: false, ["ALPHAUSDT": Self.path])

        _ = await runReward(setup, market, now: at(minutes: 10))

        // Same window as a signal at T+30 s: T+1 counts, T+0 and T+4 do not.
        let row = try signal(database, id)
        #expect(abs(try #require(row.actualReward) - 0.15) < 1e-9)
        #expect(abs(try #require(row.rewardClose) - 0.025) < 1e-9)
    }

    /// (real clock, as of T + 4 min, ms; status): the window's last candle opens at T + 3 min
    /// and counts once it has closed with 10 s to spare, at T + 4 min 10 s.
    @Test(arguments: [(0.0, RewardStatus.pending), (9_999, .pending), (10_000, .done), (10_001, .done)])
    func theLastCandleCountsSeventySecondsAfterItOpens(afterMinute: Double, status: RewardStatus) async throws {
        let setup = try rewardSetup(delay: 0)
        let database = try setup.database()
        let id = try insertSignal(database, at: at(seconds: 30), cexPrice: 2.0)
        let market = KlineMarket(["ALPHAUSDT": Self.path])

        _ = await runReward(setup, market, now: at(minutes: 4, ms: afterMinute))

        let row = try signal(database, id)
        #expect(row.rewardStatus == status)
        #expect((row.actualReward == nil) == (status == .pending))
    }

    @Test func missingCandlesKeepTheSignalPendingAndUntouched() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        let id = try insertSignal(database, at: at(seconds: 30), notes: "coingecko did not answer")
        let before = try signal(database, id)
        let market = KlineMarket(["ALPHAUSDT": Self.path.filter { $0.openMs != at(minutes: 2).millisecondsSince1970 }])

        let outcome = await runReward(setup, market, now: at(minutes: 10))

        #expect(outcome.exit == .ok)
        #expect(try signal(database, id) == before)
        #expect(try lastRewardRun(database).counts["pending"] == 1)
    }

    /// (hours after the signal when the run happens, status expected)
    @Test(arguments: [(23.99, RewardStatus.pending), (24.0, .unavailable), (30.0, .unavailable)])
    func anIncompleteWindowIsGivenUpAfterGiveUpHoursFromTheSignal(hours: Double, status: RewardStatus) async throws {
        let setup = try rewardSetup(giveUpHours: 24)
        let database = try setup.database()
        let signalTime = at(seconds: 30)
        let id = try insertSignal(database, at: signalTime, notes: "coingecko did not answer")
        let market = KlineMarket(["ALPHAUSDT": Self.path.filter { $0.openMs != at(minutes: 2).millisecondsSince1970 }])
        let now = signalTime.addingTimeInterval(hours * 3600)

        _ = await runReward(setup, market, now: now)

        let row = try signal(database, id)
        #expect(row.rewardStatus == status)
        #expect(row.actualReward == nil && row.rewardNet == nil)
        if status == .unavailable {
            #expect(row.notes == "coingecko did not answer; reward unavailable: only 2 of 3 closed 1m candles from MEXC 24h after the signal")
            #expect(row.rewardComputedAt?.millisecondsSince1970 == now.millisecondsSince1970)
        } else {
            #expect(row.notes == "coingecko did not answer")
        }
    }

    @Test func aCompleteWindowIsMeasuredEvenPastGiveUpHours() async throws {
        let setup = try rewardSetup(giveUpHours: 24)
        let database = try setup.database()
        let id = try insertSignal(database, at: at(seconds: 30), cexPrice: 2.0)

        _ = await runReward(setup, KlineMarket(["ALPHAUSDT": Self.path]), now: at(minutes: 3 * 24 * 60))

        #expect(try signal(database, id).rewardStatus == .done)
    }

    @Test func aSignalWithoutAUsableEntryPriceIsUnavailableWithoutAsking() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        let id = try insertSignal(database, at: at(seconds: 30), cexPrice: 0)
        let market = KlineMarket(["ALPHAUSDT": Self.path])

        _ = await runReward(setup, market, now: at(minutes: 10))

        #expect(market.klineQueries.isEmpty)
        let row = try signal(database, id)
        #expect(row.rewardStatus == .unavailable)
        #expect(row.notes == "reward unavailable: the entry price is not a positive number")
    }

    @Test func theRunRowCountsWhatHappened() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        let now = at(minutes: 30 * 60)
        try insertSignal(database, symbol: "ALPHA", at: at(seconds: 30))                        // done
        try insertSignal(database, symbol: "BETA", at: now.addingTimeInterval(-3600))            // missing, recent: pending
        try insertSignal(database, symbol: "GAMMA", at: at(seconds: 30))                         // missing, 30 h old: unavailable
        try insertSignal(database, symbol: "ALPHA", at: now.addingTimeInterval(-60))             // not due: not counted
        let market = KlineMarket(["ALPHAUSDT": Self.path])

        let outcome = await runReward(setup, market, now: now)

        let (run, counts) = try lastRewardRun(database)
        #expect(run.status == .ok)
        #expect(counts == ["due": 3, "done": 1, "pending": 1, "unavailable": 1, "requests": 3])
        // The one done: BUY at 2.0 on the path, net 2.05/2 − 1 − 0.002 = 2.3 %; no candles
        // before T, so no baseline.
        #expect(outcome.summary == "reward: 3 due: 1 done, 1 pending, 1 unavailable (3 requests); mean of 1 done: net 2.3%, cost 0.2%, no baseline")
    }

    @Test func nothingDueIsAQuietSuccess() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        let market = KlineMarket([:])

        let outcome = await runReward(setup, market, now: at(minutes: 10))

        #expect(outcome.exit == .ok)
        #expect(outcome.summary == "reward: nothing due")
        #expect(try lastRewardRun(database).counts == ["due": 0, "done": 0, "pending": 0, "unavailable": 0, "requests": 0])
    }

    @Test func aTerminalSeesProgressAndCronSeesNothingOnSuccess() async throws {
        for terminal in [true, false] {
            let setup = try rewardSetup()
            try insertSignal(try setup.database(), at: at(seconds: 30))
            let captured = ConsoleCapture()

            _ = await runReward(setup, KlineMarket(["ALPHAUSDT": Self.path]), now: at(minutes: 10), console: captured.console(terminal: terminal))

            if terminal {
                #expect(captured.stdout == [
                    "reward: 1 signal due",
                    "reward: ALPHAUSDT: 1 done, 0 pending, 0 unavailable",
                    "reward: 1 due: 1 done, 0 pending, 0 unavailable (1 request); mean of 1 done: net 2.3%, cost 0.2%, no baseline",
                ])
            } else {
                #expect(captured.stdout.isEmpty)
            }
            #expect(captured.stderr.isEmpty)
        }
    }
}
