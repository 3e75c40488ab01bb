import Foundation

/// An HTTP-date (RFC 9110 §5.6.7) as seconds since 1970, read without `DateFormatter`:
/// swift-corelibs-foundation's `DateFormatter.date(from:)` leaks a character set on every
/// call (LeakSanitizer, `scripts/fuzz.sh notify-answer`, docs/fuzzing.md), and
/// `Retry-After` is read on every 429 for months. The RFC has a recipient accept all three
/// forms; each must say GMT where it names a zone:
///
///     Sun, 06 Nov 1994 08:49:37 GMT     IMF-fixdate (what senders must send)
///     Sunday, 06-Nov-94 08:49:37 GMT    RFC 850 (a two-digit year: 70-99 is 19xx, else 20xx)
///     Sun Nov  6 08:49:37 1994          asctime
enum HTTPDate {
    static func seconds(_ text: String) -> Double? {
        let fields = text.split(whereSeparator: { " ,-:".contains($0) }).map(String.init)
        switch fields.count {
        case 8 where fields[7] == "GMT":  // IMF-fixdate or RFC 850: day, month, year, h, m, s
            guard let day = Int(fields[1]), let year = Int(fields[3]) else { return nil }
            let fullYear = fields[3].count == 2 ? (year >= 70 ? 1900 + year : 2000 + year) : year
            return seconds(year: fullYear, month: fields[2], day: day, clock: fields[4...6])
        case 7:  // asctime: month, day, h, m, s, year
            guard let day = Int(fields[2]), let year = Int(fields[6]), fields[6].count == 4 else { return nil }
            return seconds(year: year, month: fields[1], day: day, clock: fields[3...5])
        default:
            return nil
        }
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func seconds(year: Int, month name: String, day: Int, clock: ArraySlice<String>) -> Double? {
        let parts = clock.compactMap { $0.count == 2 ? Int($0) : nil }
        guard let month = months.firstIndex(of: name).map({ $0 + 1 }), (1900...9999).contains(year), parts.count == 3,
              (1...daysIn(month: month, year: year)).contains(day), (0...23).contains(parts[0]), (0...59).contains(parts[1]),
              (0...60).contains(parts[2])
        else { return nil }
        return Double(daysSince1970(year: year, month: month, day: day) * 86_400 + parts[0] * 3600 + parts[1] * 60 + parts[2])
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
    /// `days_from_civil`, http://howardhinnant.github.io/date_algorithms.html).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400  // y >= 1899 here, never negative
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
