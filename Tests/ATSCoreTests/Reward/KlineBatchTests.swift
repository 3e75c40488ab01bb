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

    /// (signal times in minutes after T, window, expected batch sizes)
    @Test(arguments: [
        ([0.0], 15, [1]),
        ([0.0, 5, 100, 400], 15, [4]),
        ([0.0, 985], 15, [2]),            // 0 → 1000: exactly one full answer
        ([0.0, 986], 15, [1, 1]),         // 1001 candles: two requests
        ([0.0, 500, 1000, 1500, 2000], 15, [2, 2, 1]),
        ([1500.0, 0, 500], 15, [2, 1]),   // order of arrival does not matter
        ([0.0, 0.5], 1000, [1, 1]),       // a 1000-minute window fills a response by itself
    ])
    func signalsShareARequestWhileTheirWindowsFitInOneResponse(times: [Double], window: Int, sizes: [Int]) {
        let signals = times.enumerated().map { signal(Int64($0.offset + 1), minutes: $0.element) }
        let batches = KlineBatch.plan(marketSymbol: "ALPHAUSDT", signals: signals, windowMinutes: window)
        #expect(batches.map(\.members.count) == sizes)
        #expect(batches.allSatisfy { $0.candleCount <= MEXCAPI.maxKlines })
        #expect(batches.flatMap { $0.members.map(\.signal.id) }.count == signals.count)
    }

    @Test func aBatchSpansFromTheFirstWindowStartToTheLastWindowEnd() throws {
        let batches = KlineBatch.plan(marketSymbol: "ALPHAUSDT", signals: [signal(1, minutes: 0.5), signal(2, minutes: 10)], windowMinutes: 15)
        let batch = try #require(batches.first)
        #expect(batch.startMs == at(minutes: 1).millisecondsSince1970)
        #expect(batch.endMs == at(minutes: 25).millisecondsSince1970)
        #expect(batch.candleCount == 24)
        #expect(batch.requestEndMs == at(minutes: 25).millisecondsSince1970 - 1)
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
