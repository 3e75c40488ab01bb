import Foundation
import GRDB
import Testing
@testable import ATSCore

extension Reliability {
    /// SIGTERM (systemd, kill) and SIGINT (Ctrl-C) to a real `ats` process: poll ends between
    /// bursts, reward after the symbols in hand; what was stored stays whole, the run is
    /// `partial` with exit 1 and one error line naming the signal, and the lock is free.
    /// (SIGTERM to poll: `Operations/SignalHandlingTests`.)
    @Suite struct StopSignalTests {
        struct Case: Sendable, CustomTestStringConvertible {
            var stage: Stage
            var signal: Int32
            var name: String
            var testDescription: String { "\(name) to ats \(stage)" }
        }

        @Test(arguments: [
            Case(stage: .poll, signal: SIGINT, name: "SIGINT"),
            Case(stage: .reward, signal: SIGTERM, name: "SIGTERM"),
            Case(stage: .reward, signal: SIGINT, name: "SIGINT"),
        ])
        func aStopSignalEndsTheRunCleanlyBetweenSteps(_ stop: Case) async throws {
            try await CLIRig.with { rig in
                try rig.fillWatchlist()
                let child: ATSChild
                if stop.stage == .poll {
                    child = try rig.start("poll", ["--bursts", "20", "--interval", "1"])
                    try await eventually("the first burst stored") { try await rig.counts()["observations", default: 0] > 0 }
                } else {
                    try rig.insertDueSignals(run: -1)
                    await rig.market.setFault(.latency(milliseconds: 400), on: .mexcKlines)
                    child = try rig.start("reward")
                    try await eventually("the first klines request") { await rig.market.requestCount(.mexcKlines) > 0 }
                }
                child.send(stop.signal)
                let result = try await child.finish()

                #expect(result.status == 1 && !result.killed)
                #expect(result.stdout.isEmpty)
                let lines = result.stderr.split(separator: "\n").map(String.init)
                let stopped = stop.stage == .poll ? "poll: stopped by \(stop.name) after " : "reward: stopped by \(stop.name); "
                #expect(lines.count == 1 && lines[0].hasPrefix("error: " + stopped), "\(result.stderr)")
                let run = try #require(try rig.open().lastRuns(stage: stop.stage, limit: 1).first)
                #expect(run.status == .partial)
                #expect(run.summary.hasPrefix(stopped))
                #expect(try await DatabaseAudit.problems(rig.database) == [])
                try StageLock.acquire(stage: stop.stage, databaseURL: rig.database).release()

                if stop.stage == .poll {
                    let bursts = try await DatabaseAudit.reader(rig.database).read { db in
                        try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT burst) FROM observations") ?? 0
                    }
                    #expect(bursts >= 1 && bursts < 20, "no new burst after the signal")
                } else {
                    // The symbols in hand (up to 4 fetched at once) were finished; the rest were not asked.
                    let asked = await rig.market.requestCount(.mexcKlines)
                    let signals = try await DatabaseAudit.reader(rig.database).read { try SignalRecord.fetchAll($0) }
                    #expect((1...RewardStage.concurrentSymbols).contains(asked))
                    #expect(signals.filter { $0.rewardStatus == .done }.count == asked)
                    #expect(signals.filter { $0.rewardStatus == .pending }.count == signals.count - asked)
                }
            }
        }
    }
}
