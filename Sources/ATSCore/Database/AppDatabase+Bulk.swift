import Foundation
import GRDB

/// Loads no stage performs: `ats-bench` builds databases of a size no test would
/// (a million signals from scripts/report-fill.sql, ten thousand due rewards).
extension AppDatabase {
    /// Runs a fill script the way scripts/report-scale.sh does: without fsync, with the
    /// indexes of the big tables dropped during the insert and rebuilt after it.
    public func bulkFill(script: String) throws {
        try writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000")
            let tables = "tbl_name IN ('signals', 'observations', 'source_requests', 'runs') AND sql IS NOT NULL"
            let indexes = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND \(tables)")
            for index in indexes { try db.execute(sql: "DROP INDEX \(index["name"] as String)") }
            try db.execute(sql: script)
            for index in indexes { try db.execute(sql: index["sql"] as String) }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// The schema the migrations create, as SQL text (a fill is redone when it changes).
    public static func schemaText() throws -> String {
        try AppDatabase.inMemory().reader.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").joined(separator: ";")
        }
    }

    /// Stores signals as they are (pending ones wait for `ats reward`), in one transaction.
    public func importSignals(_ signals: [SignalRecord]) throws {
        try write { db in
            for var signal in signals { try signal.insert(db) }
        }
    }

    /// The longest any recorded request waited for its answer, in milliseconds.
    public func slowestRequestMs() throws -> Int {
        try reader.read { db in
            try Int.fetchOne(db, SourceRequestRecord.select(max(SourceRequestRecord.Columns.latencyMs))) ?? 0
        }
    }
}
