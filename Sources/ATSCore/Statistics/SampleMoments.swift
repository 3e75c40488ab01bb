import Foundation

/// Count, sum and sum of squares of a sample: what SQL can total in one pass over a
/// million rows, and all a t-interval or a t-test needs.
public struct SampleMoments: Sendable, Equatable {
    public var count: Int
    public var sum: Double
    public var sumOfSquares: Double

    public init(count: Int = 0, sum: Double = 0, sumOfSquares: Double = 0) {
        self.count = count
        self.sum = sum
        self.sumOfSquares = sumOfSquares
    }

    public init(_ values: [Double]) {
        self.init(count: values.count, sum: values.reduce(0, +), sumOfSquares: values.reduce(0) { $0 + $1 * $1 })
    }

    public mutating func add(_ value: Double) {
        count += 1
        sum += value
        sumOfSquares += value * value
    }

    public var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// The sample variance (n − 1 in the denominator). From the two sums, which loses
    /// digits only when the mean is many standard deviations from zero, never the
    /// case for rewards, whose spread is at least of the order of their mean.
    public var variance: Double? {
        guard count > 1, let mean else { return nil }
        return max(0, (sumOfSquares - Double(count) * mean * mean) / Double(count - 1))
    }

    public static func + (left: SampleMoments, right: SampleMoments) -> SampleMoments {
        SampleMoments(count: left.count + right.count, sum: left.sum + right.sum, sumOfSquares: left.sumOfSquares + right.sumOfSquares)
    }
}
