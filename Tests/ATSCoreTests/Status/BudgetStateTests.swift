import Foundation
import Testing
@testable import ATSCore

/// Pauses in force, budget use and CoinGecko's month, as `status`, the report and the
/// metrics show them (one `BudgetState`).
@Suite struct BudgetStateTests {
    static let now = Date(timeIntervalSince1970: 1_795_267_840)

    static func database() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try database.reserve(BudgetAsk(source: "mexc", bucket: "/api/v3/ticker/24hr", weight: 40, limit: SourcePacing.mexc),
                                 at: now.addingTimeInterval(-3))
        try database.pause(SourcePause(source: "mexc", until: now.addingTimeInterval(90), statusCode: 418,
                                       reason: "HTTP 418 ban, Retry-After 120s"))
        _ = try database.reserve(BudgetAsk(source: "coingecko", bucket: "all", weight: 1, limit: SourcePacing.coinGecko(plan: "demo"),
                                           countsMonthly: true, monthlyCredits: 10_000), at: now.addingTimeInterval(-30))
        return database
    }

    @Test func statusShowsPausesBudgetsAndTheMonthsCalls() throws {
        let lines = try StatusReport.lines(database: Self.database(), now: Self.now, coinGecko: ("demo", 10_000))
        #expect(lines.contains("  mexc paused until \(Self.now.addingTimeInterval(90).iso8601), 90 s left (HTTP 418 ban, Retry-After 120s)"))
        #expect(lines.contains("  mexc /api/v3/ticker/24hr: 40 of 500 weight per 10 s"))
        #expect(lines.contains("  coingecko: 1 of 30 requests per 60 s"))
        #expect(lines.contains("  CoinGecko calls in \(BudgetMonth.key(Self.now)) (UTC): 1 of 10,000 monthly_credits"), "\(lines)")
    }

    @Test func aPauseThatEndedIsNoLongerShown() throws {
        let lines = try StatusReport.lines(database: Self.database(), now: Self.now.addingTimeInterval(91))
        let index = try #require(lines.firstIndex(of: "Pauses in force:"))
        #expect(lines[index + 1] == "  (none)")
    }

    @Test func theMetricsCarryThePauseAndTheBudgetUse() throws {
        let text = try MetricsTextfile.render(database: Self.database(), now: Self.now, budgetNow: Self.now, coinGecko: ("demo", 10_000))
        #expect(text.contains(#"ats_source_pause_seconds_remaining{source="mexc"} 90"#))
        #expect(text.contains(#"ats_budget_used_ratio{bucket="/api/v3/ticker/24hr",source="mexc"} 0.08"#))
        #expect(text.contains("ats_coingecko_month_calls 1"))
        #expect(text.contains("ats_coingecko_monthly_credits 10000"))
    }

    @Test func theReportHasTheBudgetSection() throws {
        let setup = try TestSetup()
        var data = try ReportData.read(from: Self.database(), now: Self.now, latestSignals: 10, feePct: 0.1)
        data.budget = try Self.database().budgetState(at: Self.now, coinGeckoPlan: "demo", monthlyCredits: 10_000)
        let html = try ReportRenderer.html(data, config: setup.config)
        #expect(html.contains("<section id=\"budgets\">"))
        #expect(html.contains("<li>mexc paused until \(Self.now.addingTimeInterval(90).iso8601), 90 s left (HTTP 418 ban, Retry-After 120s)</li>"))
        #expect(html.contains("<li>mexc /api/v3/ticker/24hr: 40 of 500 weight per 10 s</li>"))
    }
}
