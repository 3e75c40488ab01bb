import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

extension Reliability {
    /// SIGKILL to a real `ats` process at many points of its run (starting up, waiting for
    /// the market, just after an answer arrived, while it writes): afterwards the file passes
    /// `PRAGMA integrity_check` and every row rule of `DatabaseAudit`, nothing an earlier run
    /// stored is lost or changed, the lock is free, and the next run completes and closes the
    /// dead runs' rows as failed.
    @Suite struct ProcessKillTests {
        /// Every answer this late: the run lasts long enough to be cut anywhere.
        static let latency = 30

        /// Where to cut: milliseconds after the start, or after the market has seen
        /// `requests` requests (plus `ms`; past `latency` the answer is in the process's hands).
        enum KillPoint: CustomStringConvertible {
            case afterStart(ms: Int)
            case afterRequest(Int, ms: Int)

            var description: String {
                switch self {
                case .afterStart(let ms): return "\(ms) ms after start"
                case .afterRequest(let count, let ms): return "\(ms) ms after request \(count)"
                }
            }
        }

        /// Start-up, then around each checkpoint: before the answer and while it is handled and stored.
        static func points(checkpoints: [Int]) -> [KillPoint] {
            [.afterStart(ms: 0), .afterStart(ms: 40)] + checkpoints.flatMap { request in
                [0, latency + 2, latency + 6, latency + 12, latency + 25].map { KillPoint.afterRequest(request, ms: $0) }
            }
        }

        struct StagePlan: Sendable, CustomTestStringConvertible {
            var stage: Stage
            var arguments: [String]
            var testDescription: String { "ats \(stage)" }
        }

        @Test(arguments: [
            StagePlan(stage: .scan, arguments: []),
            StagePlan(stage: .poll, arguments: ["--bursts", "2", "--interval", "0"]),
            StagePlan(stage: .reward, arguments: []),
        ])
        func aKillAnywhereLosesNothingAndTheNextRunCompletes(_ plan: StagePlan) async throws {
            try await CLIRig.with { rig in
                if plan.stage != .scan { try rig.fillWatchlist() }
                var batch: Int64 = 0
                func prepare() throws {
                    batch -= 1
                    if plan.stage == .reward { try rig.insertDueSignals(run: batch) }
                }
                await rig.market.setFault(.latency(milliseconds: Self.latency), on: SimulatedEndpoint.allCases)
                // Two whole runs: rows of earlier runs to keep, and the requests of a run like the
                // killed ones (the first scan also fetches the coin list, cached afterwards).
                for _ in 0..<2 {
                    try prepare()
                    await rig.market.resetRequestLog()
                    let calibration = try await rig.ats(plan.stage.rawValue, plan.arguments)
                    try #require(calibration.status == 0, "\(calibration.stderr)")
                }
                let requests = await rig.market.requestCount()
                let checkpoints = plan.stage == .scan ? [requests] : [max(1, requests / 2), requests]

                var leftRunning: Set<Int64> = []
                var killed = 0
                for point in Self.points(checkpoints: checkpoints) {
                    try prepare()
                    let before = try await DatabaseAudit.Snapshot.take(rig.database)
                    await rig.market.resetRequestLog()
                    let child = try rig.start(plan.stage.rawValue, plan.arguments)
                    switch point {
                    case .afterStart(let ms):
                        try await Task.sleep(for: .milliseconds(ms))
                    case .afterRequest(let count, let ms):
                        try await eventually("request \(count)", within: 30, every: 1) { await rig.market.requestCount() >= count || !child.process.isRunning }
                        try await Task.sleep(for: .milliseconds(ms))
                    }
                    child.send(SIGKILL)
                    let result = try await child.finish()
                    if result.killed { killed += 1 }

                    #expect(try await DatabaseAudit.problems(rig.database) == [], "\(plan.stage) killed \(point)")
                    #expect(before.lost(in: try await DatabaseAudit.Snapshot.take(rig.database)) == [], "\(plan.stage) killed \(point)")
                    leftRunning.formUnion(try await DatabaseAudit.runningRuns(rig.database).compactMap(\.id))
                    try StageLock.acquire(stage: plan.stage, databaseURL: rig.database).release()
                    if FileManager.default.fileExists(atPath: rig.metrics.path) {
                        let metrics = try String(contentsOf: rig.metrics, encoding: .utf8)
                        #expect(metrics.hasSuffix("\n") && metrics.contains("ats_watchlist_pairs "), "the metrics file is whole")
                    }
                }
                #expect(killed >= Self.points(checkpoints: checkpoints).count / 2, "most kills landed before the run ended")
                #expect(!leftRunning.isEmpty, "some kills landed inside a run")

                try prepare()
                let next = try await rig.ats(plan.stage.rawValue, plan.arguments)
                #expect(next.status == 0, "\(next.stderr)")
                #expect(try await DatabaseAudit.problems(rig.database) == [])
                #expect(try await DatabaseAudit.runningRuns(rig.database).isEmpty)
                let dead = Array(leftRunning)
                let closed = try await DatabaseAudit.reader(rig.database).read { db in try RunRecord.filter(keys: dead).fetchAll(db) }
                #expect(closed.count == leftRunning.count)
                for run in closed {
                    #expect(run.status == .failed && run.summary.hasPrefix("interrupted: "), "\(run)")
                }
            }
        }
    }
}
