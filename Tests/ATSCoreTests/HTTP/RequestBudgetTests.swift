import Foundation
import Testing
@testable import ATSCore

/// The shared budget: the sliding-window rule, and the database that every `ats` process
/// on one file reserves in (two `AppDatabase`s on one file stand for two processes).
@Suite struct RequestBudgetTests {
    static let mexc = SourcePacing.mexc
    static let t0 = 1_795_267_840.0

    struct WindowCase: Sendable, CustomTestStringConvertible {
        let grants: [Double]  // times (s after t0), weight 40 each
        let at: Double
        let expected: BudgetAnswer
        var testDescription: String { "\(grants.count) grants, ask at \(at)" }
    }

    /// 500 weight per 10 s with 1 s of slack: 12 × 40 = 480 leave room for nothing of 40
    /// until the first has been out of the 11 s window.
    static let windowCases: [WindowCase] = [
        WindowCase(grants: [], at: 0, expected: .granted),
        WindowCase(grants: Array(repeating: 0, count: 11), at: 0, expected: .granted),
        WindowCase(grants: Array(repeating: 0, count: 12), at: 0, expected: .wait(until: Date(timeIntervalSince1970: t0 + 11))),
        WindowCase(grants: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10.5], at: 10.9, expected: .wait(until: Date(timeIntervalSince1970: t0 + 11))),
        WindowCase(grants: Array(repeating: 0, count: 12), at: 11.001, expected: .granted),
    ]

    @Test(arguments: windowCases)
    func aRequestFitsOnlyWhileTheCountedWindowHasRoom(_ example: WindowCase) {
        let answer = SlidingWindow.decide(grants: example.grants.map { (Self.t0 + $0, 40) }, weight: 40, limit: Self.mexc, now: Self.t0 + example.at)
        #expect(answer == example.expected)
    }

    /// Two processes asking as fast as they are granted, on a clock that advances 0.05 s per
    /// ask, for a minute: the grants of both together never put more than 500 weight in any
    /// 10 s window (as the API counts it, without the slack).
    @Test func twoProcessesTogetherStayInsideEveryWindow() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("ats.sqlite")
        let processes = [try AppDatabase.open(at: file), try AppDatabase.open(at: file)]
        var granted: [Double] = []
        var clock = Self.t0
        while clock < Self.t0 + 60 {
            for database in processes {
                let ask = BudgetAsk(source: "mexc", bucket: "/api/v3/ticker/24hr", weight: 40, limit: Self.mexc)
                if try database.reserve(ask, at: Date(timeIntervalSince1970: clock)) == .granted { granted.append(clock) }
            }
            clock += 0.05
        }
        let heaviest = granted.indices.map { start in granted[start...].prefix { $0 < granted[start] + 10 }.count * 40 }.max() ?? 0
        #expect(heaviest <= 500)
        #expect(granted.count >= 5 * 12, "the budget still grants its limit every window (\(granted.count) grants)")
    }

    /// A process killed right after reserving: its reservation still counts for the others.
    @Test func aReservationOfAProcessThatDiedStillCounts() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("ats.sqlite")
        let ask = BudgetAsk(source: "geckoterminal", bucket: "all", weight: 1, limit: SourcePacing.geckoTerminal)
        do {
            let dying = try AppDatabase.open(at: file)
            for second in 0..<30 { #expect(try dying.reserve(ask, at: Date(timeIntervalSince1970: Self.t0 + Double(second))) == .granted) }
        }
        let next = try AppDatabase.open(at: file)
        #expect(try next.reserve(ask, at: Date(timeIntervalSince1970: Self.t0 + 30)) == .wait(until: Date(timeIntervalSince1970: Self.t0 + 61)))
    }

    /// A request still in flight (waiting for a connection, say) counts for every window it
    /// might arrive in; once answered it is dated then.
    @Test func aGrantCountsUntilItsRequestWasAnswered() throws {
        let database = try AppDatabase.inMemory()
        let start = Date(timeIntervalSince1970: Self.t0)
        let ask = BudgetAsk(source: "geckoterminal", bucket: "all", weight: 1, limit: SourcePacing.geckoTerminal, inFlightSeconds: 6)
        for _ in 0..<30 { #expect(try database.reserve(ask, at: start) == .granted) }
        let later = start.addingTimeInterval(62)
        #expect(try database.reserve(ask, at: later) == .wait(until: start.addingTimeInterval(6 + 61)), "unanswered: dated 6 s late")
        for _ in 0..<30 { try database.settle(ask, reservedAt: start, answeredAt: start.addingTimeInterval(0.5)) }
        #expect(try database.reserve(ask, at: later) == .granted, "answered after 0.5 s: out of the window at 61.5 s")
    }

    /// MEXC counts each endpoint on its own: a full ticker window leaves klines their 500.
    @Test func mexcEndpointsHaveBudgetsOfTheirOwn() throws {
        let database = try AppDatabase.inMemory()
        let now = Date(timeIntervalSince1970: Self.t0)
        for _ in 0..<12 {
            _ = try database.reserve(BudgetAsk(source: "mexc", bucket: "/api/v3/ticker/24hr", weight: 40, limit: Self.mexc), at: now)
        }
        #expect(try database.reserve(BudgetAsk(source: "mexc", bucket: "/api/v3/ticker/24hr", weight: 40, limit: Self.mexc), at: now) != .granted)
        #expect(try database.reserve(BudgetAsk(source: "mexc", bucket: "/api/v3/klines", weight: 1, limit: Self.mexc), at: now) == .granted)
    }

    /// A pause one process recorded holds for every other until it ends; a shorter one
    /// recorded later never cuts it short.
    @Test func aPauseHoldsForEveryProcessUntilItEnds() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("ats.sqlite")
        let first = try AppDatabase.open(at: file), second = try AppDatabase.open(at: file)
        let until = Date(timeIntervalSince1970: Self.t0 + 120)
        try first.pause(SourcePause(source: "mexc", until: until, statusCode: 418, reason: "HTTP 418 ban"))
        try first.pause(SourcePause(source: "mexc", until: until.addingTimeInterval(-100), statusCode: 429, reason: "later, shorter"))
        let ask = BudgetAsk(source: "mexc", bucket: "/api/v3/klines", weight: 1, limit: Self.mexc)
        guard case .paused(let pause) = try second.reserve(ask, at: Date(timeIntervalSince1970: Self.t0 + 119)) else {
            Issue.record("expected the pause to hold")
            return
        }
        #expect(pause.until == until && pause.statusCode == 418)
        #expect(try second.reserve(ask, at: until.addingTimeInterval(0.001)) == .granted)
        #expect(try second.pausesInForce(at: until.addingTimeInterval(0.001)).isEmpty)
    }

    /// `monthly_credits: 3`: the fourth call of the UTC month is refused; December's calls
    /// do not count in January.
    @Test func monthlyCreditsAreCountedPerUTCMonth() throws {
        let database = try AppDatabase.inMemory()
        let december = ISO8601DateFormatter().date(from: "2026-12-31T23:00:00Z")!
        let ask = BudgetAsk(source: "coingecko", bucket: "all", weight: 1, limit: BudgetLimit(weight: 100, windowSeconds: 60),
                            countsMonthly: true, monthlyCredits: 3)
        for minute in 0..<3 {
            #expect(try database.reserve(ask, at: december.addingTimeInterval(Double(minute) * 60)) == .granted)
        }
        #expect(try database.reserve(ask, at: december.addingTimeInterval(600)) == .monthSpent(calls: 3, credits: 3))
        #expect(try database.monthCalls(source: "coingecko", at: december) == 3)
        #expect(try database.reserve(ask, at: december.addingTimeInterval(3600)) == .granted, "January starts afresh")
        #expect(BudgetMonth.next(after: december) == ISO8601DateFormatter().date(from: "2027-01-01T00:00:00Z"))
    }
}
