import Foundation
import Testing
@testable import ATSCore

/// The report's own choices: how it bins net rewards, buckets time and picks axis ticks.
@Suite struct ReportMathTests {
    @Test(arguments: [
        (-0.006, 0.018, -0.006, 0.001, 25), (0.0, 0.097, 0.0, 0.005, 20), (0.005, 0.005, 0.005, 0.0005, 1), (-0.05, -0.01, -0.05, 0.002, 21),
    ])
    func histogramBinsHaveRoundWidthsAndCoverTheRange(low: Double, high: Double, lower: Double, width: Double, count: Int) {
        let bins = RewardHistogram.Bins(low: low, high: high, target: 24)
        #expect(abs(bins.lower - lower) < 1e-12)
        #expect(abs(bins.width - width) < 1e-12)
        #expect(bins.count == count)
        #expect(bins.upper > high)
    }

    static let day = 86_400.0
    static let bucketCases: [(span: Double, bucket: Int)] = [(3600, 3600), (3 * day, 3600), (4 * day, 86_400), (200 * day, 604_800)]

    @Test(arguments: bucketCases)
    func timelineBucketGrowsWithTheRange(span: Double, bucket: Int) {
        #expect(Timeline.bucketSeconds(span: span) == bucket)
    }
}

@Suite struct NiceTicksTests {
    @Test(arguments: [2.0, 3, 7, 12, 1, 0])
    func countAxesHaveDistinctWholeTicks(_ maximum: Double) {
        let ticks = NiceTicks.covering(0, maximum, whole: true)
        #expect(ticks.allSatisfy { $0.rounded() == $0 })
        #expect(Set(ticks).count == ticks.count)
        #expect(ticks.first == 0 && ticks.last! >= maximum)
    }

    @Test func percentAxesMayUseFractions() {
        #expect(NiceTicks.covering(-1.1, 0.9) == [-1.5, -1, -0.5, 0, 0.5, 1])
    }
}
