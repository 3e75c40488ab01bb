import Foundation
import Testing
@testable import ATSCore

@Suite struct RewardWindowTests {
    /// (signal time after minute T in ms, expected t0 after T in minutes)
    @Test(arguments: [
        (0.0, 0),          // exactly on a minute: that minute's candle opened with the signal
        (1.0, 1),          // one millisecond later: the candle had already begun
        (30_000.0, 1),
        (59_999.0, 1),
        (60_000.0, 1),
        (60_001.0, 2),
    ])
    func windowStartsAtTheSignalRoundedUpToTheMinute(offsetMs: Double, startMinute: Int) {
        let window = RewardWindow(signalTime: at(ms: offsetMs), minutes: 15)
        #expect(window.startMs == at(minutes: Double(startMinute)).millisecondsSince1970)
        #expect(window.endMs == at(minutes: Double(startMinute + 15)).millisecondsSince1970)
    }

    private func klines(_ rows: [KlineRow]) throws -> [MEXCKline] {
        try JSONDecoder().decode([MEXCKline].self, from: Data(("[" + rows.map(\.json).joined(separator: ",") + "]").utf8))
    }

    private let window = RewardWindow(startMs: at(minutes: 1).millisecondsSince1970, minutes: 2)
    private var closedLongAgo: Int64 { at(minutes: 60).millisecondsSince1970 }

    @Test func candlesBeforeAndAfterTheWindowAreIgnored() throws {
        let rows = [
            KlineRow(at(minutes: 0), "1", "9", "0.1", "1"),
            KlineRow(at(minutes: 1), "1", "1.2", "0.9", "1.1"),
            KlineRow(at(minutes: 2), "1.1", "1.3", "1.0", "1.2"),
            KlineRow(at(minutes: 3), "1", "9", "0.1", "1"),
        ]
        let selection = window.select(CandleSeries(try klines(rows), realNowMs: closedLongAgo))
        #expect(selection == .complete([
            Candle(openTime: at(minutes: 1).millisecondsSince1970, open: 1, high: 1.2, low: 0.9, close: 1.1),
            Candle(openTime: at(minutes: 2).millisecondsSince1970, open: 1.1, high: 1.3, low: 1.0, close: 1.2),
        ]))
    }

    /// (real clock after T + 2 min, the last candle's open, in ms; does it count?): a
    /// candle counts once it has closed with 10 s to spare, open + 70 s ≤ now.
    @Test(arguments: [(60_000.0, false), (69_999, false), (70_000, true), (70_001, true)])
    func aCandleCountsSeventySecondsAfterItOpens(afterOpenMs: Double, counts: Bool) throws {
        let rows = [KlineRow(at(minutes: 1), "1", "1", "1", "1"), KlineRow(at(minutes: 2), "1", "1", "1", "1")]
        let flat = [1, 2].map { Candle(openTime: at(minutes: $0).millisecondsSince1970, open: 1, high: 1, low: 1, close: 1) }
        let selection = window.select(CandleSeries(try klines(rows), realNowMs: at(minutes: 2, ms: afterOpenMs).millisecondsSince1970))
        #expect(selection == (counts ? .complete(flat) : .incomplete(usable: 1)))
    }

    @Test func aMissingMinuteLeavesTheWindowIncomplete() throws {
        let rows = [KlineRow(at(minutes: 2), "1", "1", "1", "1")]
        #expect(window.select(CandleSeries(try klines(rows), realNowMs: closedLongAgo)) == .incomplete(usable: 1))
    }

    /// (open, high, low, close) of the second candle; each is unusable, so it counts as missing.
    @Test(arguments: [
        ("1", "0", "1", "1"),
        ("1", "-1", "1", "1"),
        ("1", "NaN", "1", "1"),
        ("1", "", "1", "1"),
        ("1", "null", "1", "1"),
        ("1", "1.2", "0", "1"),
        ("1", "1.2", "1", "Infinity"),
        ("0", "1.2", "1", "1.1"),
        ("1", "0.9", "1", "1"),   // high below low
        ("1", "1.2", "1", "1.5"), // close above high
    ])
    func aCandleWithAnUnusablePriceCountsAsMissing(open: String, high: String, low: String, close: String) throws {
        let rows = [KlineRow(at(minutes: 1), "1", "1", "1", "1"), KlineRow(at(minutes: 2), open, high, low, close)]
        #expect(window.select(CandleSeries(try klines(rows), realNowMs: closedLongAgo)) == .incomplete(usable: 1))
    }

    /// (high of the second copy of minute T+2, candles expected): two different
    /// candles for one minute cannot both be true, so neither counts.
    @Test(arguments: [("1.1", 2), ("1.5", 1)])
    func aMinuteSentTwiceCountsOnlyWhenBothCopiesAgree(secondHigh: String, usable: Int) throws {
        let rows = [
            KlineRow(at(minutes: 1), "1", "1", "1", "1"),
            KlineRow(at(minutes: 2), "1", "1.1", "1", "1"),
            KlineRow(at(minutes: 2), "1", secondHigh, "1", "1"),
        ]
        let expected: RewardWindow.Selection = usable == 2
            ? .complete([
                Candle(openTime: at(minutes: 1).millisecondsSince1970, open: 1, high: 1, low: 1, close: 1),
                Candle(openTime: at(minutes: 2).millisecondsSince1970, open: 1, high: 1.1, low: 1, close: 1),
            ])
            : .incomplete(usable: usable)
        #expect(window.select(CandleSeries(try klines(rows), realNowMs: closedLongAgo)) == expected)
    }

    @Test func theFixtureDecodesIntoAWindow() throws {
        let fixture = try JSONDecoder().decode([MEXCKline].self, from: Fixtures.data("mexc-klines-1m"))
        let window = RewardWindow(startMs: at(minutes: 0).millisecondsSince1970, minutes: 3)
        guard case .complete(let candles) = window.select(CandleSeries(fixture, realNowMs: closedLongAgo)) else {
            Issue.record("expected a complete window")
            return
        }
        #expect(candles.map(\.high) == [0.4719, 0.4725, 0.4721])
        #expect(candles.map(\.low) == [0.4698, 0.4709, 0.4690])
        #expect(candles.last?.close == 0.4693)
    }
}

@Suite struct RewardMeasurementTests {
    private let candles = [
        Candle(openTime: 0, open: 2.00, high: 2.10, low: 1.90, close: 2.05),
        Candle(openTime: 60_000, open: 2.05, high: 2.30, low: 1.95, close: 2.20),
        Candle(openTime: 120_000, open: 2.20, high: 2.25, low: 1.80, close: 2.05),
    ]

    // Hand-computed: highest 2.30, lowest 1.80, last close 2.05.
    @Test func buyIsMeasuredFromTheEntryUpwards() throws {
        let reward = try #require(RewardMeasurement.measure(side: .buy, entry: 2.0, candles: candles, cost: 0.002))
        #expect(abs(reward.actualReward - 0.15) < 1e-9)   // 2.30 / 2 − 1
        #expect(abs(reward.mae - -0.10) < 1e-9)           // 1.80 / 2 − 1
        #expect(abs(reward.close - 0.025) < 1e-9)         // 2.05 / 2 − 1
        #expect(abs(reward.net - 0.023) < 1e-9)           // 0.025 − 0.002
    }

    @Test func sellIsMeasuredFromTheEntryDownwards() throws {
        let reward = try #require(RewardMeasurement.measure(side: .sell, entry: 2.5, candles: candles, cost: 0.01))
        #expect(abs(reward.actualReward - 0.28) < 1e-9)   // 1 − 1.80 / 2.5
        #expect(abs(reward.mae - 0.08) < 1e-9)            // 1 − 2.30 / 2.5
        #expect(abs(reward.close - 0.18) < 1e-9)          // 1 − 2.05 / 2.5
        #expect(abs(reward.net - 0.17) < 1e-9)            // 0.18 − 0.01
    }

    @Test(arguments: [0.0, -1.0, Double.nan, Double.infinity])
    func anUnusableEntryPriceMeasuresNothing(entry: Double) {
        #expect(RewardMeasurement.measure(side: .buy, entry: entry, candles: candles, cost: 0.002) == nil)
    }

    @Test func noCandlesMeasureNothing() {
        #expect(RewardMeasurement.measure(side: .sell, entry: 1, candles: [], cost: 0.002) == nil)
    }

    /// The report's hit rate compares with the same cost (`ReportData.read`).
    @Test(arguments: [(0.1, 0.002), (0.0, 0.0), (0.5, 0.01)])
    func aRoundTripPaysTheFeeOnEntryAndOnExit(feePct: Double, cost: Double) {
        #expect(abs(RewardMeasurement.roundTripFee(feePct: feePct) - cost) < 1e-15)
    }

    /// (fee % per side, impact %, reward_cost): both fees plus the impact once more
    /// for the exit; a signal whose book was never walked (impact NULL) pays the fees.
    @Test(arguments: [(0.1, nil, 0.002), (0.1, 0.25, 0.0045), (0.0, 0.5, 0.005), (0.5, 0.0, 0.01)] as [(Double, Double?, Double)])
    func theCostIsBothFeesAndTheExitsImpact(feePct: Double, impactPct: Double?, cost: Double) {
        #expect(abs(RewardMeasurement.cost(feePct: feePct, impactPct: impactPct) - cost) < 1e-15)
    }
}
