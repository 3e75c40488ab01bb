import Foundation

/// The one clock every stage reads, so tests and `--as-of` can move time.
public typealias Now = @Sendable () -> Date

public enum Clocks {
    public static let system: Now = { Date() }
}

extension Date {
    /// Milliseconds since 1970, the unit every market API uses.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }

    /// ISO 8601 in UTC with seconds, as operators read it. A format style is a value:
    /// stages that run side by side in one process (the demo, the benches) format dates
    /// concurrently, and one shared `ISO8601DateFormatter` instance is not safe for that.
    public var iso8601: String {
        formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }
}

extension Duration {
    /// `seconds` as a duration, capped at a year: `Int64(seconds * 1000)` traps on a value
    /// past Int64 (a config's `1e300`), and nothing ats waits for is longer than a year.
    public static func cappedSeconds(_ seconds: Double) -> Duration {
        let milliseconds = seconds.isNaN ? 0 : min(max(seconds, 0), 365 * 86_400) * 1000
        return .milliseconds(Int64(milliseconds.rounded(.up)))
    }
}
