import Foundation
import Testing
@testable import ATSCore

@Suite struct KlineBatchTests {
    private func signal(_ id: Int64, minutes: Double) -> SignalRecord {
        SignalRecord(
            id: id, timestamp: at(minutes: minutes), chainId: "solana", pairAddress: "P", pairSymbol: "ALPHA/USDC",
            cexSymbol: "ALPHA", signalType: .buy, dexPrice: 1, cexPrice: 1, spread: 1, dataLatencyMs: nil,
            marketRegime: nil, notes: "", actualReward: nil, rewardMae: nil, rewardClose: nil, rewardNet: nil,
            rewardStatus: .pending, rewardComputedAt: nil, runId: nil)
    }

    /// (signal times in minutes after T, window, baseline, expected batch sizes). A signal
    /// at minute a asks `[a − baseline − 1, a + window + 1)`, so signals at a < b share
    /// a 1000-candle answer while b − a ≤ 998 − window − baseline.
    @Test(arguments: [
        ([0.0], 15, 0, [1]),
        ([0.0, 5, 100, 400], 15, 0, [4]),
        ([0.0, 983], 15, 0, [2]),            // −1 → 999: exactly one full answer
        ([0.0, 984], 15, 0, [1, 1]),         // 1001 candles: two requests
        ([0.0, 923], 15, 60, [2]),           // the baseline's hour widens every span
        ([0.0, 924], 15, 60, [1, 1]),
        ([0.0, 500, 1000, 1500, 2000], 15, 60, [2, 2, 1]),
        ([1500.0, 0, 500], 15, 60, [2, 1]),  // order of arrival does not matter
        ([0.0, 0.5], 15, 983, [1, 1]),       // baseline + window + 2 = 1000 fills a response by itself
    ])
    func signalsShareARequestWhileTheirSpansFitInOneResponse(times: [Double], window: Int, baseline: Int, sizes: [Int]) {
        let signals = times.enumerated().map { signal(Int64($0.offset + 1), minutes: $0.element) }
        let batches = KlineBatch.plan(marketSymbol: "ALPHAUSDT", signals: signals, windowMinutes: window, baselineMinutes: baseline)
        #expect(batches.map { $0.members.count } == sizes)
        #expect(batches.allSatisfy { $0.candleCount <= MEXCAPI.maxKlines })
        #expect(batches.flatMap { $0.members.map { $0.signal.id } }.count == signals.count)
    }

    /// The one request serves the baseline and the window, with a candle of margin each side.
    @Test func aBatchSpansFromTheFirstBaselineToTheLastWindowEndWithAMinuteOfMargin() throws {
        let batches = KlineBatch.plan(marketSymbol: "ALPHAUSDT", signals: [signal(1, minutes: 0.5), signal(2, minutes: 10)],
                                      windowMinutes: 15, baselineMinutes: 60)
        let batch = try #require(batches.first)
        #expect(batch.startMs == at(minutes: 1 - 60 - 1).millisecondsSince1970)
        #expect(batch.endMs == at(minutes: 10 + 15 + 1).millisecondsSince1970)
        #expect(batch.candleCount == 86)
        #expect(batch.requestEndMs == at(minutes: 26).millisecondsSince1970 - 1)
    }

    /// The config's cross-check (`baseline_minutes + window_minutes + 2 ≤ 1000`) is what
    /// keeps one signal's request within MEXC's 1000-row answer; at its edge it is exactly full.
    @Test(arguments: [(15, 983), (998, 0), (1, 997)])
    func theLargestSpanTheConfigAllowsIsOneFullAnswer(window: Int, baseline: Int) throws {
        var values = ATSConfig()
        values.reward.windowMinutes = window
        values.reward.baselineMinutes = baseline
        #expect(throws: Never.self) { try ConfigSchema.crossCheck(values, file: "ats.yaml", lines: [:]) }
        var over = values
        over.reward.baselineMinutes += 1
        #expect(throws: ConfigError.self) { try ConfigSchema.crossCheck(over, file: "ats.yaml", lines: [:]) }
        let batch = try #require(KlineBatch.plan(
            marketSymbol: "ALPHAUSDT", signals: [signal(1, minutes: 0.5)], windowMinutes: window, baselineMinutes: baseline).first)
        #expect(batch.candleCount == MEXCAPI.maxKlines)
    }
}

@Suite struct AsOfTimeTests {
    @Test(arguments: [
        ("2026-11-21T12:30:00Z", 1_795_264_200_000 as Int64),
        ("2026-11-21T12:30:00.250Z", 1_795_264_200_250),
        ("2026-11-21T14:30:00+02:00", 1_795_264_200_000),
        ("2026-11-21T07:30:00.5-05:00", 1_795_264_200_500),
        (" 2026-11-21T12:30:00Z ", 1_795_264_200_000),
    ])
    func readsISO8601WithOrWithoutFractionsAndWithAnyZone(text: String, expectedMs: Int64) throws {
        let date = try #require(AsOfTime.parse(text))
        #expect(date.millisecondsSince1970 == expectedMs)
    }

    @Test(arguments: ["", "yesterday", "2026-11-21", "2026-11-21T12:30:00", "2026-13-21T12:30:00Z", "1795264200"])
    func refusesAnythingElse(text: String) {
        #expect(AsOfTime.parse(text) == nil)
    }

    @Test func theProblemIsOneLineThatShowsTheExpectedForm() {
        let line = AsOfTime.problem("bad\ntime")
        #expect(!line.contains("\n"))
        #expect(line.contains("2025-06-01T12:00:00Z"))
    }
}
