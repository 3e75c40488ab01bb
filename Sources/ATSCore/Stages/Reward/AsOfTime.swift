import Foundation

/// `ats reward --as-of TIME`: an ISO 8601 date and time with a zone (`Z` or an
/// offset such as `+02:00`), with or without fractional seconds.
public enum AsOfTime {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for options in formats {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }

    /// Why a TIME cannot be read; swift-argument-parser prints it after the option's name (exit 64).
    public static func problem(_ text: String) -> String {
        "cannot read '\(text.singleLine(limit: 60))' as a time; write ISO 8601 with a zone, e.g. 2025-06-01T12:00:00Z or 2025-06-01T14:00:00.250+02:00"
    }

    private static let formats: [ISO8601DateFormatter.Options] = [
        [.withInternetDateTime],
        [.withInternetDateTime, .withFractionalSeconds],
    ]
}
