import Foundation
import GRDB

extension AppDatabase {
    /// Replaces the whole watchlist and stores the scan's exclusions, in one transaction:
    /// a reader sees the old list or the new one, never a mix.
    public func replaceWatchlist(_ entries: [WatchlistEntry], exclusions: [ScanExclusionRecord], runID: Int64) throws {
        try write { db in
            try WatchlistEntry.deleteAll(db)
            for var entry in entries { try entry.insert(db) }
            for var exclusion in exclusions {
                exclusion.runId = runID
                try exclusion.insert(db)
            }
        }
    }

    /// Stores exclusions without touching the watchlist (a scan whose sources all failed).
    public func recordExclusions(_ exclusions: [ScanExclusionRecord], runID: Int64) throws {
        try write { db in
            for var exclusion in exclusions {
                exclusion.runId = runID
                try exclusion.insert(db)
            }
        }
    }

    public func watchlist() throws -> [WatchlistEntry] {
        try reader.read { db in try WatchlistEntry.order(Column("rank")).fetchAll(db) }
    }

    /// Exclusion reasons of the latest scan that recorded any, most frequent first.
    public func latestExclusionReasons(limit: Int) throws -> [(reason: String, count: Int)] {
        try reader.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT reason, COUNT(*) AS n FROM scan_exclusions
                WHERE run_id = (SELECT MAX(run_id) FROM scan_exclusions)
                GROUP BY reason ORDER BY n DESC, reason LIMIT ?
                """, arguments: [limit])
            return rows.map { (reason: $0["reason"], count: $0["n"]) }
        }
    }
}
