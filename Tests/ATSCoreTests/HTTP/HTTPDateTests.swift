import Foundation
import Testing
@testable import ATSCore

/// `Retry-After` as an HTTP-date, in the three forms RFC 9110 §5.6.7 has a recipient
/// accept. Expected seconds from GNU `date -u -d '1994-11-06 08:49:37' +%s` and so on
/// (784111777 is also RFC 9110's own example date).
@Suite struct HTTPDateTests {
    static let dates: [(String, Double?)] = [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
        ("Sun Nov  6 08:49:37 1994", 784_111_777),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_480),
        ("Thu, 29 Feb 2024 00:00:00 GMT", 1_709_164_800),
        ("Fri, 31 Dec 1999 23:59:59 GMT", 946_684_799),
        ("Thursday, 01-Jan-70 00:00:00 GMT", 0),
        ("Tuesday, 01-Jan-69 00:00:00 GMT", 3_124_224_000),  // two digits below 70: 20xx
        ("Wed, 29 Feb 2023 00:00:00 GMT", nil),  // not a leap year
        ("Sun, 31 Nov 1994 08:49:37 GMT", nil),
        ("Sun, 06 Nov 1994 24:00:00 GMT", nil),
        ("Sun, 06 Nov 1994 8:49:37 GMT", nil),
        ("Sun, 06 Nov 1994 08:49:37 PST", nil),  // HTTP-dates are GMT
        ("Sun, 06 Nov99 1994 08:49:37 GMT", nil),
        ("Sun, 06 Nov 99999999999999999999 08:49:37 GMT", nil),
        ("Sun, 06 Nov 0001 08:49:37 GMT", nil),
        ("garbage", nil), ("", nil), ("1e300", nil),
    ]

    @Test(arguments: dates)
    func anHTTPDateReadsAsSecondsSince1970(_ text: String, _ expected: Double?) {
        #expect(HTTPDate.seconds(text) == expected)
    }

    @Test func aRetryAfterDateBecomesTheWaitUntilIt() throws {
        let inAnHour = Date().addingTimeInterval(3600)
        let formatter = DateFormatter()  // an independent writer of the date, test-only
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let wait = try #require(SourceClient.retryAfter(formatter.string(from: inAnHour)))
        #expect(abs(wait - 3600) <= 2)
    }

    @Test func aRetryAfterDateInThePastIsNoWait() {
        #expect(SourceClient.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT") == 0)
    }
}
