import Foundation
import GRDB

/// The Prometheus textfile-collector file (`metrics.textfile`). Every stage rewrites
/// the whole file from the database when it finishes, atomically (temporary file +
/// rename), so concurrent stages never leave a half-written or partial file.
public enum MetricsTextfile {
    public static let stages = ["scan", "poll", "reward", "report", "prune"]

    public static func write(database: AppDatabase, to url: URL, now: Date) throws {
        let text = try render(database: database, now: now)
        try AtomicFile.write(Data(text.utf8), to: url)
    }

    public static func render(database: AppDatabase, now: Date) throws -> String {
        var out = MetricsWriter()
        try database.reader.read { db in
            let last = try Row.fetchAll(db, sql: """
                SELECT stage, started_at, finished_at, status, counts FROM runs
                WHERE id IN (SELECT MAX(id) FROM runs WHERE status NOT IN ('running', 'skipped') GROUP BY stage)
                """)
            let success = try Row.fetchAll(db, sql: """
                SELECT stage, MAX(finished_at) AS at FROM runs WHERE status IN ('ok', 'partial') GROUP BY stage
                """)
            out.header("ats_stage_last_run_timestamp_seconds", "When the stage's last finished run ended.")
            for row in last { out.sample("ats_stage_last_run_timestamp_seconds", ["stage": row["stage"]], seconds(row["finished_at"])) }
            out.header("ats_stage_last_success_timestamp_seconds", "When the stage last ended ok or partial; alert when this stops moving.")
            for row in success { out.sample("ats_stage_last_success_timestamp_seconds", ["stage": row["stage"]], seconds(row["at"])) }
            out.header("ats_stage_last_duration_seconds", "How long the stage's last finished run took.")
            for row in last {
                let started: Date = row["started_at"]
                let finished: Date? = row["finished_at"]
                out.sample("ats_stage_last_duration_seconds", ["stage": row["stage"]], (finished ?? started).timeIntervalSince(started))
            }
            out.header("ats_stage_last_status", "1 for the status of the stage's last finished run.")
            for row in last {
                for status in [RunStatus.ok, .partial, .failed] {
                    out.sample("ats_stage_last_status", ["stage": row["stage"], "status": status.rawValue], (row["status"] as String) == status.rawValue ? 1 : 0)
                }
            }
            out.header("ats_stage_last_count", "Counts of the stage's last finished run (pairs, signals, errors...).")
            for row in last {
                for (name, value) in AppDatabase.decodeCounts(row["counts"]).sorted(by: { $0.key < $1.key }) {
                    out.sample("ats_stage_last_count", ["stage": row["stage"], "name": name], Double(value))
                }
            }
            let since = now.addingTimeInterval(-3600)
            let sources = try Row.fetchAll(db, sql: """
                SELECT source, COUNT(*) AS n, SUM(NOT ok) AS errors, AVG(latency_ms) AS latency
                FROM source_requests WHERE requested_at >= ? GROUP BY source ORDER BY source
                """, arguments: [since])
            out.header("ats_source_requests_last_hour", "HTTP requests per source in the last hour.")
            for row in sources { out.sample("ats_source_requests_last_hour", ["source": row["source"]], row["n"]) }
            out.header("ats_source_errors_last_hour", "Failed HTTP requests per source in the last hour.")
            for row in sources { out.sample("ats_source_errors_last_hour", ["source": row["source"]], row["errors"]) }
            out.header("ats_source_latency_avg_ms_last_hour", "Average request latency per source in the last hour.")
            for row in sources { out.sample("ats_source_latency_avg_ms_last_hour", ["source": row["source"]], row["latency"]) }
            out.header("ats_signals", "Signals stored, by reward status.")
            for row in try Row.fetchAll(db, sql: "SELECT reward_status, COUNT(*) AS n FROM signals GROUP BY reward_status") {
                out.sample("ats_signals", ["reward_status": row["reward_status"]], row["n"])
            }
            out.header("ats_watchlist_pairs", "Pairs on the watchlist.")
            out.sample("ats_watchlist_pairs", [:], try Double(WatchlistEntry.fetchCount(db)))
        }
        return out.text
    }

    private static func seconds(_ date: Date?) -> Double { date?.timeIntervalSince1970 ?? 0 }
}

/// Prometheus text exposition format, with label values escaped.
struct MetricsWriter {
    private(set) var text = ""

    mutating func header(_ name: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
    }

    mutating func sample(_ name: String, _ labels: [String: String], _ value: Double) {
        let rendered = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Self.escape($0.value))\"" }
        let number = value.isFinite ? (value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)) : "NaN"
        text += name + (rendered.isEmpty ? "" : "{" + rendered.joined(separator: ",") + "}") + " " + number + "\n"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
