import Foundation

/// How the page writes times and outside text (numbers are `Format`'s). Locale-independent,
/// so the page reads the same whatever the server's locale.
public enum ReportFormat {
    /// Outside text made safe to show: control and bidi-override characters become
    /// visible escapes, and long text is cut. HTML escaping is the template's job.
    public static func text(_ value: String?, limit: Int = 48) -> String {
        guard let value, !value.isEmpty else { return Format.missing }
        return value.singleLine(limit: limit)
    }

    public static func duration(from start: Date, to end: Date?) -> String {
        guard let end else { return Format.missing }
        let seconds = end.timeIntervalSince(start)
        if seconds < 60 { return Format.fixed(max(seconds, 0), decimals: 1) + " s" }
        let whole = Int(min(seconds, 1e9).rounded())  // a corrupt or hand-edited row must not trap
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    /// "2024-05-01 12:34 UTC"
    public static func dateTime(_ date: Date?) -> String {
        guard let date else { return Format.missing }
        return minuteFormatter.string(from: date) + " UTC"
    }

    /// "2024-05-01 12:34:56" (the column header says UTC).
    public static func timestamp(_ date: Date) -> String {
        secondFormatter.string(from: date)
    }

    public static func day(_ date: Date) -> String { dayFormatter.string(from: date) }
    public static func hour(_ date: Date) -> String { hourFormatter.string(from: date) }

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
