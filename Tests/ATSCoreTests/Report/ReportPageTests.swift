import Foundation
import Testing
@testable import ATSCore

@Suite struct ReportPageTests {
    let setup: TestSetup

    init() throws {
        setup = try TestSetup()
    }

    func render(_ database: AppDatabase, config: LoadedConfig? = nil) throws -> String {
        let data = try ReportData.read(from: database, now: ReportSamples.now, latestSignals: 100, feePct: 0.1)
        return try ReportRenderer.html(data, config: config ?? setup.config)
    }

    func populatedPage() throws -> String {
        let database = try setup.database()
        try ReportSamples.populate(database)
        return try render(database)
    }

    @Test func emptyDatabaseGivesAFriendlyPage() throws {
        let html = try render(try setup.database())
        #expect(html.contains("No signals yet — run <code>ats scan</code> to build the watchlist, then <code>ats poll</code>"))
        #expect(!html.contains("class=\"kpi\""))
        #expect(html.contains("The watchlist is empty"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func theFooterNamesTheBuildThatWroteThePage() throws {
        let html = try render(try setup.database())
        #expect(html.contains("<footer>A static page written by <code>ats \(BuildInfo.version) (commit \(BuildInfo.commit))</code>;"))
    }

    @Test func withAWatchlistButNoSignalsItPointsAtPoll() throws {
        let database = try setup.database()
        let scan = try database.beginRun(stage: .scan, at: ReportSamples.now)
        try database.replaceWatchlist([ReportSamples.watchlistEntry(rank: 1, "ALPHA")], exclusions: [], runID: scan)
        let html = try render(database)
        #expect(html.contains("No signals yet — the watchlist is ready; <code>ats poll</code>"))
        #expect(html.contains("<td>ALPHA</td>"))
    }

    @Test func signalsNotYetAnalyzedShowCountsButNoRewardCharts() throws {
        let database = try setup.database()
        try ReportSamples.insert([ReportSamples.signal(at: 0, "ALPHA", spread: 1, status: .pending)], into: database)
        let html = try render(database)
        #expect(html.contains("No analyzed signals yet: ats reward measures each signal 16 minutes after it was raised."))
        #expect(html.contains("id=\"chart-signals\""))
        #expect(!html.contains("id=\"chart-distribution\"") && !html.contains("id=\"chart-cumulative\""))
    }

    @Test func showsTheKPIsWithTheirExplanations() throws {
        let html = try populatedPage()
        for expected in [
            "<div class=\"kpi-label\">Signals</div><div class=\"kpi-value plain\">6</div>",
            "<div class=\"kpi-label\">Analyzed</div><div class=\"kpi-value plain\">4</div>",
            // The best move is before costs and positive almost always: never coloured as a gain.
            "<div class=\"kpi-label\">Average best move</div><div class=\"kpi-value plain\">+1.11 %</div><div class=\"kpi-detail\">before costs; not a result</div>",
            "<div class=\"kpi-label\">Win rate</div><div class=\"kpi-value plain\">50.0 %</div>",
            "<div class=\"kpi-label\">Hit rate</div><div class=\"kpi-value plain\">75.0 %</div>",
            "<div class=\"kpi-label\">Average |spread|</div><div class=\"kpi-value plain\">2.00 %</div>",
            "<div class=\"kpi-label\">Average request latency</div><div class=\"kpi-value plain\">240 ms</div>",
            "0.20 % round-trip fee",
        ] {
            #expect(html.contains(expected), "missing \(expected)")
        }
    }

    @Test func showsHeaderChartsAndEverySection() throws {
        let html = try populatedPage()
        #expect(html.contains("Generated <b>2024-05-01 13:05 UTC</b>"))
        #expect(html.contains("Signals <b>2024-05-01 10:05 UTC – 2024-05-01 12:05 UTC</b>"))
        #expect(html.contains("Scan exclusions, latest scan (2024-05-01 12:53 UTC)"))
        #expect(html.contains(setup.config.file.path))
        for id in ["chart-distribution", "chart-cumulative", "chart-signals", "symbols", "latest", "watchlist", "rejections", "runs", "sources"] {
            #expect(html.contains("id=\"\(id)\""), "missing section \(id)")
        }
        #expect(html.contains("dex liquidity # &lt; #"))
        #expect(html.contains("poll: 2 pairs, 1 source failed"))
        #expect(html.contains("<td class=\"num neg\">25.0 %</td>"))  // mexc's 25 % error rate is flagged
    }

    @Test(arguments: [(0, false), (300, true)])
    func refreshMetaOnlyWhenConfigured(seconds: Int, present: Bool) throws {
        let setup = try TestSetup { $0.report.refreshSeconds = seconds }
        let html = try render(try setup.database(), config: setup.config)
        #expect(html.contains("http-equiv=\"refresh\"") == present)
        if present { #expect(html.contains("<meta http-equiv=\"refresh\" content=\"300\">")) }
    }

    @Test func loadsNothingFromAnyHost() throws {
        let html = try populatedPage()
        let lower = html.lowercased()
        for forbidden in ["src=", "@import", "url(", "<link", "<script", "<iframe", "<img", "<object", "<embed", "xlink:href"] {
            #expect(!lower.contains(forbidden), "found \(forbidden)")
        }
        // Every href is an in-page anchor or a navigation link to the pair's page, opened without referrer.
        for match in html.matches(of: /<a ([^>]*)>/) {
            let attributes = String(match.output.1)
            let href = try #require(attributes.firstMatch(of: /href="([^"]*)"/)).output.1
            if href.hasPrefix("#") { continue }
            #expect(href.hasPrefix("https://dexscreener.com/"), "unexpected link \(href)")
            #expect(attributes.contains("rel=\"noopener noreferrer\""))
        }
        #expect(html.contains("default-src 'none'"))
    }

    @Test func escapesHostileTextFromTheAPIs() throws {
        let database = try setup.database()
        let hugeName = String(repeating: "A", count: 30_000)
        try ReportSamples.insert([
            ReportSamples.signal(
                at: 0, "<script>alert(1)</script>", spread: 1, pair: "\"><img src=x onerror=alert(1)>/USDC",
                address: "javascript:alert(document.cookie)", notes: "javascript:alert(2) \u{202E}gpj.exe"),
            ReportSamples.signal(at: 1, hugeName, spread: 1),
        ], into: database)
        let scan = try database.beginRun(stage: .scan, at: ReportSamples.now)
        try database.replaceWatchlist(
            [ReportSamples.watchlistEntry(rank: 1, "EVIL", base: hugeName, chain: "<b>chain</b>", address: "data:text/html,<script>x</script>")],
            exclusions: [ReportSamples.exclusion("<svg onload=alert(3)>")], runID: scan)
        try database.finishRun(id: scan, status: .failed, summary: "<iframe src=//evil.example>", counts: [:], requests: [], at: ReportSamples.now)
        try database.write { db in
            var observation = ReportSamples.observation(hoursAgo: 1, .error, "'><marquee>")
            try observation.insert(db)
            var request = ReportSamples.request("<u>src</u>", hoursAgo: 1, latency: 1, ok: false, error: "\"onmouseover=alert(4)")
            try request.insert(db)
        }
        let html = try render(database)

        for raw in ["<script>alert", "<img src=x", "\"><img", "<svg onload", "<iframe", "<marquee", "<b>chain", "<u>src",
                    "\"onmouseover", "href=\"javascript", "href=\"data:", "\u{202E}", String(repeating: "A", count: 100)] {
            #expect(!html.contains(raw), "raw \(raw.prefix(20)) in the page")
        }
        for escaped in ["&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
                        "&lt;svg onload=alert(3)&gt;", "&lt;iframe src=//evil.example&gt;", "&#39;&gt;&lt;marquee&gt;",
                        "&quot;onmouseover=alert(4)", "javascript:alert(2) \\u{202e}gpj.exe", String(repeating: "A", count: 32) + "…"] {
            #expect(html.contains(escaped), "missing \(escaped)")
        }
    }
}
