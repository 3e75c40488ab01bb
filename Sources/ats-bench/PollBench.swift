import ATSCore
import ATSSimulation
import Foundation

/// One poll burst for 10, 100 and 1000 watchlist pairs: `ats poll`'s batched burst
/// (the whole stage run: lock, fetch, evaluation, rows) against the naive poller,
/// in the same run against the same market.
enum PollBench {
    static let sizes = [10, 100, 1000]
    static let targetSize = 1000
    static let maxRequests = 40
    static let processingAllowance = 0.5
    /// Dependent round trips of a burst with would-be signals: the batched DEX and ticker
    /// answers (paced into three waves at 1000 pairs), then the contract's step 5 (one
    /// verifier request for the would-be signals) and step 6 (one `depth` each, for those
    /// still standing), which cannot start before the answers they depend on. v1 had only
    /// the first three; the 500 ms allowance for everything else is unchanged.
    static let roundTrips = 5

    /// The longest a single request of the run waited for its answer (as `source_requests` recorded it).
    static func slowestAnswer(in workspace: Workspace) throws -> Double {
        Double(try workspace.database().slowestRequestMs()) / 1000
    }

    static func run(_ bench: BenchContext, market: SimulatedMarket, into results: inout BenchResults) async throws {
        // Fillers: liquid, quiet, listed everywhere, spread over three chains; found by DexScreener.
        let fillers = market.pairs.filter { $0.scenario == .filler }
        for size in sizes {
            let pairs = Array(fillers.prefix(size))
            guard pairs.count == size else { throw BenchError(description: "the market has only \(fillers.count) filler pairs") }
            var batched: [Sample] = []
            var slowest: [Double] = []
            for attempt in 1...bench.repeats {
                bench.progress("poll burst, \(size) pairs, batched (\(attempt) of \(bench.repeats))")
                let workspace = try bench.workspace("poll-\(size)", market: market)
                try workspace.fillWatchlist(pairs)
                batched.append(try await bench.sample(.poll, workspace, market: market))
                slowest.append(try slowestAnswer(in: workspace))
            }
            bench.progress("poll burst, \(size) pairs, naive")
            let workspace = try bench.workspace("poll-\(size)-naive", market: market)
            try workspace.fillWatchlist(pairs)
            let naive = try await bench.sample(.naivePoll, workspace, market: market)

            let seconds = batched.map(\.seconds).median
            let requests = batched.map(\.requests).max() ?? 0
            results.rows.append(ResultRow(
                scenario: "poll burst, batched", size: "\(size) pairs", requests: requests, seconds: seconds,
                peakBytes: batched.map(\.peakBytes).max(),
                note: (bench.latencyMs > 0 ? String(format: "%.1f × the latency; ", seconds / bench.latencySeconds) : "")
                    + "slowest answer \(BenchResults.time(slowest.median)), process CPU \(BenchResults.time(batched.map(\.cpuSeconds).median)); "
                    + "median of \(batched.count)"))
            results.rows.append(ResultRow(
                scenario: "poll burst, naive", size: "\(size) pairs", requests: naive.requests, seconds: naive.seconds,
                peakBytes: naive.peakBytes,
                note: String(format: "%.0f× the requests, %.1f× the time; fetch only, unpaced",
                             Double(naive.requests) / Double(max(1, requests)), naive.seconds / seconds)))
            if size == targetSize {
                let limit = Double(roundTrips) * bench.latencySeconds + processingAllowance
                results.checks.append(TargetCheck(
                    target: "\(size)-pair burst: wall time", limit: "≤ \(BenchResults.time(limit)) (\(roundTrips) × \(bench.latencyMs) ms + \(BenchResults.time(processingAllowance)))",
                    measured: BenchResults.time(seconds), verdict: seconds <= limit ? .pass : .fail))
                results.checks.append(TargetCheck(
                    target: "\(size)-pair burst: requests", limit: "≤ \(maxRequests)",
                    measured: "\(requests)", verdict: requests <= maxRequests ? .pass : .fail))
            }
        }
    }
}
