import Foundation

/// The largest fall of a running sum from its highest point so far (the start, 0,
/// counts as a high), fed one value at a time in order: one pass, constant memory.
/// Each value carries a tag (a signal id) so the peak and trough can be found again.
public struct MaxDrawdown: Sendable, Equatable {
    public private(set) var total = 0.0
    public private(set) var depth = 0.0
    /// Tags of the value at the highest point before the deepest fall (nil: the start)
    /// and of the value at its bottom (nil: no fall at all).
    public private(set) var peak: Int64?
    public private(set) var trough: Int64?
    private var high = 0.0
    private var highTag: Int64?

    public init() {}

    public mutating func add(_ value: Double, tag: Int64 = 0) {
        total += value
        if total > high {
            high = total
            highTag = tag
        } else if high - total > depth {
            depth = high - total
            peak = highTag
            trough = tag
        }
    }
}
