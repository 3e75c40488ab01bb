import Foundation
import GRDB

/// What `status`, the metrics file and the demo's summary ask of the database.
extension AppDatabase {
    public struct PendingRewards: Sendable, Equatable {
        public var count: Int
        public var oldest: Date?
    }

    /// One source's requests in a period, for the metrics file.
    public struct SourceActivity: Sendable, Equatable {
        public var source: String
        public var requests: Int
        public var errors: Int
        public var averageLatencyMs: Double
    }

    public func pendingRewards() throws -> PendingRewards {
        try reader.read { db in
            let pending = SignalRecord.filter(SignalRecord.Columns.rewardStatus == RewardStatus.pending)
            let oldest = try Date.fetchOne(db, pending.select(min(SignalRecord.Columns.timestamp)))
            return PendingRewards(count: try pending.fetchCount(db), oldest: oldest)
        }
    }

    /// Each stage's latest run that finished (neither running nor skipped), oldest stage first.
    public func lastFinishedRuns() throws -> [RunRecord] {
        try reader.read { db in
            try RunRecord.fetchAll(db, sql: """
                SELECT * FROM runs WHERE id IN (SELECT MAX(id) FROM runs WHERE status NOT IN (?, ?) GROUP BY stage)
                """, arguments: [RunStatus.running, RunStatus.skipped])
        }
    }

    /// When each stage last ended `ok` or `partial`, by stage name.
    public func lastSuccessfulRuns() throws -> [(stage: Stage, finishedAt: Date)] {
        try reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT stage, MAX(finished_at) AS at FROM runs WHERE status IN (?, ?) GROUP BY stage
                """, arguments: [RunStatus.ok, RunStatus.partial]).compactMap { row in
                guard let stage = Stage(rawValue: row["stage"]), let at: Date = row["at"] else { return nil }
                return (stage, at)
            }
        }
    }

    /// Requests per source since `date`, by source name.
    public func sourceActivity(since date: Date) throws -> [SourceActivity] {
        try reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT source, COUNT(*) AS n, SUM(NOT ok) AS errors, AVG(latency_ms) AS latency
                FROM source_requests WHERE requested_at >= ? GROUP BY source ORDER BY source
                """, arguments: [date]).map {
                SourceActivity(source: $0["source"], requests: $0["n"], errors: $0["errors"], averageLatencyMs: $0["latency"])
            }
        }
    }

    /// Signals stored, by reward status (statuses with none are absent).
    public func signalCountsByRewardStatus() throws -> [RewardStatus: Int] {
        try counts(SignalRecord.self, by: SignalRecord.Columns.rewardStatus)
    }

    /// Signals stored, by side.
    public func signalCountsBySide() throws -> [SignalType: Int] {
        try counts(SignalRecord.self, by: SignalRecord.Columns.signalType)
    }

    public func watchlistCount() throws -> Int {
        try reader.read { db in try WatchlistEntry.fetchCount(db) }
    }

    /// The pairs of the latest poll run that stored observations, by outcome, most frequent first.
    public func latestPollOutcomes() throws -> [(outcome: PairOutcome, count: Int)] {
        try reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT outcome, COUNT(*) AS n FROM observations WHERE run_id = (SELECT MAX(run_id) FROM observations)
                GROUP BY outcome ORDER BY n DESC, outcome
                """).compactMap { row in
                PairOutcome(rawValue: row["outcome"]).map { (outcome: $0, count: row["n"]) }
            }
        }
    }

    /// When the latest run ended (or began, if it has not ended): time only moves forward from there.
    public func latestRunActivity() throws -> Date? {
        try reader.read { db in
            try Date.fetchOne(db, sql: "SELECT MAX(COALESCE(finished_at, started_at)) FROM runs")
        }
    }

    private func counts<Record: TableRecord, Value: DatabaseValueConvertible & Hashable>(
        _ record: Record.Type, by column: Column
    ) throws -> [Value: Int] {
        try reader.read { db in
            let rows = try Row.fetchAll(db, record.select(column, SQL("COUNT(*)")).group(column))
            var counts: [Value: Int] = [:]
            for row in rows {
                guard let value = Value.fromDatabaseValue(row[0]) else { continue }
                counts[value] = row[1]
            }
            return counts
        }
    }
}
