import ATSCore
import Foundation

/// `ats report` on 10^4, 10^5 and 10^6 signals with ten times as many observations
/// (plus the fill's fixed two days of requests and year of runs).
enum ReportBench {
    static let targetSignals = 1_000_000
    static let maxSeconds = 5.0
    static let maxPeakBytes = 200 * 1_048_576

    /// The two 10^6 targets; not measured (nil) in quick mode.
    static func checks(seconds: Double?, peak: Int?) -> [TargetCheck] {
        func verdict(_ met: Bool?) -> Verdict { met.map { $0 ? .pass : .fail } ?? .skipped }
        return [
            TargetCheck(target: "report of 10^6 signals: wall time", limit: "< \(BenchResults.time(maxSeconds))",
                        measured: seconds.map(BenchResults.time) ?? "not run (--quick)", verdict: verdict(seconds.map { $0 < maxSeconds })),
            TargetCheck(target: "report of 10^6 signals: peak RSS", limit: "< \(BenchResults.megabytes(maxPeakBytes))",
                        measured: peak.map(BenchResults.megabytes) ?? "not run (--quick)", verdict: verdict(peak.map { $0 < maxPeakBytes })),
        ]
    }

    static func sizes(quick: Bool) -> [Int] {
        quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]
    }

    static func run(_ bench: BenchContext, sqlFile: URL, into results: inout BenchResults) async throws {
        for signals in sizes(quick: bench.quick) {
            bench.progress("report, \(signals) signals: preparing the database (cached in .bench/)")
            let fill = ReportFill(sqlFile: sqlFile, signals: signals, observations: 10 * signals)
            let database = try fill.ensure(in: bench.folder("report-\(signals)"))
            var samples: [(seconds: Double, peak: Int)] = []
            for attempt in 1...bench.repeats {
                bench.progress("report, \(signals) signals (\(attempt) of \(bench.repeats))")
                let output = database.workspace.folder.appendingPathComponent("report/index.html").path
                let (_, report) = try await bench.child(
                    .report, database.workspace, ["--now", String(database.filledAt.timeIntervalSince1970), "--output", output])
                guard report.exit == 0 else { throw BenchError(description: "report failed: \(report.summary)") }
                samples.append((report.seconds, report.peakBytes))
            }
            let seconds = samples.map(\.seconds).median
            let peak = samples.map(\.peak).max() ?? 0
            let filled = database.fillSeconds.map { String(format: "filled in %.0f s", $0) } ?? "cached"
            results.rows.append(ResultRow(
                scenario: "report", size: "\(signals) signals, \(10 * signals) observations", requests: nil, seconds: seconds, peakBytes: peak,
                note: "database \(BenchResults.megabytes(database.bytes)) (\(filled)); median of \(samples.count)"))
            if signals == targetSignals { results.checks += checks(seconds: seconds, peak: peak) }
        }
        if bench.quick { results.checks += checks(seconds: nil, peak: nil) }
    }
}
