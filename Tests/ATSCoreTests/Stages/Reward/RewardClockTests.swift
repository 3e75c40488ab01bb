import Foundation
import Testing
@testable import ATSCore

/// Which clock decides what: `--as-of` decides what is due; a candle counts by the real
/// clock; giving up is judged by the earlier of the two.
@Suite struct RewardClockTests {
    /// The window misses T+2, so it can only be given up on.
    static let incomplete = RewardStageTests.path.filter { $0.openMs != at(minutes: 2).millisecondsSince1970 }

    /// (real clock, `--as-of`, in hours after the signal; status): give_up_hours is 24.
    @Test(arguments: [
        (1.0, 30.0, RewardStatus.pending),   // a future --as-of cannot give up on a fresh signal
        (23.0, 24.0, .pending),              // nor bring give-up forward by an hour
        (30.0, 25.0, .unavailable),          // a past --as-of already 24 h on: given up
        (30.0, 23.0, .pending),              // a past --as-of before 24 h: not yet
        (24.0, nil, .unavailable),           // no --as-of: the real clock
    ] as [(Double, Double?, RewardStatus)])
    func givingUpIsJudgedByTheEarlierOfTheClockAndAsOf(clockHours: Double, asOfHours: Double?, status: RewardStatus) async throws {
        let setup = try rewardSetup(giveUpHours: 24)
        let database = try setup.database()
        let signalTime = at(seconds: 30)
        let id = try insertSignal(database, at: signalTime, notes: "coingecko did not answer")
        let before = try signal(database, id)
        let hours = { (value: Double) in signalTime.addingTimeInterval(value * 3600) }
        let asOf = asOfHours.map(hours)

        let outcome = await runReward(setup, KlineMarket(["ALPHAUSDT": Self.incomplete]), now: hours(clockHours), asOf: asOf)

        #expect(outcome.exit == .ok)
        let row = try signal(database, id)
        #expect(row.rewardStatus == status)
        if status == .pending {
            #expect(row == before)
        } else {
            #expect(row.notes == "coingecko did not answer; reward unavailable: only 2 of 3 closed 1m candles from MEXC 24h after the signal")
            #expect(row.rewardComputedAt?.millisecondsSince1970 == (asOf ?? hours(clockHours)).millisecondsSince1970)
        }
    }

    /// A past `--as-of` measures on every candle that has really closed since.
    @Test func aPastAsOfMeasuresOnCandlesThatClosedByTheRealClock() async throws {
        let setup = try rewardSetup(window: 3, delay: 0)
        let database = try setup.database()
        let id = try insertSignal(database, at: at(seconds: 30))
        let asOf = at(minutes: 2)   // the window's last candle opens only at T + 3 min

        _ = await runReward(setup, KlineMarket(["ALPHAUSDT": RewardStageTests.path]), now: at(minutes: 10), asOf: asOf)

        let row = try signal(database, id)
        #expect(row.rewardStatus == .done)
        #expect(row.rewardComputedAt?.millisecondsSince1970 == asOf.millisecondsSince1970)
    }
}

/// `dex_price_after` / `cex_price_after`: the pair's last observation in `(timestamp,
/// timestamp + window]`, with no request.
@Suite struct RewardPricesAfterTests {
    struct Seen: Sendable {
        /// Milliseconds after the signal.
        var afterMs: Double
        var dex: Double?
        var cex: Double?
        /// Another pair of the same symbol (same chain) when set.
        var pair: String? = nil
    }

    /// (observations, expected dex and cex after); the window is 3 minutes (180 000 ms).
    @Test(arguments: [
        ([], nil),
        ([Seen(afterMs: 60_000, dex: 1.90, cex: 2.10)], [1.90, 2.10]),
        ([Seen(afterMs: 60_000, dex: 1.90, cex: 2.10), Seen(afterMs: 180_000, dex: 1.95, cex: 2.02)], [1.95, 2.02]),  // window end: inside
        ([Seen(afterMs: 60_000, dex: 1.90, cex: 2.10), Seen(afterMs: 180_001, dex: 1.95, cex: 2.02)], [1.90, 2.10]),  // just after: outside
        ([Seen(afterMs: 0, dex: 1.90, cex: 2.10)], nil),                                                            // the signal's own burst
        ([Seen(afterMs: -1_000, dex: 1.90, cex: 2.10)], nil),
        ([Seen(afterMs: 60_000, dex: 1.90, cex: 2.10), Seen(afterMs: 120_000, dex: 1.99, cex: 2.0, pair: "Other")], [1.90, 2.10]),
        ([Seen(afterMs: 60_000, dex: 1.90, cex: 2.10), Seen(afterMs: 120_000, dex: nil, cex: 2.0)], [1.90, 2.10]),  // an error row
    ] as [([Seen], [Double]?)])
    func thePricesAfterAreThePairsLastObservationInTheWindow(seen: [Seen], expected: [Double]?) async throws {
        let setup = try rewardSetup(window: 3, delay: 4)
        let database = try setup.database()
        let signalTime = at(seconds: 30)
        let id = try insertSignal(database, at: signalTime)
        for observation in seen {
            try insertObservation(database, pairAddress: observation.pair, at: signalTime.addingTimeInterval(observation.afterMs / 1000),
                                  dexPrice: observation.dex, cexPrice: observation.cex)
        }
        let market = KlineMarket(["ALPHAUSDT": RewardStageTests.path])

        _ = await runReward(setup, market, now: at(minutes: 10))

        let row = try signal(database, id)
        #expect(row.rewardStatus == .done)
        #expect(row.dexPriceAfter == expected?[0])
        #expect(row.cexPriceAfter == expected?[1])
        #expect(market.transport.requests.count == 1, "the klines request only")
    }
}
