import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// `ats demo` end to end: the in-process simulated market over real loopback HTTP.
@Suite struct DemoTests {
    @Test func theDemoProducesSignalsRewardsEveryRejectionAndAReport() async throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("demo")
        let summary = try await DemoRun.run(folder: folder, console: .silent)
        #expect(summary.failedStages.isEmpty)
        #expect(summary.watchlist == ExpectedObservation.scannedPairs(SimulatedMarketModel(seed: 1).pairs).count, "every pair this branch's scan admits")
        #expect(summary.signals["BUY", default: 0] > 0)
        #expect(summary.signals["SELL", default: 0] > 0)
        let total = summary.signals.values.reduce(0, +)
        #expect(summary.rewards["done"] == total)
        #expect(Set(summary.scanExclusions.map(\.reason)).isSuperset(of: ["quote", "liquidity", "pump", "not_listed", "cex_closed", "identity", "score"]))
        #expect(Set(summary.pollOutcomes.map(\.outcome)).isSuperset(of: ["signal", "glitch", "risk", "mismatch", "cooldown", "no_signal"]))
        let report = try #require(summary.report)
        #expect(FileManager.default.fileExists(atPath: report.path))
        #expect(report.path.hasPrefix(folder.path))
        let requests = try await AppDatabase.open(at: folder.appendingPathComponent("ats.sqlite")).reader.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT source FROM source_requests ORDER BY source")
        }
        #expect(requests == ["binance", "coingecko", "dexscreener", "discord", "geckoterminal", "mexc", "telegram", "webhook"])
        // Hours compressed into seconds still stay inside MEXC's real-time budget: no pair
        // went unasked for want of it.
        let unasked = try await AppDatabase.open(at: folder.appendingPathComponent("ats.sqlite")).reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observations WHERE reason LIKE '%budget%'") ?? -1
        }
        #expect(unasked == 0)
        // Every signal and every reward reached each channel: the webhook one POST per event,
        // the chat channels batched; the summary lists them.
        let received = Dictionary(uniqueKeysWithValues: summary.messages.map { ($0.channel, $0.delivered) })
        #expect(received["webhook"] == total + (summary.rewards["done"] ?? 0))
        #expect((1..<total).contains(received["telegram"] ?? 0) && (1..<total).contains(received["discord"] ?? 0))
        #expect(DemoRun.lines(summary).contains { $0.hasPrefix("  notifications received: telegram ") })
        try expectAnEdgeOnBUYAndNoneOnSELL(folder)
    }

    /// The demo's market (docs/simulated-market.md, "The demo's edge"): enough analyzed
    /// signals to judge, BUY signals that beat the baseline by ~1.3 % (p far below 0.001),
    /// SELL signals whose edge is noise around zero (its spread over runs is ~0.15 %).
    func expectAnEdgeOnBUYAndNoneOnSELL(_ folder: URL) throws {
        let database = try AppDatabase.open(at: folder.appendingPathComponent("ats.sqlite"))
        let outcomes = try ReportData.read(from: database, now: Date(), latestSignals: 10, feePct: 0.1).outcomes
        #expect(!outcomes.tooFewToJudge)
        let buy = try #require(outcomes.sides.first { $0.side == "BUY" })
        let sell = try #require(outcomes.sides.first { $0.side == "SELL" })
        #expect((buy.edge.mean ?? 0) > 0.008, "BUY edge \(buy.edge.mean ?? .nan)")
        #expect((buy.edgePValue ?? 1) < 0.001)
        #expect(abs(sell.edge.mean ?? 1) < 0.006, "SELL edge \(sell.edge.mean ?? .nan)")
    }

    @Test func runningTheDemoTwiceInOneFolderWorksAndTimeOnlyMovesForward() async throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("demo")
        let first = try await DemoRun.run(folder: folder, console: .silent)
        let second = try await DemoRun.run(folder: folder, console: .silent)
        #expect(second.failedStages.isEmpty)
        #expect(second.signals.values.reduce(0, +) > first.signals.values.reduce(0, +))
        #expect(second.rewards["pending", default: 0] == 0)
    }

    @Test func aFolderHoldingSomeoneElsesConfigIsRefusedUntouched() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("ats.yaml")
        try "database: /var/lib/ats/ats.sqlite\n".write(to: config, atomically: true, encoding: .utf8)
        await #expect(throws: DemoError.notADemoFolder(directory.url.path)) {
            _ = try await DemoRun.run(folder: directory.url, console: .silent)
        }
        #expect(try String(contentsOf: config, encoding: .utf8) == "database: /var/lib/ats/ats.sqlite\n")
    }
}
