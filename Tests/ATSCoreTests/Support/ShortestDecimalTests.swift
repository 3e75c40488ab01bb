import Foundation
import Testing
@testable import ATSCore

/// `Format.fixed` rounds on the shortest digits itself; Foundation with the POSIX
/// locale (ICU), which the page used before, is the oracle it must match byte for byte.
@Suite struct ShortestDecimalTests {
    static func foundation(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    /// Ties on the shortest digits (half to even), carries, zeros, both signs, tiny and huge.
    static let edges: [Double] = [
        0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 0.05, 0.15, 0.25, 0.35, 2.12345, -2.12345, 2.675,
        9.995, 99.95, 0.0096, 0.096, 0.004, 0.006, -0.004, 0.999, 1e-7, 1e-5, 5e-5, 123456789.987654,
        1e15, 999999999999999.9, 1e16, 1.5e16, 1e20, 123e20, 5e-324, 2.2250738585072014e-308,
        1.7976931348623157e308, 0.1 + 0.2, 1 / 3.0, 2 / 3.0, 100, 12.34, 1234.5, 0.45, 0.55,
    ]

    @Test(arguments: edges)
    func matchesFoundationOnAnEdge(_ value: Double) {
        for decimals in 0...8 {
            #expect(Format.fixed(value, decimals: decimals) == Self.foundation(value, decimals), "\(value) at \(decimals) decimals")
        }
    }

    /// Values of every magnitude the page shows (prices from 1e-12, percentages,
    /// coordinates), and values on ties once rounded to fewer digits.
    @Test func matchesFoundationOnRandomValues() {
        var generator = SeededGenerator(seed: 20_261_202)
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -13...12, using: &generator)
            var value = pow(10, magnitude) * (Bool.random(using: &generator) ? 1 : -1)
            if Bool.random(using: &generator) {
                // A short decimal that ends in 5: a tie once rounded one digit shorter.
                let places = Int.random(in: 1...6, using: &generator)
                value = (value * pow(10, Double(places))).rounded() / pow(10, Double(places)) + 5 / pow(10, Double(places + 1))
            }
            let decimals = Int.random(in: 0...8, using: &generator)
            let ours = Format.fixed(value, decimals: decimals), theirs = Self.foundation(value, decimals)
            if ours != theirs { mismatches.append("\(value) at \(decimals): \(ours) vs \(theirs)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func leavesANonFiniteValueToFoundation(_ value: Double) {
        #expect(Format.fixed(value, decimals: 2) == Self.foundation(value, 2))
    }
}
