import Foundation

/// The Prometheus textfile-collector file (`metrics.textfile`). Every stage rewrites
/// the whole file from the database when it finishes, atomically (temporary file +
/// rename), so concurrent stages never leave a half-written or partial file.
public enum MetricsTextfile {
    public static func write(database: AppDatabase, to url: URL, now: Date) throws {
        let text = try render(database: database, now: now)
        try AtomicFile.write(Data(text.utf8), to: url)
    }

    public static func render(database: AppDatabase, now: Date) throws -> String {
        var out = MetricsWriter()
        out.header("ats_build_info", "Always 1; the labels say which build wrote the file.")
        out.sample("ats_build_info", ["version": BuildInfo.version, "commit": BuildInfo.commit], 1)
        let last = try database.lastFinishedRuns()
        let success = try database.lastSuccessfulRuns()
        out.header("ats_stage_last_run_timestamp_seconds", "When the stage's last finished run ended.")
        for run in last { out.sample("ats_stage_last_run_timestamp_seconds", ["stage": run.stage.rawValue], seconds(run.finishedAt)) }
        out.header("ats_stage_last_success_timestamp_seconds", "When the stage last ended ok or partial; alert when this stops moving.")
        for (stage, at) in success { out.sample("ats_stage_last_success_timestamp_seconds", ["stage": stage.rawValue], seconds(at)) }
        out.header("ats_stage_last_duration_seconds", "How long the stage's last finished run took.")
        for run in last {
            out.sample("ats_stage_last_duration_seconds", ["stage": run.stage.rawValue], (run.finishedAt ?? run.startedAt).timeIntervalSince(run.startedAt))
        }
        out.header("ats_stage_last_status", "1 for the status of the stage's last finished run.")
        for run in last {
            for status in [RunStatus.ok, .partial, .failed] {
                out.sample("ats_stage_last_status", ["stage": run.stage.rawValue, "status": status.rawValue], run.status == status ? 1 : 0)
            }
        }
        out.header("ats_stage_last_count", "Counts of the stage's last finished run (pairs, signals, errors...).")
        for run in last {
            for (name, value) in AppDatabase.decodeCounts(run.counts).sorted(by: { $0.key < $1.key }) {
                out.sample("ats_stage_last_count", ["stage": run.stage.rawValue, "name": name], Double(value))
            }
        }
        let sources = try database.sourceActivity(since: now.addingTimeInterval(-3600))
        out.header("ats_source_requests_last_hour", "HTTP requests per source in the last hour.")
        for source in sources { out.sample("ats_source_requests_last_hour", ["source": source.source], Double(source.requests)) }
        out.header("ats_source_errors_last_hour", "Failed HTTP requests per source in the last hour.")
        for source in sources { out.sample("ats_source_errors_last_hour", ["source": source.source], Double(source.errors)) }
        out.header("ats_source_latency_avg_ms_last_hour", "Average request latency per source in the last hour.")
        for source in sources { out.sample("ats_source_latency_avg_ms_last_hour", ["source": source.source], source.averageLatencyMs) }
        out.header("ats_signals", "Signals stored, by reward status.")
        for (status, count) in try database.signalCountsByRewardStatus().sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            out.sample("ats_signals", ["reward_status": status.rawValue], Double(count))
        }
        out.header("ats_watchlist_pairs", "Pairs on the watchlist.")
        out.sample("ats_watchlist_pairs", [:], Double(try database.watchlistCount()))
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
