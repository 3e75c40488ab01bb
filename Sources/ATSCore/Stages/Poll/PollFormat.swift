import Foundation

/// Numbers as operators read them in reasons, notes and summaries.
enum PollFormat {
    /// `$2.41M`, `$50k`, `$999.50`.
    static func usd(_ value: Double) -> String {
        let size = abs(value)
        if size >= 1e9 { return "$" + number(value / 1e9, digits: 2) + "B" }
        if size >= 1e6 { return "$" + number(value / 1e6, digits: 2) + "M" }
        if size >= 1e3 { return "$" + number(value / 1e3, digits: 2) + "k" }
        return "$" + number(value, digits: 2)
    }

    /// Percent with up to 4 decimals, trailing zeros dropped: `0.5%`, `-2.1235%`.
    static func percent(_ value: Double) -> String { number(value, digits: 4) + "%" }

    /// A price with 6 significant digits (tiny prices keep their digits: `1.2345e-09`).
    static func price(_ value: Double) -> String { String(format: "%.6g", value) }

    /// A plain number with at most `digits` decimals, trailing zeros dropped.
    static func number(_ value: Double, digits: Int = 2) -> String {
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `1 signal`, `2 signals`, `2 glitches`.
    static func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : (pluralForm ?? singular + "s"))"
    }
}
