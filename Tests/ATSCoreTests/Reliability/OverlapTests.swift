import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

extension Reliability {
    /// Stages overlapping as cron makes them: the same stage twice (the second exits 75 and
    /// does nothing), and every stage at once, round after round, as real processes sharing
    /// one database: no `database is locked`, no lost row, every run row closed.
    @Suite struct OverlapTests {
        @Test(arguments: Stage.allCases)
        func theSameStageTwiceExits75AndDoesNothing(_ stage: Stage) async throws {
            try await LoopbackRig.with { rig in
                try rig.fillWatchlist(rig.market.watchlistPairs)
                let url = rig.setup.config.databaseURL
                let before = try await DatabaseAudit.Snapshot.take(url)
                let held = try StageLock.acquire(stage: stage, databaseURL: url)
                let outcome = await StorageFaultTests.run(stage, rig, rig.environment)
                held.release()

                #expect(outcome.exit == .tempFail)
                #expect(outcome.status == .skipped)
                #expect(rig.console.stderr.count == 1)
                #expect(rig.console.stderr.first?.hasPrefix("error: another `ats \(stage)` is running (pid \(getpid()) since ") == true)
                #expect(rig.console.stderr.first?.hasSuffix("); nothing done") == true)
                #expect(await rig.market.requestCount() == 0)
                #expect(try rig.lastRun(stage).status == .skipped)
                #expect(before.lost(in: try await DatabaseAudit.Snapshot.take(url)) == [])
            }
        }

        /// scan, poll, notify, reward and report started together, three rounds.
        @Test func allStagesAtOnceRepeatedlyLoseNothing() async throws {
            try await CLIRig.with { rig in
                try rig.fillWatchlist()
                // Slow answers keep the stages side by side long enough for their writes to meet.
                await rig.market.setFault(.latency(milliseconds: 80), on: SimulatedEndpoint.allCases)
                let rounds = 3
                for round in 1...rounds {
                    let due = try rig.insertDueSignals(run: -Int64(round))
                    let before = try await DatabaseAudit.Snapshot.take(rig.database)
                    let countsBefore = try await rig.counts()
                    let results = try await OverlapRound.run(rig, [["scan"], ["poll", "--bursts", "2", "--interval", "0"], ["notify"], ["reward"], ["report"]])
                    for (command, result) in results {
                        #expect(result.status == 0, "round \(round) \(command): \(result.stderr)")
                        #expect(!result.stderr.contains("locked") && !result.stderr.contains("busy"), "round \(round) \(command)")
                    }
                    let counts = try await rig.counts()
                    #expect(counts["runs"] == countsBefore["runs"]! + 5, "round \(round)")
                    #expect(counts["observations"] == countsBefore["observations"]! + 2 * rig.market.watchlistPairs.count, "round \(round)")
                    #expect(counts["signals"]! >= countsBefore["signals"]!)
                    #expect(before.lost(in: try await DatabaseAudit.Snapshot.take(rig.database)) == [], "round \(round)")
                    #expect(try await DatabaseAudit.problems(rig.database) == [], "round \(round)")
                    #expect(try await DatabaseAudit.runningRuns(rig.database).isEmpty, "round \(round)")
                    let pending = try await DatabaseAudit.reader(rig.database).read { db in
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signals WHERE run_id = ? AND reward_status = 'pending'", arguments: [-Int64(round)])
                    }
                    #expect(due > 0 && pending == 0, "round \(round): the due signals were measured")
                }
            }
        }

        /// The long version, for `scripts/soak.sh`: random faults, overlapping and doubled
        /// stages, SIGKILL and SIGTERM at random moments, for ATS_SOAK_SECONDS.
        @Test(.enabled(if: Soak.seconds != nil, "set ATS_SOAK_SECONDS (scripts/soak.sh)"))
        func soak() async throws {
            try await Soak.run(seconds: Soak.seconds ?? 0)
        }
    }
}

/// Several `ats` commands started at once against one rig, waited for together.
enum OverlapRound {
    static func run(_ rig: CLIRig, _ commands: [[String]]) async throws -> [(String, ATSChild.Result)] {
        let children = try commands.map { command in (command.joined(separator: " "), try rig.start(command[0], Array(command.dropFirst()))) }
        var results: [(String, ATSChild.Result)] = []
        for (name, child) in children { results.append((name, try await child.finish())) }
        return results
    }
}
