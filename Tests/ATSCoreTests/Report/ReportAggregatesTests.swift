import Foundation
import Testing
@testable import ATSCore

@Suite struct ReportAggregatesTests {
    let database: AppDatabase

    init() throws {
        database = try AppDatabase.inMemory()
        try ReportSamples.populate(database)
    }

    func data() throws -> ReportData {
        try ReportData.read(from: database, now: ReportSamples.now, latestSignals: 100, feePct: 0.1)
    }

    func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) < 1e-12
    }

    @Test func countsSignalsByRewardStatus() throws {
        let totals = try data().signals
        #expect(totals.total == 6)
        #expect(totals.analyzed == 4)
        #expect(totals.pending == 1)
        #expect(totals.unavailable == 1)
    }

    @Test func averageRewardIsTheMeanActualRewardOfDoneSignals() throws {
        #expect(close(try data().signals.averageReward, (0.010 + 0.003 + 0.030 + 0.0014) / 4))
    }

    @Test func winRateCountsPositiveNetRewardsAmongDoneSignals() throws {
        let totals = try data().signals
        #expect(totals.wins == 2)
        #expect(totals.netCount == 4)
        #expect(totals.winRate == 0.5)
    }

    @Test func hitRateCountsBestMovesBeyondTheRoundTripFee() throws {
        let report = try data()
        let totals = report.signals
        #expect(close(report.roundTripFee, 0.002))
        #expect(totals.hits == 3)  // 0.010, 0.003 and 0.030 beat 0.2 %; 0.0014 does not
        #expect(totals.rewardCount == 4)
        #expect(totals.hitRate == 0.75)
    }

    /// v2: a signal's best move must beat its own `reward_cost` (fees plus the book's impact);
    /// signals from before v2 have no cost and are judged on the round-trip fee.
    @Test func hitRateComparesEachSignalsBestMoveWithItsOwnCost() throws {
        let database = try AppDatabase.inMemory()
        var costly = ReportSamples.signal(at: 0, "ALPHA", spread: 2, actual: 0.003, close: 0.001, net: -0.003)
        costly.rewardCost = 0.004
        var cheap = ReportSamples.signal(at: 1, "ALPHA", spread: 2, actual: 0.003, close: 0.001, net: -0.0015)
        cheap.rewardCost = 0.0025
        let legacy = ReportSamples.signal(at: 2, "ALPHA", spread: 2, actual: 0.003, close: 0.001, net: -0.001)
        try ReportSamples.insert([costly, cheap, legacy], into: database)
        let totals = try ReportData.read(from: database, now: ReportSamples.now, latestSignals: 10, feePct: 0.1, excludingRun: nil).signals
        #expect(totals.hits == 2)  // 0.003 beats 0.0025 and (no cost) the 0.002 fee; not 0.004
    }

    @Test func averagesAbsoluteSpreadAndLatencyOverAllSignals() throws {
        let totals = try data().signals
        #expect(close(totals.averageAbsSpread, 12.0 / 6))
        #expect(close(totals.averageLatencyMs, 1200.0 / 5))  // one signal has no latency
    }

    @Test func dataRangeSpansFirstToLastSignal() throws {
        let totals = try data().signals
        #expect(totals.first == ReportSamples.t0)
        #expect(totals.last == ReportSamples.t0.addingTimeInterval(120 * 60))
    }

    @Test func perSymbolStatisticsMostSignalsFirst() throws {
        let symbols = try data().symbols
        #expect(symbols.map(\.symbol) == ["ALPHA", "BETA", "GAMMA"])
        #expect(symbols.map(\.signals) == [2, 2, 2])
        #expect(symbols.map(\.analyzed) == [2, 1, 1])
        #expect(symbols.map(\.wins) == [1, 1, 0])
        #expect(close(symbols[0].meanNet, (0.004 - 0.003) / 2))
        #expect(close(symbols[1].meanNet, 0.018))
        #expect(close(symbols[2].meanNet, -0.006))
        #expect(close(symbols[0].meanAbsSpread, 1.5))
        #expect(close(symbols[2].meanAbsSpread, 2.75))
    }

    @Test func histogramBinsEveryDoneNetReward() throws {
        let histogram = try #require(try data().histogram)
        #expect(close(histogram.lower, -0.006))
        #expect(close(histogram.width, 0.001))
        #expect(histogram.counts.count == 25)
        let filled = histogram.counts.enumerated().filter { $0.element > 0 }.map(\.offset)
        #expect(filled == [0, 3, 10, 24])  // −0.6 %, −0.3 %, +0.4 %, +1.8 %
        #expect(histogram.below == 0 && histogram.above == 0)
    }

    @Test func histogramPutsAnOutlierBeyondThe98thPercentileAboveTheBins() throws {
        let database = try AppDatabase.inMemory()
        var records = (0..<99).map { ReportSamples.signal(at: Double($0), "ALPHA", spread: 1, actual: 0.01, net: Double($0) / 1000) }
        records.append(ReportSamples.signal(at: 200, "ALPHA", spread: 1, actual: 5, net: 5.0))
        try ReportSamples.insert(records, into: database)
        let histogram = try #require(try ReportData.read(from: database, now: ReportSamples.now, latestSignals: 1, feePct: 0.1).histogram)
        #expect(histogram.above == 1)
        #expect(histogram.below == 0)
        #expect(histogram.counts.reduce(0, +) == 99)
        #expect(close(histogram.upper, 0.1))
    }

    @Test func timelineSumsSignalsAndNetRewardPerHour() throws {
        let timeline = try data().timeline
        #expect(timeline.bucketSeconds == 3600)
        #expect(timeline.buckets.map(\.start) == [
            ReportSamples.t0.addingTimeInterval(-5 * 60), ReportSamples.t0.addingTimeInterval(115 * 60),
        ])
        #expect(timeline.buckets.map(\.signals) == [5, 1])
        #expect(close(timeline.buckets[0].netSum, 0.004 - 0.003 + 0.018 - 0.006))
        #expect(timeline.buckets[1].netSum == 0)
    }

    @Test func latestSignalsNewestFirstAndLimited() throws {
        let latest = try ReportData.read(from: database, now: ReportSamples.now, latestSignals: 2, feePct: 0.1).latestSignals
        #expect(latest.map(\.timestamp) == [ReportSamples.t0.addingTimeInterval(7200), ReportSamples.t0.addingTimeInterval(2400)])
    }

    @Test func pollOutcomesCountTheLast24HoursOnly() throws {
        let outcomes = try data().pollOutcomes
        #expect(outcomes.since == ReportSamples.now.addingTimeInterval(-86_400))
        #expect(outcomes.totals.map(\.outcome) == ["risk", "signal", "error", "glitch"])
        #expect(outcomes.totals.map(\.count) == [3, 2, 1, 1])
    }

    @Test func pollRejectionsGroupByReasonWithNumbersMasked() throws {
        let reasons = try data().pollOutcomes.reasons
        #expect(reasons == [
            PollOutcomes.Reason(outcome: "risk", reason: "dex liquidity # < #", count: 2),
            PollOutcomes.Reason(outcome: "error", reason: "mexc: HTTP #", count: 1),
            PollOutcomes.Reason(outcome: "glitch", reason: "coingecko deviates #% from cex", count: 1),
            PollOutcomes.Reason(outcome: "risk", reason: "cex volume # < #", count: 1),
        ])
    }

    @Test func scanExclusionsComeFromTheLatestScan() throws {
        let later = try database.beginRun(stage: .scan, at: ReportSamples.now)
        try database.recordExclusions([ReportSamples.exclusion("pump")], runID: later)
        let exclusions = try data().exclusions
        #expect(exclusions.reasons == [ScanExclusions.Reason(reason: "pump", count: 1)])
        #expect(exclusions.scannedAt == ReportSamples.now.addingTimeInterval(-700))
    }

    @Test func scanExclusionsCountByReason() throws {
        let exclusions = try data().exclusions
        #expect(exclusions.reasons == [ScanExclusions.Reason(reason: "liquidity", count: 2), ScanExclusions.Reason(reason: "not_listed", count: 1)])
    }

    @Test func sourceHealthOverTheLast24Hours() throws {
        let sources = try data().sources
        #expect(sources.map(\.source) == ["dexscreener", "mexc"])
        let mexc = sources[1]
        #expect(mexc.requests == 4)
        #expect(mexc.errors == 1)
        #expect(mexc.errorRate == 0.25)
        #expect(mexc.medianLatencyMs == 250)  // mean of the middle two of 100, 200, 300, 400
        #expect(mexc.averageLatencyMs == 250)
        #expect(mexc.maxLatencyMs == 400)
        #expect(mexc.lastError == "mexc /api/v3/ticker/24hr: HTTP 503")
        #expect(sources[0].medianLatencyMs == 60)
        #expect(sources[0].lastError == nil)
    }

    @Test func stageRunsLeaveOutTheRunWritingThePage() throws {
        let current = try database.beginRun(stage: .report, at: ReportSamples.now)
        let stages = try ReportData.read(from: database, now: ReportSamples.now, latestSignals: 1, feePct: 0.1, excludingRun: current).stages
        #expect(stages.map(\.stage) == ["poll", "scan"])
        #expect(stages[0].runs.map(\.status) == [.partial])
    }

    @Test func emptyDatabaseHasNoFigures() throws {
        let data = try ReportData.read(from: AppDatabase.inMemory(), now: ReportSamples.now, latestSignals: 100, feePct: 0.1)
        #expect(data.signals.total == 0)
        #expect(data.signals.averageReward == nil)
        #expect(data.signals.winRate == nil)
        #expect(data.histogram == nil)
        #expect(data.timeline.buckets.isEmpty)
        #expect(data.symbols.isEmpty && data.latestSignals.isEmpty && data.sources.isEmpty && data.stages.isEmpty)
    }
}
