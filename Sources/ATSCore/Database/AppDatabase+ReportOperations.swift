import Foundation
import GRDB

/// What the stages did: poll outcomes, scan exclusions, runs, source health.
extension AppDatabase {
    /// Poll outcomes since `since`, with the `reasonLimit` most frequent rejection reasons
    /// grouped by their pattern (numbers masked) so "liquidity 12000 < 50000" and
    /// "liquidity 9000 < 50000" count together.
    /// INDEXED BY: left alone, SQLite walks the whole (outcome, observed_at) index to
    /// skip a sort, which reads ten million rows to count one day's hundred thousand.
    public func pollOutcomes(since: Date, reasonLimit: Int) throws -> PollOutcomes {
        try reader.read { db in
            db.add(function: Self.reasonPatternFunction)
            let totals = try Row.fetchAll(db, sql: """
                SELECT outcome, COUNT(*) AS n FROM observations INDEXED BY observations_on_observed_at
                WHERE observed_at >= ?
                GROUP BY outcome ORDER BY n DESC, outcome
                """, arguments: [since]
            ).map { PollOutcomes.Count(outcome: $0["outcome"], count: $0["n"]) }
            // A cursor keeps the first groups and only counts the rest: memory stays bounded.
            let groups = try Row.fetchCursor(db, sql: """
                SELECT outcome, ats_reason_pattern(reason) AS pattern, COUNT(*) AS n
                FROM observations INDEXED BY observations_on_observed_at
                WHERE observed_at >= ? AND outcome <> \(PairOutcome.signal.sqlLiteral)
                GROUP BY outcome, pattern ORDER BY n DESC, outcome, pattern
                """, arguments: [since])
            var reasons: [PollOutcomes.Reason] = []
            var groupCount = 0
            while let row = try groups.next() {
                groupCount += 1
                if reasons.count < reasonLimit {
                    reasons.append(PollOutcomes.Reason(outcome: row["outcome"], reason: row["pattern"], count: row["n"]))
                }
            }
            return PollOutcomes(since: since, totals: totals, reasons: reasons, reasonGroups: groupCount)
        }
    }

    static let reasonPatternFunction = DatabaseFunction("ats_reason_pattern", argumentCount: 1, pure: true) { values in
        ReasonPattern.of(String.fromDatabaseValue(values[0]) ?? "")
    }

    /// The `limit` most frequent exclusion reasons of the latest scan that recorded any, and when it ran.
    public func latestScanExclusions(limit: Int) throws -> ScanExclusions {
        let reasons = try latestExclusionReasons(limit: limit)
        let scannedAt = try reader.read { db in
            try Date.fetchOne(db, sql: """
                SELECT MAX(scanned_at) FROM scan_exclusions WHERE run_id = (SELECT MAX(run_id) FROM scan_exclusions)
                """)
        }
        return ScanExclusions(scannedAt: scannedAt, reasons: reasons.map { ScanExclusions.Reason(reason: $0.reason, count: $0.count) })
    }

    /// The `last` runs of every stage that ever ran, stages in alphabetical order.
    /// `excluding` leaves out a run still in progress (the report writing its page).
    public func stageRuns(last count: Int, excluding runID: Int64?) throws -> [StageRuns] {
        let stages = try reader.read { db in
            try Self.distinctValues("stage", of: "runs", db)
        }
        return try stages.compactMap(Stage.init(rawValue:)).map { stage in
            let runs = try lastRuns(stage: stage, limit: count + 1).filter { $0.id != runID }
            return StageRuns(stage: stage.rawValue, runs: Array(runs.prefix(count)))
        }.filter { !$0.runs.isEmpty }
    }

    /// Requests, error rate and latency per source since `since`. Each source is
    /// read through its (source, requested_at) index range, never the whole table.
    public func sourceHealth(since: Date) throws -> [SourceHealth] {
        try reader.read { db in
            try Self.distinctValues("source", of: "source_requests", db).compactMap { source in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE NOT ok) AS errors,
                      AVG(latency_ms) AS average, MAX(latency_ms) AS maximum, MAX(requested_at) AS last
                    FROM source_requests WHERE source = ? AND requested_at >= ?
                    """, arguments: [source, since]),
                    let last: Date = row["last"]
                else { return nil }
                let count: Int = row["n"]
                return SourceHealth(
                    source: source, requests: count, errors: row["errors"],
                    medianLatencyMs: try Self.medianLatency(db, source: source, since: since, count: count),
                    averageLatencyMs: row["average"], maxLatencyMs: row["maximum"], lastRequest: last,
                    lastError: try String.fetchOne(db, sql: """
                        SELECT error FROM source_requests
                        WHERE source = ? AND requested_at >= ? AND NOT ok
                        ORDER BY requested_at DESC, id DESC LIMIT 1
                        """, arguments: [source, since]))
            }
        }
    }

    /// The distinct values of an indexed text column, in order, one index seek each
    /// (a DISTINCT reads the whole index: a year of runs or requests).
    static func distinctValues(_ column: String, of table: String, _ db: Database) throws -> [String] {
        var values: [String] = []
        while let next = try String.fetchOne(db, sql: "SELECT MIN(\(column)) FROM \(table) WHERE \(column) > ?", arguments: [values.last ?? ""]) {
            values.append(next)
        }
        return values
    }

    /// The middle latency (mean of the two middle ones for an even count).
    static func medianLatency(_ db: Database, source: String, since: Date, count: Int) throws -> Double {
        guard count > 0 else { return 0 }
        let middle = try Int.fetchAll(db, sql: """
            SELECT latency_ms FROM source_requests WHERE source = ? AND requested_at >= ?
            ORDER BY latency_ms LIMIT ? OFFSET ?
            """, arguments: [source, since, count % 2 == 0 ? 2 : 1, (count - 1) / 2])
        guard !middle.isEmpty else { return 0 }
        return Double(middle.reduce(0, +)) / Double(middle.count)
    }
}

/// A poll reason with its numbers masked, so rejections group by cause, not by value.
public enum ReasonPattern {
    public static let maxLength = 80

    /// Runs once per observation of the last day in SQL (~100 000 a report): it counts
    /// what it wrote instead of asking the string, and trims without Foundation.
    public static func of(_ reason: String) -> String {
        let characters = Array(reason.prefix(maxLength * 4))
        var out = ""
        var written = 0
        var index = 0
        while index < characters.count && written < maxLength {
            if isDigit(characters[index]) {
                // One `#` per number, decimal and thousands separators included.
                while index < characters.count, isDigit(characters[index])
                    || ((characters[index] == "." || characters[index] == ",") && index + 1 < characters.count && isDigit(characters[index + 1])) {
                    index += 1
                }
                out.append("#")
            } else {
                out.append(characters[index])
                index += 1
            }
            written += 1
        }
        let trimmed = trimmingWhitespace(out)
        return trimmed.isEmpty ? "(no reason given)" : trimmed
    }

    /// What `trimmingCharacters(in: .whitespacesAndNewlines)` returns: whitespace and
    /// newline scalars cut from both ends.
    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let spaces = CharacterSet.whitespacesAndNewlines
        guard let first = scalars.firstIndex(where: { !spaces.contains($0) }),
              let last = scalars.lastIndex(where: { !spaces.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }
}
