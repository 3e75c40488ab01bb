import Foundation
import Testing
@testable import ATSCore

/// The v2 figures on a database of known rewards (`OutcomeSamples`); every expected
/// value was computed in python3 (numpy/scipy) from the same formulas.
@Suite struct ReportOutcomesTests {
    let setup: TestSetup

    init() throws {
        setup = try TestSetup()
    }

    /// A fresh database each call, holding the first `count` sample signals.
    func data(_ count: Int = 30) throws -> ReportData {
        let database = try AppDatabase.inMemory()
        try ReportSamples.insert(OutcomeSamples.signals(count), into: database)
        return try ReportData.read(from: database, now: ReportSamples.now, latestSignals: 100, feePct: 0.1, minSpreadPct: 0.5)
    }

    func near(_ value: Double?, _ expected: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < tolerance
    }

    /// np.mean(net) = 0.0015666666666666665; boot(net) = (−0.0008666666666666665, 0.003966666666666666)
    @Test func meanNetRewardAndItsBootstrapInterval() throws {
        let net = try #require(try data().outcomes.net)
        #expect(net.count == 30)
        #expect(near(net.mean, 0.0015666666666666665))
        #expect(net.method == .bootstrap)
        #expect(near(net.lower, -0.0008666666666666665))
        #expect(near(net.upper, 0.003966666666666666))
    }

    /// np.mean(wins) = 17/30; boot(wins) = (0.4, 0.7333333333333333)
    @Test func winRateAndItsInterval() throws {
        let win = try #require(try data().outcomes.winRate)
        #expect(near(win.mean, 17.0 / 30))
        #expect(near(win.lower, 0.4))
        #expect(near(win.upper, 0.7333333333333333))
    }

    /// 27 signals with a baseline: np.mean(edge) = 0.0014074074074074076,
    /// boot(edge) = (−0.0013518518518518521, 0.004000462962962961), ttest_1samp p = 0.32108768299219836
    @Test func edgeOverTheBaselineWithIntervalAndPValue() throws {
        let outcomes = try data().outcomes
        let edge = try #require(outcomes.edge)
        #expect(edge.count == 27)
        #expect(near(edge.mean, 0.0014074074074074076))
        #expect(near(edge.lower, -0.0013518518518518521))
        #expect(near(edge.upper, 0.004000462962962961))
        #expect(near(outcomes.edgePValue, 0.32108768299219836, 1e-10))
    }

    /// Per side (python, same script): BUY 20 signals, mean net 0.0009, edge 0.000555…, p 0.7467191666804049,
    /// fade −0.0059; SELL 10, mean net 0.0029, edge 0.003111…, p 0.24535075591954997, fade −0.0079.
    @Test func bySideWithTheFadedSide() throws {
        let sides = try data().outcomes.sides
        #expect(sides.map(\.side) == ["BUY", "SELL"])
        let buy = sides[0], sell = sides[1]
        #expect(buy.net.count == 20 && sell.net.count == 10)
        #expect(near(buy.net.mean, 0.0009) && near(sell.net.mean, 0.0029))
        #expect(near(buy.edge.mean, 0.0005555555555555556) && near(sell.edge.mean, 0.003111111111111111))
        #expect(near(buy.edgePValue, 0.7467191666804049, 1e-9) && near(sell.edgePValue, 0.24535075591954997, 1e-9))
        #expect(near(buy.fade.mean, -0.0059) && near(sell.fade.mean, -0.0079))
    }

    /// 23 signals with prices afterwards; 16 closed below 0.5 %: 8 by the DEX, 8 by the CEX.
    @Test func convergenceSharesAndWhichLegMoved() throws {
        let convergence = try data().outcomes.convergence
        #expect(convergence == Convergence(measured: 23, closed: 16, closedByDEX: 8, closedByCEX: 8))
        #expect(near(convergence.closedShare, 16.0 / 23))
        #expect(convergence.byDEXShare == 0.5)
    }

    /// np.cumsum(net): the deepest fall is 0.009, from signal 21's high to signal 23; total 0.047.
    @Test func maximumDrawdownOfTheCumulativeNet() throws {
        let drawdown = try #require(try data().drawdown)
        #expect(near(drawdown.depth, 0.009))
        #expect(near(drawdown.total, 0.047))
        #expect(drawdown.peak == ReportSamples.t0.addingTimeInterval(21 * 60))
        #expect(drawdown.trough == ReportSamples.t0.addingTimeInterval(23 * 60))
    }

    @Test func perDayTable() throws {
        let days = try data().days
        #expect(days.count == 1)
        #expect(days[0].day == "2024-05-01")
        #expect(days[0].signals == 30 && days[0].analyzed == 30 && days[0].wins == 17)
        #expect(near(days[0].netSum, 0.047))
        #expect(near(days[0].meanEdge, 0.0014074074074074076))
    }

    @Test func twoReadsOfTheSameSignalsGiveTheSameIntervals() throws {
        #expect(try data().outcomes == data().outcomes)
    }

    @Test(arguments: [(29, true), (30, false)])
    func tooFewSignalsToJudgeBelowThirty(count: Int, tooFew: Bool) throws {
        let report = try data(count)
        #expect(report.outcomes.tooFewToJudge == tooFew)
        let html = try ReportRenderer.html(report, config: setup.config)
        #expect(html.contains("Too few signals to judge") == tooFew)
    }

    @Test func thePageShowsIntervalsSidesAndDays() throws {
        let html = try ReportRenderer.html(try data(), config: setup.config)
        #expect(html.contains("95 % CI −0.09 % to +0.40 % (bootstrap)"))
        #expect(html.contains("p = 0.32"))
        #expect(html.contains("<td class=\"num neg\">−0.59 %</td>"))  // BUY fade
        #expect(html.contains("<td class=\"num\">69.6 %</td>"))  // 16 of 23 gaps closed
        #expect(html.contains("Maximum drawdown (shaded): −0.90 %"))
        #expect(html.contains("<td>2024-05-01</td>"))
        #expect(html.contains("Average request latency"))
    }

    /// A BUY whose candles rise gets a green path, its window shaded from the first candle;
    /// a signal without candles (pending) shows a dash.
    @Test func latestSignalsCarryTheirPricePath() throws {
        let database = try setup.database()
        try ReportSamples.insert(Array(OutcomeSamples.signals(2)), into: database)
        try database.write { db in
            for var candle in ReportBrowserTests.candles(signalID: 2) { try candle.insert(db) }
        }
        let report = try ReportData.read(from: database, now: ReportSamples.now, latestSignals: 100, feePct: 0.1)
        #expect(report.candles.keys.sorted() == [2])
        let html = try ReportRenderer.html(report, config: setup.config)
        #expect(html.components(separatedBy: "<svg class=\"path\"").count == 2)
        #expect(html.contains("class=\"closes pos\""))
        #expect(html.contains("<td class=\"spark\">—</td>"))
        #expect(html.contains("aria-label=\"BUY entry 1.020, window close 1.035 (+1.45 % for the signal), 15 one-minute candles\""))
    }
}
