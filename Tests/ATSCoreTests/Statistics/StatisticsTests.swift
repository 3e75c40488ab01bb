import Foundation
import Testing
@testable import ATSCore

/// The statistics against values computed independently with scipy 1.x / numpy in
/// python3 (the one-liner or script that produced each value is quoted beside it).
@Suite struct StudentTTests {
    /// python3 -c "import scipy.stats as st; print(repr(st.t.ppf(0.975, df)))"
    @Test(arguments: [
        (1.0, 12.706204736174694), (2, 4.302652729749462), (5, 2.5705818356363146), (29, 2.045229642132703),
        (100, 1.9839715185235518), (4_999, 1.9604386466615247), (999_999, 1.9599663568164791),
    ])
    func quantileMatchesScipy(degrees: Double, expected: Double) {
        #expect(abs(StudentT.quantile(0.975, degrees: degrees) - expected) < 1e-9 * expected)
        #expect(abs(StudentT.quantile(0.025, degrees: degrees) + expected) < 1e-9 * expected)
    }

    /// python3 -c "import scipy.stats as st; print(repr(st.t.cdf(x, df)))". At a million
    /// degrees of freedom the lgamma terms (≈ 6·10⁶) cancel to ~1e-11: far below the
    /// four decimals a p-value is shown with.
    @Test(arguments: [(-2.5, 7.0, 0.020496109292876444, 1e-13), (0.3, 3, 0.6081183539800405, 1e-13), (1.96, 1_000_000, 0.9750019662073651, 1e-10)])
    func cdfMatchesScipy(t: Double, degrees: Double, expected: Double, tolerance: Double) {
        #expect(abs(StudentT.cdf(t, degrees: degrees) - expected) < tolerance)
    }
}

@Suite struct MeanConfidenceTests {
    /// ((i · 7919) mod 1001 − 480) / 100000 for i in 0..<count: a flat, slightly positive sample.
    static func evenlySpread(_ count: Int) -> [Double] {
        (0..<count).map { (index: Int) -> Double in
            let step: Int = (index * 7_919) % 1_001 - 480
            return Double(step) / 100_000
        }
    }

    /// The bootstrap cannot be checked against scipy (its draws depend on the generator),
    /// so it is checked against the same algorithm written again in python: SplitMix64
    /// from seed 0x0A755EED, index = next() % n, 2000 resamples, numpy.percentile
    /// (linear) at 2.5 and 97.5 (/tmp/stats/ref.py in the commit that added this test:
    /// `boot(net)` over `OutcomeSamples.net`). Exact to rounding.
    @Test func bootstrapMatchesTheSameAlgorithmInPython() {
        let interval = MeanConfidence.bootstrap(OutcomeSamples.net)
        #expect(abs(interval.lower - -0.0008666666666666665) < 1e-15)
        #expect(abs(interval.upper - 0.003966666666666666) < 1e-15)
    }

    @Test func theSameValuesGiveTheSameIntervalEveryTime() {
        let first = MeanConfidence.estimate(OutcomeSamples.net)
        let second = MeanConfidence.estimate(OutcomeSamples.net)
        #expect(first == second)
        #expect(first?.method == .bootstrap)
    }

    /// Independent of the generator: for 2000 normal-looking values the percentile
    /// bootstrap's interval is the t-interval give or take the resampling noise (±10 %).
    @Test func bootstrapAgreesWithTheTIntervalOnALargeSymmetricSample() throws {
        let values = Self.evenlySpread(2_000)
        let boot = MeanConfidence.bootstrap(values)
        let t = try #require(MeanConfidence.studentT(SampleMoments(values)))
        let upper: Double = try #require(t.upper)
        let lower: Double = try #require(t.lower)
        let width = upper - lower
        #expect(abs((boot.upper - boot.lower) - width) < 0.1 * width)
        #expect(abs((boot.upper + boot.lower) / 2 - t.mean) < 0.1 * width)
    }

    /// python3: big = [((i*7919) % 1001 - 480) / 100000 for i in range(6001)];
    /// st.t.interval(0.95, 6000, loc=np.mean(big), scale=st.sem(big)) and st.ttest_1samp(big, 0).pvalue
    @Test func aboveTheBootstrapLimitTheIntervalIsStudentsT() throws {
        let values = Self.evenlySpread(6_001)
        let estimate = try #require(MeanConfidence.estimate(values))
        #expect(estimate.method == MeanEstimate.Method.studentT)
        #expect(abs(estimate.mean - 0.00020194134310948177) < 1e-15)
        let lower: Double = try #require(estimate.lower)
        let upper: Double = try #require(estimate.upper)
        #expect(abs(lower - 0.00012880517723473553) < 1e-12)
        #expect(abs(upper - 0.000275077508984228) < 1e-12)
        let p = try #require(OneSampleTTest.pValue(SampleMoments(values)))
        #expect(abs(p - 6.44231022947346e-08) < 1e-12)
    }

    /// python3: st.ttest_1samp(edge, 0) over `OutcomeSamples.edge` → pvalue 0.32108768299219836
    @Test func tTestPValueMatchesScipy() throws {
        let p = try #require(OneSampleTTest.pValue(SampleMoments(OutcomeSamples.edge)))
        #expect(abs(p - 0.32108768299219836) < 1e-12)
    }

    @Test func oneValueHasAMeanButNoInterval() throws {
        let estimate = try #require(MeanConfidence.estimate([0.01]))
        #expect(estimate.mean == 0.01)
        #expect(estimate.lower == nil)
        #expect(OneSampleTTest.pValue(SampleMoments([0.01])) == nil)
    }
}

@Suite struct MaxDrawdownTests {
    @Test(arguments: [
        ([0.01, -0.02, 0.005, -0.01, 0.03], 0.025, 0 as Int64?, 3 as Int64?),
        ([-0.01, -0.01, 0.05], 0.02, nil, 1),
        ([0.01, 0.02], 0, nil, nil),
    ])
    func deepestFallFromAnEarlierHigh(values: [Double], depth: Double, peak: Int64?, trough: Int64?) {
        var drawdown = MaxDrawdown()
        for (index, value) in values.enumerated() { drawdown.add(value, tag: Int64(index)) }
        #expect(abs(drawdown.depth - depth) < 1e-15)
        #expect(drawdown.peak == peak)
        #expect(drawdown.trough == trough)
    }
}
