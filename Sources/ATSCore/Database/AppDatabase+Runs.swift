import Foundation
import GRDB

extension AppDatabase {
    /// Starts a run row. Called with the stage's lock held, so any earlier
    /// `running` row of this stage belongs to a process that died: it is closed as failed.
    public func beginRun(stage: Stage, at date: Date) throws -> Int64 {
        try write { db in
            try RunRecord
                .filter(RunRecord.Columns.stage == stage && RunRecord.Columns.status == RunStatus.running)
                .updateAll(db, [
                    RunRecord.Columns.status.set(to: RunStatus.failed),
                    RunRecord.Columns.finishedAt.set(to: date),
                    RunRecord.Columns.summary.set(to: "interrupted: the process ended before finishing (killed, or past its deadline)"),
                ])
            var run = RunRecord(id: nil, stage: stage, startedAt: date, finishedAt: nil, status: .running, summary: "", counts: "{}")
            try run.insert(db)
            return run.id!
        }
    }

    /// Closes a run row and stores the requests it made, in one transaction.
    public func finishRun(
        id: Int64, status: RunStatus, summary: String, counts: [String: Int],
        requests: [SourceRequestRecord], at date: Date
    ) throws {
        try write { db in
            try RunRecord.filter(RunRecord.Columns.id == id).updateAll(db, [
                RunRecord.Columns.status.set(to: status),
                RunRecord.Columns.summary.set(to: summary),
                RunRecord.Columns.counts.set(to: Self.encodeCounts(counts)),
                RunRecord.Columns.finishedAt.set(to: date),
            ])
            for var request in requests {
                request.runId = id
                try request.insert(db)
            }
        }
    }

    /// A run that did nothing because another held the lock (exit 75).
    public func recordSkippedRun(stage: Stage, at date: Date, summary: String) throws {
        try write { db in
            var run = RunRecord(id: nil, stage: stage, startedAt: date, finishedAt: date, status: .skipped, summary: summary, counts: "{}")
            try run.insert(db)
        }
    }

    /// The latest runs of one stage, newest first.
    public func lastRuns(stage: Stage, limit: Int) throws -> [RunRecord] {
        try reader.read { db in
            try RunRecord
                .filter(RunRecord.Columns.stage == stage)
                .order(RunRecord.Columns.startedAt.desc, RunRecord.Columns.id.desc)
                .limit(limit)
                .fetchAll(db)
        }
    }

    static func encodeCounts(_ counts: [String: Int]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: counts, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    public static func decodeCounts(_ text: String) -> [String: Int] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        return object.compactMapValues { ($0 as? NSNumber)?.intValue }
    }
}
