import Foundation

/// One line of the results table.
struct ResultRow {
    var scenario: String
    var size: String
    var requests: Int?
    var seconds: Double?
    var peakBytes: Int?
    var note: String = ""
}

enum Verdict: String {
    case pass = "PASS", fail = "FAIL", skipped = "SKIP"
}

/// A documented target (docs/benchmarks.md) and what this run measured against it.
struct TargetCheck {
    var target: String
    var limit: String
    var measured: String
    var verdict: Verdict
}

/// Everything one `ats-bench run` measured, printed as Markdown tables (readable on a
/// terminal, pasteable into docs/benchmarks.md).
struct BenchResults {
    var rows: [ResultRow] = []
    var checks: [TargetCheck] = []

    var failed: [TargetCheck] { checks.filter { $0.verdict == .fail } }

    func table() -> String {
        var lines = ["| scenario | size | requests | wall time | peak RSS | note |", "|---|---|--:|--:|--:|---|"]
        for row in rows {
            lines.append("| \(row.scenario) | \(row.size) | \(row.requests.map(String.init) ?? "–") | "
                + "\(row.seconds.map(Self.time) ?? "–") | \(row.peakBytes.map(Self.megabytes) ?? "–") | \(row.note) |")
        }
        lines += ["", "| target | limit | measured | verdict |", "|---|---|---|---|"]
        for check in checks {
            lines.append("| \(check.target) | \(check.limit) | \(check.measured) | \(check.verdict.rawValue) |")
        }
        let passed = checks.filter { $0.verdict == .pass }.count
        let skipped = checks.filter { $0.verdict == .skipped }.count
        lines += ["", "\(passed) of \(checks.count) targets met" + (skipped > 0 ? ", \(skipped) skipped" : "")
            + (failed.isEmpty ? "" : "; FAILED: " + failed.map(\.target).joined(separator: ", "))]
        return lines.joined(separator: "\n")
    }

    static func time(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.0f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.0f MB", Double(bytes) / 1_048_576)
    }
}

extension Array where Element == Double {
    /// The value at `fraction` of the sorted samples (nearest rank): 0.5 is the median.
    func percentile(_ fraction: Double) -> Double {
        guard !isEmpty else { return .nan }
        let sorted = self.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))]
    }

    var median: Double { percentile(0.5) }
}
