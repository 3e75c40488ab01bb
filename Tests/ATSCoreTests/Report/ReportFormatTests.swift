import Foundation
import Testing
@testable import ATSCore

@Suite struct ReportFormatTests {
    @Test func missingValuesShowAsADash() {
        #expect(ReportFormat.text("") == "—")
        #expect(ReportFormat.text(nil) == "—")
        #expect(ReportFormat.dateTime(nil) == "—")
        #expect(ReportFormat.duration(from: ReportSamples.t0, to: nil) == "—")
    }

    @Test(arguments: [(12.34, "12.3 s"), (125.0, "2 min 5 s"), (3_720.0, "1 h 2 min")])
    func durations(seconds: Double, text: String) {
        let start = Date(timeIntervalSince1970: 0)
        #expect(ReportFormat.duration(from: start, to: start.addingTimeInterval(seconds)) == text)
    }

    @Test func datesAreUTC() {
        #expect(ReportFormat.dateTime(ReportSamples.t0) == "2024-05-01 10:05 UTC")
        #expect(ReportFormat.timestamp(ReportSamples.t0) == "2024-05-01 10:05:00")
    }

    @Test func outsideTextIsCutAndBidiOverridesMadeVisible() {
        #expect(ReportFormat.text(String(repeating: "A", count: 30_000), limit: 24) == String(repeating: "A", count: 24) + "…")
        #expect(ReportFormat.text("abc\u{202E}gpj.exe") == "abc\\u{202e}gpj.exe")
        #expect(ReportFormat.text("two\nlines") == "two\\u{a}lines")
    }

    @Test(arguments: [
        ("https://dexscreener.com/solana/abc", true), ("http://example.com/x", true),
        ("javascript:alert(1)", false), ("JavaScript:alert(1)", false), ("data:text/html,<script>alert(1)</script>", false),
        ("vbscript:msgbox", false), ("https://", false), ("//evil.example/x", false), ("https://a.example/\"><script>", false),
        ("https://a.example/ x", false), ("file:///etc/passwd", false),
    ])
    func onlyHTTPURLsBecomeLinks(text: String, linked: Bool) {
        #expect((ExternalLink.url(text) != nil) == linked)
    }

    @Test(arguments: [
        ("solana", "javascript:alert(1)"), ("../../evil.example", "x"), ("solana", "\"><img src=x onerror=alert(1)>"), ("@evil.example", "a"),
    ])
    func pairLinksAlwaysPointAtDexScreener(chain: String, pair: String) throws {
        let link = try #require(ExternalLink.dexScreener(chain: chain, pair: pair))
        let components = try #require(URLComponents(string: link))
        #expect(components.scheme == "https")
        #expect(components.host == "dexscreener.com")
        #expect(!link.contains("\"") && !link.contains("<") && !link.contains(":alert"))
    }

    @Test(arguments: [
        ("dex liquidity 12000 < 50000", "dex liquidity # < #"), ("1,234.5 USD", "# USD"), ("", "(no reason given)"),
        ("cooldown: BUY 3 min ago", "cooldown: BUY # min ago"), ("end.", "end."), ("v2, 3", "v#, #"),
        ("  \t spread 3% \n", "spread #%"), (" \u{00A0}\u{2003}\r\n ", "(no reason given)"), ("\u{3000}é 12 ü\u{301}\u{85}", "é # ü\u{301}"),
        ("price 1.5e-9 🚀 3", "price #e-# 🚀 #"),
    ])
    func reasonPatternsMaskNumbers(reason: String, pattern: String) {
        #expect(ReasonPattern.of(reason) == pattern)
    }

    @Test func reasonPatternsAreCut() {
        #expect(ReasonPattern.of(String(repeating: "a", count: 10_000)).count == ReasonPattern.maxLength)
    }
}
