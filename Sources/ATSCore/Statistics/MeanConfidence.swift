import Foundation

/// A sample mean and its 95 % confidence interval.
public struct MeanEstimate: Sendable, Equatable {
    public enum Method: String, Sendable {
        /// Percentile bootstrap of the mean (`MeanConfidence.resamples`, fixed seed).
        case bootstrap
        /// mean ± t(0.975, n − 1) · s / √n.
        case studentT
    }

    public var count: Int
    public var mean: Double
    /// Nil when the sample is too small for any interval (fewer than two values).
    public var lower: Double?
    public var upper: Double?
    public var method: Method
}

/// The report's intervals: a bootstrap up to `bootstrapLimit` values, Student's t above
/// (where the bootstrap would cost millions of draws and the t-interval is as good).
public enum MeanConfidence {
    public static let bootstrapLimit = 5_000
    public static let resamples = 2_000
    /// Fixed, so the same signals always give the same intervals.
    public static let seed: UInt64 = 0x0A75_5EED
    public static let level = 0.95

    /// The estimate for a whole sample: bootstrap when it is small enough, else t.
    public static func estimate(_ values: [Double]) -> MeanEstimate? {
        guard !values.isEmpty else { return nil }
        if values.count > bootstrapLimit { return studentT(SampleMoments(values)) }
        let interval = values.count > 1 ? bootstrap(values) : nil
        return MeanEstimate(count: values.count, mean: values.reduce(0, +) / Double(values.count),
                            lower: interval?.lower, upper: interval?.upper, method: .bootstrap)
    }

    /// The t-interval of a sample known by its moments only.
    public static func studentT(_ moments: SampleMoments) -> MeanEstimate? {
        guard let mean = moments.mean else { return nil }
        guard let variance = moments.variance else {
            return MeanEstimate(count: moments.count, mean: mean, lower: nil, upper: nil, method: .studentT)
        }
        let half = StudentT.quantile(1 - (1 - level) / 2, degrees: Double(moments.count - 1)) * (variance / Double(moments.count)).squareRoot()
        return MeanEstimate(count: moments.count, mean: mean, lower: mean - half, upper: mean + half, method: .studentT)
    }

    /// Percentile bootstrap: `resamples` means of `values.count` draws with replacement,
    /// sorted; the bounds are their 2.5th and 97.5th percentiles, interpolated linearly
    /// between order statistics (numpy's default `percentile`).
    public static func bootstrap(_ values: [Double], resamples: Int = resamples, seed: UInt64 = seed) -> (lower: Double, upper: Double) {
        var generator = SeededGenerator(seed: seed)
        let count = values.count
        var means = [Double](repeating: 0, count: resamples)
        values.withUnsafeBufferPointer { sample in
            for resample in 0..<resamples {
                var sum = 0.0
                for _ in 0..<count { sum += sample[generator.index(below: count)] }
                means[resample] = sum / Double(count)
            }
        }
        means.sort()
        let tail = (1 - level) / 2
        return (percentile(means, tail), percentile(means, 1 - tail))
    }

    /// The q-quantile of sorted values, linear between order statistics.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
}

/// The p-value of the edge: a two-sided one-sample t-test of the mean against zero.
public enum OneSampleTTest {
    public static func pValue(_ moments: SampleMoments) -> Double? {
        guard let mean = moments.mean, let variance = moments.variance else { return nil }
        let standardError = (variance / Double(moments.count)).squareRoot()
        guard standardError > 0 else { return mean == 0 ? 1 : 0 }
        return StudentT.twoSidedTail(mean / standardError, degrees: Double(moments.count - 1))
    }
}
