import Foundation

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny deterministic generator, so a
/// bootstrap with a fixed seed draws the same resamples on every machine and every
/// run. It is written here, not taken from the standard library, whose generators
/// are either unseedable or free to change between releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index in 0..<count. Plain modulo: its bias is below count / 2⁶⁴ (≈ 3e-16 for
    /// 5000 values), far under anything a 2000-resample bootstrap can resolve, and it
    /// keeps the draws easy to reproduce in another language.
    public mutating func index(below count: Int) -> Int {
        Int(truncatingIfNeeded: next() % UInt64(max(count, 1)))
    }
}
