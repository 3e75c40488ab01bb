import ATSCore
import ATSSimulation
import Foundation

/// What cron pays every minute before any work: from `posix_spawn` of the release `ats`
/// to the first TCP connection of `ats poll` (config loaded, database opened and migrated,
/// lock taken, run row written, watchlist read). Also the whole process of a poll with an
/// empty watchlist, which makes no request at all.
enum StartupBench {
    static let maxMedianSeconds = 0.050

    static func run(_ bench: BenchContext, runs: Int, into results: inout BenchResults) async throws {
        let listener = try ConnectionStamps()
        defer { listener.stop() }
        let workspace = try Workspace.fresh(bench.folder("startup")) { values in
            let base = listener.baseURL
            values.scanners.dexscreener.baseURL = base + "/dexscreener"
            values.scanners.geckoterminal.baseURL = base + "/geckoterminal"
            values.exchange.mexc.baseURL = base + "/mexc"
            values.verifiers.coingecko.baseURL = base + "/coingecko"
            values.http.retries = 0
        }
        // One pair, so the burst makes requests; its addresses need not exist anywhere.
        try workspace.fillWatchlist(SimulatedMarketModel(seed: 1, extraPairs: 1).pairs.filter { $0.scenario == .filler })
        let empty = try Workspace.fresh(bench.folder("startup-empty")) { _ in }
        try empty.fillWatchlist([])

        var toFirstRequest: [Double] = []
        var emptyPoll: [Double] = []
        var peak = 0
        // The first of each is a warm-up (binary and libraries into the page cache), not counted.
        for attempt in 0...runs {
            bench.progress("start-up, run \(attempt) of \(runs)\(attempt == 0 ? " (warm-up)" : "")")
            let run = try await ChildProcess.run(bench.ats, ["poll", "--config", workspace.configPath, "-q"])
            guard let connected = listener.first(after: run.spawnedAt) else {
                throw BenchError(description: "ats poll made no request (\(run.failureDescription))")
            }
            let quiet = try await ChildProcess.run(bench.ats, ["poll", "--config", empty.configPath, "-q"])
            guard quiet.succeeded else { throw BenchError(description: "ats poll with an empty watchlist failed: \(quiet.failureDescription)") }
            if attempt > 0 {
                toFirstRequest.append(run.spawnedAt.duration(to: connected).seconds)
                emptyPoll.append(quiet.wallSeconds)
                peak = max(peak, run.maxRSSBytes, quiet.maxRSSBytes)
            }
        }
        for (scenario, samples) in [("start-up: process start → first request", toFirstRequest),
                                    ("start-up: `ats poll`, empty watchlist, whole process", emptyPoll)] {
            results.rows.append(ResultRow(
                scenario: scenario, size: "\(samples.count) runs", requests: nil, seconds: samples.median, peakBytes: peak,
                note: "p90 " + BenchResults.time(samples.percentile(0.9))))
        }
        let median = toFirstRequest.median
        results.checks.append(TargetCheck(
            target: "start-up (median of \(runs), release binary)", limit: "< \(BenchResults.time(maxMedianSeconds))",
            measured: BenchResults.time(median) + ", p90 " + BenchResults.time(toFirstRequest.percentile(0.9)),
            verdict: median < maxMedianSeconds ? .pass : .fail))
    }
}
