import Foundation

/// What `ats status` prints: the watchlist, pending rewards, the last run of each
/// stage, source health and the top exclusion reasons. Text from APIs is made
/// safe for a terminal line.
public enum StatusReport {
    public static func lines(database: AppDatabase, now: Date) throws -> [String] {
        var out: [String] = [BuildInfo.description, ""]
        let watchlist = try database.watchlist()
        let scannedAt = watchlist.first.map { " (scanned \($0.scannedAt.iso8601))" } ?? ""
        out.append("Watchlist: \(watchlist.count) pairs\(scannedAt)")
        if watchlist.isEmpty {
            out.append("  (empty: run `ats scan`)")
        } else {
            out += table([["#", "SYMBOL", "CHAIN", "SCORE", "CONF", "SOURCES", "PAIR"]] + watchlist.map {
                [String($0.rank), $0.cexSymbol.singleLine(limit: 20), $0.chainId.singleLine(limit: 20), Format.printf($0.finalScore, decimals: 1),
                 String($0.confirmations), $0.sources, $0.pairAddress.singleLine(limit: 48)]
            })
        }
        let rewards = try database.pendingRewards()
        out.append("")
        out.append("Pending rewards: \(rewards.count)" + (rewards.oldest.map { " (oldest signal \($0.iso8601))" } ?? ""))
        out.append("")
        out.append("Last runs:")
        var runs: [[String]] = [["STAGE", "STATUS", "STARTED", "TOOK", "SUMMARY"]]
        for stage in Stage.scheduled {
            guard let run = try database.lastRuns(stage: stage, limit: 1).first else {
                runs.append([stage.rawValue, "never", "", "", ""])
                continue
            }
            let took = run.finishedAt.map { Format.printf($0.timeIntervalSince(run.startedAt), decimals: 1) + "s" } ?? ""
            runs.append([stage.rawValue, run.status.rawValue, run.startedAt.iso8601, took, run.summary.singleLine(limit: 100)])
        }
        out += table(runs)
        out.append("")
        out.append("Source health (last 24 h):")
        let health = try database.sourceHealth(since: now.addingTimeInterval(-24 * 3600)).map {
            [$0.source, String($0.requests), String($0.errors), Format.printf($0.medianLatencyMs, decimals: 0),
             String($0.maxLatencyMs), ($0.lastError ?? "").singleLine(limit: 80)]
        }
        out += health.isEmpty ? ["  (no requests recorded)"] : table([["SOURCE", "REQUESTS", "ERRORS", "MEDIAN MS", "MAX MS", "LAST ERROR"]] + health)
        out.append("")
        out.append("Top exclusion reasons (latest scan):")
        let reasons = try database.latestExclusionReasons(limit: 8)
        out += reasons.isEmpty ? ["  (none recorded)"] : table(reasons.map { [$0.reason, String($0.count)] })
        return out
    }

    /// Left-aligned columns, two spaces apart, indented by two.
    static func table(_ rows: [[String]]) -> [String] {
        guard let width = rows.map(\.count).max() else { return [] }
        let widths = (0..<width).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
