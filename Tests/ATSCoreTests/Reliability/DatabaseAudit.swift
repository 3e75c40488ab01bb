import Foundation
import GRDB
@testable import ATSCore

/// What must hold of the database file whatever happened to the processes that wrote
/// it (killed, stopped, refused): SQLite's own checks, and product.md's "nothing
/// half-written" as row rules. Each rule is a query returning the rows that break it.
enum DatabaseAudit {
    /// Opens the file read-only (no migration, no WAL checkpoint by us).
    static func reader(_ url: URL) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: url.path, configuration: configuration)
    }

    static let rules: [(name: String, sql: String)] = [
        ("a burst whose pairs were not all stored", """
            SELECT run_id || '/' || burst FROM observations GROUP BY run_id, burst
            HAVING COUNT(*) <> (SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM observations o2
                                                    WHERE o2.run_id = observations.run_id GROUP BY o2.burst))
            """),
        ("bursts of a run not numbered 1...n", """
            SELECT run_id FROM observations GROUP BY run_id HAVING COUNT(DISTINCT burst) <> MAX(burst) OR MIN(burst) <> 1
            """),
        ("a signal without exactly one observation", """
            SELECT s.id FROM signals s WHERE (SELECT COUNT(*) FROM observations o WHERE o.signal_id = s.id) <> 1
            """),
        ("an observation pointing at no signal", """
            SELECT o.id FROM observations o WHERE o.signal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.id = o.signal_id)
            """),
        ("a signal observation without its signal, or a signal on another outcome", """
            SELECT id FROM observations WHERE (outcome = 'signal') <> (signal_id IS NOT NULL)
            """),
        ("a reward with some columns and not others", """
            SELECT id FROM signals WHERE NOT (
              (reward_status = 'done' AND actual_reward IS NOT NULL AND reward_mae IS NOT NULL AND reward_close IS NOT NULL
                 AND reward_net IS NOT NULL AND reward_computed_at IS NOT NULL)
              OR (reward_status = 'pending' AND actual_reward IS NULL AND reward_mae IS NULL AND reward_close IS NULL
                 AND reward_net IS NULL AND reward_computed_at IS NULL)
              OR (reward_status = 'unavailable' AND actual_reward IS NULL AND reward_mae IS NULL AND reward_close IS NULL
                 AND reward_net IS NULL AND reward_computed_at IS NOT NULL))
            """),
        ("a finished run without its end time, or an unknown status", """
            SELECT id FROM runs WHERE status NOT IN ('running', 'ok', 'partial', 'failed', 'skipped')
              OR ((status = 'running') <> (finished_at IS NULL))
            """),
        ("requests of a run that does not exist", """
            SELECT id FROM source_requests WHERE NOT EXISTS (SELECT 1 FROM runs WHERE runs.id = source_requests.run_id)
            """),
        ("requests stored for a run still running", """
            SELECT DISTINCT r.id FROM runs r JOIN source_requests q ON q.run_id = r.id WHERE r.status = 'running'
            """),
        ("a watchlist not ranked 1...n", """
            SELECT COUNT(*) FROM watchlist HAVING COUNT(*) > 0 AND (MIN(rank) <> 1 OR MAX(rank) <> COUNT(*))
            """),
    ]

    /// Everything wrong with the file, one line each; empty when it is sound.
    /// (Reads run off the cooperative pool: another process may be holding the file.)
    static func problems(_ url: URL) async throws -> [String] {
        try await Blocking.run { try reader(url).read { db in
            var found: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { found.append("integrity_check: \(integrity.joined(separator: "; "))") }
            let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            if !foreign.isEmpty { found.append("foreign_key_check: \(foreign.count) rows") }
            for rule in rules {
                let offenders = try String.fetchAll(db, sql: rule.sql)
                if !offenders.isEmpty { found.append("\(rule.name): \(offenders.prefix(5).joined(separator: ", "))") }
            }
            return found
        } }
    }

    /// Runs left `running` (their process died and no later run of the stage closed them yet).
    static func runningRuns(_ url: URL) async throws -> [RunRecord] {
        try await Blocking.run { try reader(url).read { try RunRecord.filter(Column("status") == "running").fetchAll($0) } }
    }

    /// Every row of every table as text, for "this string is stored nowhere".
    static func dump(_ url: URL) async throws -> String {
        try await Blocking.run { try reader(url).read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)") {
                    out += table + ": " + row.description + "\n"
                }
            }
            return out
        } }
    }

    /// Rows that earlier runs stored, as they must stay (rewards may only go from pending to measured).
    struct Snapshot: Equatable, @unchecked Sendable {
        var observations: [Row]
        var signals: [Row]
        var rewards: [Row]
        var runs: [Row]

        static func take(_ url: URL) async throws -> Snapshot {
            try await Blocking.run { try reader(url).read { db in
                Snapshot(
                    observations: try Row.fetchAll(db, sql: "SELECT * FROM observations ORDER BY id"),
                    signals: try Row.fetchAll(db, sql: """
                        SELECT id, timestamp, chain_id, pair_address, pair_symbol, cex_symbol, signal_type, dex_price, cex_price,
                          spread, run_id FROM signals ORDER BY id
                        """),
                    rewards: try Row.fetchAll(db, sql: "SELECT * FROM signals WHERE reward_status <> 'pending' ORDER BY id"),
                    runs: try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE status <> 'running' ORDER BY id"))
            } }
        }

        /// What of `self` is missing or changed in `later` (empty: nothing lost).
        func lost(in later: Snapshot) -> [String] {
            func missing(_ name: String, _ before: [Row], _ after: [Row]) -> String? {
                let gone = before.filter { !after.contains($0) }
                return gone.isEmpty ? nil : "\(name): \(gone.count) rows lost or changed, first \(gone[0])"
            }
            return [missing("observations", observations, later.observations), missing("signals", signals, later.signals),
                    missing("rewards", rewards, later.rewards), missing("finished runs", runs, later.runs)].compactMap { $0 }
        }
    }
}
