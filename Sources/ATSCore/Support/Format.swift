import Foundation

/// The one place numbers become text: counts, plurals, percent and money.
///
/// Two registers live here and each caller keeps the one it had, because people
/// and scripts rely on both: the report's typographic one ("+1.20 %", "1,234",
/// a real minus sign) and the terse one of summaries, poll reasons and log lines
/// ("0.5%", "$2.41M", "12 signals"), which operators grep and `ReasonPattern`
/// masks. Everything is locale-independent, so a server's locale never changes a byte
/// (the terse register is C's printf, which Foundation runs without any locale).
public enum Format {
    /// What the page shows for a value that is not there (or not finite).
    public static let missing = "—"

    // MARK: Counts and plurals

    /// Thousands separated, with a real minus: 1234567 → "1,234,567", -4321 → "−4,321".
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "−" : "") + out
    }

    /// A whole number held as a Double (a chart's tick), as `count` writes it; one no
    /// `Int` holds is missing rather than a trap in `Int(_:)`.
    public static func count(whole value: Double) -> String {
        Int(exactly: value.rounded()).map { count($0) } ?? missing
    }

    /// The form of a word that agrees with `count`: ("signal", "signals"), ("stays", "stay").
    /// Without `plural`, the plural is the singular with an "s".
    public static func form(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        count == 1 ? singular : (plural ?? singular + "s")
    }

    /// "1 signal", "12 signals", "2 glitches". Summaries and log lines write the bare
    /// count; the page passes `grouped` for "1,234 signals".
    public static func plural(_ count: Int, _ singular: String, _ plural: String? = nil, grouped: Bool = false) -> String {
        (grouped ? self.count(count) : String(count)) + " " + form(count, singular, plural)
    }

    // MARK: Plain numbers

    /// Exactly `decimals` decimals, no separators, as the page has always written
    /// them: Foundation with the POSIX locale, which rounds the shortest decimal of
    /// the value half to even (2.12345 → "2.1234" at four decimals). Done on the
    /// digits (`ShortestDecimal`), the same bytes at a hundredth of the cost.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard (0...40).contains(decimals), let decimal = ShortestDecimal(value) else {
            return String(format: "%.\(decimals)f", locale: posix, value)
        }
        return decimal.fixed(decimals: decimals)
    }

    /// Exactly `decimals` decimals as C's printf writes them, the digits of terminal
    /// and log lines (2.12345 → "2.1235" at four decimals, where `fixed` says "2.1234").
    public static func printf(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// Exactly `decimals` decimals with thousands separators and a real minus:
    /// -12345.678 → "−12,345.7". Beyond Int (a glitched price can make any ratio)
    /// the whole part keeps its digits without separators.
    public static func number(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return missing }
        let parts = fixed(abs(value), decimals: decimals).split(separator: ".", maxSplits: 1)
        let whole = Int(parts[0]).map(count) ?? String(parts[0])
        return (value < 0 ? "−" : "") + whole + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// At most `decimals` decimals, trailing zeros dropped, ASCII minus, never "-0":
    /// 15 → "15", 2.50 → "2.5", -2.12345 → "-2.12".
    public static func trimmed(_ value: Double, decimals: Int = 2) -> String {
        var text = printf(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// The shortest text that reads back as the same number, as a user writes it in
    /// the config: 5 → "5", 0.1 → "0.1", 0.00001 → "1e-05".
    public static func shortest(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `digits` significant digits (C's printf), so tiny prices keep theirs: 1.2345e-09 → "1.2345e-09".
    public static func significant(_ value: Double, digits: Int = 6) -> String {
        String(format: "%.\(digits)g", value)
    }

    // MARK: Percent

    /// A fraction as a percentage (rewards are fractions): 0.012 → "+1.20 %".
    public static func percent(fraction value: Double?, signed: Bool = true, decimals: Int = 2) -> String {
        guard let value else { return missing }
        return percent(value * 100, signed: signed, decimals: decimals)
    }

    /// A value already in percent (spreads): 2.5 → "+2.50 %". A value that rounds to
    /// zero gets no sign: "0.00 %", never "−0.00 %".
    public static func percent(_ value: Double?, signed: Bool = true, decimals: Int = 2) -> String {
        guard let value, value.isFinite else { return missing }
        let text = number(abs(value), decimals: decimals)
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "−" : (signed && value > 0 ? "+" : "")
        return sign + text + " %"
    }

    /// A share of a whole, e.g. a win rate (a fraction): 0.5 → "50.0 %".
    public static func share(_ value: Double?) -> String {
        percent(fraction: value, signed: false, decimals: 1)
    }

    /// The terse percent of reasons and notes (a value already in percent), up to four
    /// decimals: 0.5 → "0.5%", -2.12345 → "-2.1235%".
    public static func shortPercent(_ value: Double) -> String {
        trimmed(value, decimals: 4) + "%"
    }

    /// A p-value: "p = 0.34", "p = 0.0031", "p < 0.0001".
    public static func pValue(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "p " + missing }
        if value < 0.0001 { return "p < 0.0001" }
        return "p = " + fixed(value, decimals: value < 0.01 ? 4 : 2)
    }

    // MARK: Money

    /// Whole dollars with separators: 250000 → "$250,000".
    public static func usd(_ value: Double?) -> String {
        value.map { "$" + number($0, decimals: 0) } ?? missing
    }

    /// Dollars in k, M or B with up to two decimals: "$2.41M", "$50k", "$999.5".
    public static func compactUSD(_ value: Double) -> String {
        let size = abs(value)
        if size >= 1e9 { return "$" + trimmed(value / 1e9) + "B" }
        if size >= 1e6 { return "$" + trimmed(value / 1e6) + "M" }
        if size >= 1e3 { return "$" + trimmed(value / 1e3) + "k" }
        return "$" + trimmed(value)
    }

    /// A price with four significant digits, enough for micro-cap tokens: 0.0000123456 →
    /// "0.00001235". With `like`, both prices get the decimals of the smaller one, so a
    /// row's DEX and CEX prices line up. Below 10⁻⁸ decimals would run past a dozen
    /// zeros (or round a real price to "0.000000000000"), so both are written in
    /// scientific notation with four significant digits: 3.2e-13.
    public static func price(_ value: Double?, like other: Double? = nil) -> String {
        guard let value, value.isFinite else { return missing }
        let smallest = [abs(value), other.map(abs)].compactMap { $0 }.filter { $0 > 0 && $0.isFinite }.min()
        guard let smallest else { return "0" }
        if smallest < 1e-8 { return value == 0 ? "0" : significant(value, digits: 4) }
        let magnitude = Int(floor(log10(smallest)))
        return fixed(value, decimals: min(max(3 - magnitude, 2), 12))
    }

    // MARK: Time amounts

    /// Milliseconds, in seconds from ten of them on: 240 → "240 ms", 12500 → "12.5 s".
    public static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return value >= 10_000 ? number(value / 1000, decimals: 1) + " s" : number(value, decimals: 0) + " ms"
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
}
