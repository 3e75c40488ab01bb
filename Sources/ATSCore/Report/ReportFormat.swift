import Foundation

/// How the page writes numbers, times and outside text. Locale-independent, so
/// the page reads the same whatever the server's locale.
public enum ReportFormat {
    public static let missing = "—"

    /// Outside text made safe to show: control and bidi-override characters become
    /// visible escapes, and long text is cut. HTML escaping is the template's job.
    public static func text(_ value: String?, limit: Int = 48) -> String {
        guard let value, !value.isEmpty else { return missing }
        return value.singleLine(limit: limit)
    }

    /// A fraction as a percentage: 0.012 → "+1.20 %".
    public static func percent(fraction value: Double?, signed: Bool = true, decimals: Int = 2) -> String {
        guard let value else { return missing }
        return percent(value * 100, signed: signed, decimals: decimals)
    }

    /// A value that is already in percent (spreads): 2.5 → "+2.50 %".
    public static func percent(_ value: Double?, signed: Bool = true, decimals: Int = 2) -> String {
        guard let value, value.isFinite else { return missing }
        let text = number(abs(value), decimals: decimals)
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "−" : (signed && value > 0 ? "+" : "")
        return sign + text + " %"
    }

    /// A share of a whole, e.g. a win rate: 0.5 → "50.0 %".
    public static func share(_ value: Double?) -> String {
        percent(fraction: value, signed: false, decimals: 1)
    }

    /// A price with four significant digits, enough for micro-cap tokens: 0.0000123456 → "0.00001235".
    /// With `like`, both prices get the decimals of the smaller one, so a row's DEX and CEX prices line up.
    public static func price(_ value: Double?, like other: Double? = nil) -> String {
        guard let value, value.isFinite else { return missing }
        let smallest = [abs(value), other.map(abs)].compactMap { $0 }.filter { $0 > 0 && $0.isFinite }.min()
        guard let smallest else { return "0" }
        let magnitude = Int(floor(log10(smallest)))
        return fixed(value, decimals: min(max(3 - magnitude, 2), 12))
    }

    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "−" : "") + out
    }

    public static func number(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return missing }
        let text = fixed(abs(value), decimals: decimals)
        let parts = text.split(separator: ".", maxSplits: 1)
        // Beyond Int (a glitched price can make any ratio): the digits without separators.
        let whole = Int(parts[0]).map(count) ?? String(parts[0])
        return (value < 0 ? "−" : "") + whole + (parts.count > 1 ? "." + parts[1] : "")
    }

    public static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return value >= 10_000 ? number(value / 1000, decimals: 1) + " s" : number(value, decimals: 0) + " ms"
    }

    public static func duration(from start: Date, to end: Date?) -> String {
        guard let end else { return missing }
        let seconds = end.timeIntervalSince(start)
        if seconds < 60 { return fixed(max(seconds, 0), decimals: 1) + " s" }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    /// "2024-05-01 12:34 UTC"
    public static func dateTime(_ date: Date?) -> String {
        guard let date else { return missing }
        return minuteFormatter.string(from: date) + " UTC"
    }

    /// "2024-05-01 12:34:56" (the column header says UTC).
    public static func timestamp(_ date: Date) -> String {
        secondFormatter.string(from: date)
    }

    public static func day(_ date: Date) -> String { dayFormatter.string(from: date) }
    public static func hour(_ date: Date) -> String { hourFormatter.string(from: date) }

    static func fixed(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    // Formatting with a shared DateFormatter is thread-safe; building one per row is slow.
    nonisolated(unsafe) private static let minuteFormatter = utc("yyyy-MM-dd HH:mm")
    nonisolated(unsafe) private static let secondFormatter = utc("yyyy-MM-dd HH:mm:ss")
    nonisolated(unsafe) private static let dayFormatter = utc("yyyy-MM-dd")
    nonisolated(unsafe) private static let hourFormatter = utc("MM-dd HH:00")

    private static func utc(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter
    }
}

/// Links to other hosts are navigation only (never a resource the page loads),
/// and only for http(s): `javascript:` or `data:` text stays text.
public enum ExternalLink {
    public static func url(_ text: String?) -> String? {
        guard let text, text.count <= 2_000, !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
              let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = components.host, !host.isEmpty
        else { return nil }
        return text
    }

    /// The pair's DexScreener page; chain and address are percent-encoded, so
    /// whatever an API put in them cannot change the link's host or scheme.
    public static func dexScreener(chain: String, pair: String) -> String? {
        let safe = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        guard !chain.isEmpty, !pair.isEmpty, pair.count <= 200, chain.count <= 64,
              let chainPart = chain.addingPercentEncoding(withAllowedCharacters: safe),
              let pairPart = pair.addingPercentEncoding(withAllowedCharacters: safe)
        else { return nil }
        return url("https://dexscreener.com/\(chainPart)/\(pairPart)")
    }
}
