import Foundation
import GRDB

extension AppDatabase {
    public struct PruneCounts: Sendable, Equatable {
        public var observations = 0
        public var sourceRequests = 0
        public var scanExclusions = 0
        public var runs = 0
        public var signals = 0
    }

    /// Deletes rows older than `cutoff` in small transactions, so stages running
    /// alongside wait at most one batch for the write lock. Observations and the
    /// operational logs go; signals only when asked. The newest run of each stage stays.
    public func prune(olderThan cutoff: Date, includeSignals: Bool, batch: Int = 5_000) throws -> PruneCounts {
        var counts = PruneCounts()
        counts.observations = try deleteInBatches("observations", timeColumn: "observed_at", cutoff, batch)
        counts.sourceRequests = try deleteInBatches("source_requests", timeColumn: "requested_at", cutoff, batch)
        counts.scanExclusions = try deleteInBatches("scan_exclusions", timeColumn: "scanned_at", cutoff, batch)
        if includeSignals {
            counts.signals = try deleteInBatches("signals", timeColumn: "timestamp", cutoff, batch)
        }
        counts.runs = try deleteInBatches(
            "runs", timeColumn: "started_at", cutoff, batch,
            extra: "AND status != \(RunStatus.running.sqlLiteral) AND id NOT IN (SELECT MAX(id) FROM runs GROUP BY stage) AND id NOT IN (SELECT run_id FROM scan_exclusions)")
        try writeWithoutTransaction { db in
            _ = try? db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)")
        }
        return counts
    }

    private func deleteInBatches(_ table: String, timeColumn: String, _ cutoff: Date, _ batch: Int, extra: String = "") throws -> Int {
        var total = 0
        while true {
            let deleted = try write { db -> Int in
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE rowid IN (SELECT rowid FROM \(table) WHERE \(timeColumn) < ? \(extra) LIMIT ?)",
                    arguments: [cutoff, batch])
                return db.changesCount
            }
            total += deleted
            if deleted < batch { return total }
        }
    }
}
