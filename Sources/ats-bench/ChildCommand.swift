import ArgumentParser
import ATSCore
import Foundation

/// What a scenario's child process prints on its one line of stdout.
struct ChildReport: Codable {
    /// Wall time of the measured call only (the stage, or the naive fetch).
    var seconds: Double
    var exit: Int32
    /// The run's status (`ok`, `partial`...): a benchmark only counts clean runs.
    var status: String
    var summary: String
    /// This process's peak resident memory (`VmHWM`), set after the step.
    var peakBytes: Int = 0
}

/// The peak resident set of this process since its `exec`, from `/proc/self/status`.
/// Not `ru_maxrss`: on Linux that also holds the high-water mark of the memory the
/// process was spawned from (the harness, which may have just filled a database), so
/// a child could report its parent's peak. `VmHWM` belongs to the image after `exec`.
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return 0 }
    return kilobytes * 1024
}

/// `ats-bench child SCENARIO --config FILE`: one measured step in its own process, so its
/// peak memory is its own. The parent prepared the folder and serves the market.
struct ChildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "child", abstract: "Run one measured step (used by `ats-bench run`).", shouldDisplay: false)

    enum Step: String, ExpressibleByArgument, CaseIterable {
        case poll, naivePoll = "naive-poll", reward, report
    }

    @Argument var step: Step
    @Option var config: String
    @Option(help: "The report's clock, seconds since 1970 (when its database was filled).")
    var now: Double?
    @Option var output: String?

    func run() async throws {
        let loaded = try ConfigLoader.load(file: URL(fileURLWithPath: config))
        var environment = StageEnvironment(console: .silent, variables: [:])
        if let now { environment.now = { Date(timeIntervalSince1970: now) } }
        var report: ChildReport
        switch step {
        case .poll:
            let (outcome, seconds) = await measure {
                await PollStage.run(bursts: 1, intervalSeconds: 0, config: loaded, environment: environment)
            }
            report = ChildReport(seconds: seconds, exit: outcome.exit.rawValue, status: outcome.status.rawValue, summary: outcome.summary)
        case .naivePoll:
            let pairs = try AppDatabase.open(at: loaded.databaseURL).watchlist()
            let poller = NaivePoller(values: loaded.values, concurrency: LiveHTTPTransport.connectionsPerHost)
            let (failed, seconds) = await measure { await poller.fetch(pairs) }
            report = ChildReport(seconds: seconds, exit: failed == 0 ? 0 : 1, status: failed == 0 ? "ok" : "partial", summary: "naive: \(pairs.count) pairs, \(failed) requests failed")
        case .reward:
            let (outcome, seconds) = await measure { await RewardStage.run(config: loaded, environment: environment) }
            report = ChildReport(seconds: seconds, exit: outcome.exit.rawValue, status: outcome.status.rawValue, summary: outcome.summary)
        case .report:
            let target = output.map { URL(fileURLWithPath: $0) }
            let (outcome, seconds) = await measure { await ReportStage.run(config: loaded, environment: environment, output: target) }
            report = ChildReport(seconds: seconds, exit: outcome.exit.rawValue, status: outcome.status.rawValue, summary: outcome.summary)
        }
        report.peakBytes = peakResidentBytes()
        let line = try JSONEncoder().encode(report)
        print(String(decoding: line, as: UTF8.self))
    }
}

func measure<T>(_ work: () async throws -> T) async rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let value = try await work()
    return (value, start.duration(to: .now).seconds)
}
