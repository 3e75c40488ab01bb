import Foundation
import Testing
@testable import ATSCore

@Suite struct ReportFormatTests {
    @Test(arguments: [
        (0.012, "+1.20 %"), (-0.0034, "−0.34 %"), (-0.00001, "0.00 %"), (0, "0.00 %"), (1.5, "+150.00 %"), (-900.0278, "−90,002.78 %"),
    ])
    func rewardFractionsShowAsSignedPercent(fraction: Double, text: String) {
        #expect(ReportFormat.percent(fraction: fraction) == text)
    }

    @Test func hugeValuesKeepTheirDigits() {
        #expect(ReportFormat.number(1e20, decimals: 0) == "100000000000000000000")
        #expect(ReportFormat.percent(fraction: -1e18) == "−100000000000000000000.00 %")
    }

    @Test func missingValuesShowAsADash() {
        #expect(ReportFormat.percent(fraction: nil) == "—")
        #expect(ReportFormat.share(nil) == "—")
        #expect(ReportFormat.price(.nan) == "—")
        #expect(ReportFormat.text("") == "—")
    }

    @Test(arguments: [(0.0000123456, "0.00001235"), (1.5, "1.500"), (0.5, "0.5000"), (12345.678, "12345.68"), (0.123456, "0.1235"), (0, "0")])
    func pricesKeepFourSignificantDigits(value: Double, text: String) {
        #expect(ReportFormat.price(value) == text)
    }

    @Test func pricesOfOneRowShareTheirDecimals() {
        #expect(ReportFormat.price(1.04, like: 0.9642) == "1.0400")
        #expect(ReportFormat.price(0.9642, like: 1.04) == "0.9642")
    }

    @Test(arguments: [(0, "0"), (12, "12"), (1234, "1,234"), (1_234_567, "1,234,567"), (-4321, "−4,321")])
    func countsHaveThousandsSeparators(value: Int, text: String) {
        #expect(ReportFormat.count(value) == text)
    }

    @Test(arguments: [(240.0, "240 ms"), (12_500.0, "12.5 s")])
    func latencies(value: Double, text: String) {
        #expect(ReportFormat.milliseconds(value) == text)
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
    ])
    func reasonPatternsMaskNumbers(reason: String, pattern: String) {
        #expect(ReasonPattern.of(reason) == pattern)
    }

    @Test func reasonPatternsAreCut() {
        #expect(ReasonPattern.of(String(repeating: "a", count: 10_000)).count == ReasonPattern.maxLength)
    }

    @Test(arguments: [
        (-0.006, 0.018, -0.006, 0.001, 25), (0.0, 0.097, 0.0, 0.005, 20), (0.005, 0.005, 0.005, 0.0005, 1), (-0.05, -0.01, -0.05, 0.002, 21),
    ])
    func histogramBinsHaveRoundWidthsAndCoverTheRange(low: Double, high: Double, lower: Double, width: Double, count: Int) {
        let bins = RewardHistogram.Bins(low: low, high: high, target: 24)
        #expect(abs(bins.lower - lower) < 1e-12)
        #expect(abs(bins.width - width) < 1e-12)
        #expect(bins.count == count)
        #expect(bins.upper > high)
    }
}

@Suite struct NiceTicksTests {
    @Test(arguments: [2.0, 3, 7, 12, 1, 0])
    func countAxesHaveDistinctWholeTicks(_ maximum: Double) {
        let ticks = NiceTicks.covering(0, maximum, whole: true)
        #expect(ticks.allSatisfy { $0.rounded() == $0 })
        #expect(Set(ticks).count == ticks.count)
        #expect(ticks.first == 0 && ticks.last! >= maximum)
    }

    @Test func percentAxesMayUseFractions() {
        #expect(NiceTicks.covering(-1.1, 0.9) == [-1.5, -1, -0.5, 0, 0.5, 1])
    }
}
