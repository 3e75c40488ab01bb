import ArgumentParser
import ATSCore
import ATSSimulation
import Foundation

/// `ats-bench`: what a poll burst, a reward run, a report and a process start cost as the
/// watchlist and the database grow, checked against the targets in docs/benchmarks.md.
/// Not part of `swift test`: run `scripts/bench.sh` (release build, then this).
@main
struct ATSBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ats-bench",
        abstract: "Benchmark ats against the simulated market on loopback; exits 1 when a target is missed.",
        subcommands: [RunCommand.self, ChildCommand.self],
        defaultSubcommand: RunCommand.self)
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the benchmarks and print the table.")

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case startup, poll, reward, report, budget
    }

    @Flag(help: "Skip the 10^6-signal report and the week-long reward backlog.")
    var quick = false

    @Option(help: "Latency the simulated market adds to every request, in milliseconds.")
    var latencyMs = 50

    @Option(help: "Runs per poll and report scenario (the median is reported).")
    var repeats = 3

    @Option(help: "Process starts measured (after one warm-up).")
    var startupRuns = 20

    @Option(parsing: .upToNextOption, help: "Only these parts (\(Part.allCases.map(\.rawValue).joined(separator: ", "))).")
    var only: [Part] = Part.allCases

    @Option(help: "Folder for scenario databases and the cached report databases.")
    var work = ".bench"

    @Option(help: "The ats binary for start-up (default: the one beside ats-bench).")
    var ats: String?

    @Option(help: "The fill SQL shared with scripts/report-scale.sh.")
    var fillSQL = "scripts/report-fill.sql"

    func validate() throws {
        guard latencyMs >= 0, repeats >= 1, startupRuns >= 1 else {
            throw ValidationError("--latency-ms must be ≥ 0, --repeats and --startup-runs ≥ 1")
        }
    }

    func run() async throws {
        let harness = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let bench = BenchContext(
            work: URL(fileURLWithPath: work, isDirectory: true).standardizedFileURL, harness: harness,
            ats: ats ?? URL(fileURLWithPath: harness).deletingLastPathComponent().appendingPathComponent("ats").path,
            latencyMs: latencyMs, repeats: repeats, quick: quick)
        let sqlFile = URL(fileURLWithPath: fillSQL)
        if only.contains(.report), !FileManager.default.fileExists(atPath: sqlFile.path) {
            throw ValidationError("no \(fillSQL) here: run ats-bench from the repository root, or pass --fill-sql")
        }
        if only.contains(.startup), !FileManager.default.isExecutableFile(atPath: bench.ats) {
            throw ValidationError("no ats binary at \(bench.ats): build it (swift build -c release) or pass --ats")
        }
        print(Machine.describe())
        print("injected latency: \(latencyMs) ms per request\n")

        var results = BenchResults()
        var budgetTable: String?
        do {
            if only.contains(.startup) { try await StartupBench.run(bench, runs: startupRuns, into: &results) }
            if only.contains(.poll) || only.contains(.reward) {
                // Timing, not manners: the naive poller is unpaced by design, and each
                // scenario's fresh database starts with a fresh budget, so the market counts
                // without refusing (the budget scenario runs against the published limits).
                let market = try await SimulatedMarket.start(seed: 1, extraPairs: PollBench.sizes.max() ?? 0, limits: .countOnly)
                await market.setFault(.latency(milliseconds: latencyMs), on: SimulatedEndpoint.allCases)
                do {
                    if only.contains(.poll) { try await PollBench.run(bench, market: market, into: &results) }
                    if only.contains(.reward) { try await RewardBench.run(bench, market: market, into: &results) }
                } catch {
                    await market.stop()
                    throw error
                }
                await market.stop()
            }
            if only.contains(.report) { try await ReportBench.run(bench, sqlFile: sqlFile, into: &results) }
            if only.contains(.budget) { budgetTable = try await BudgetBench.run(bench) }
        } catch let error as BenchError {
            print(results.table())
            FileHandle.standardError.write(Data("ats-bench: error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        if !results.rows.isEmpty || !results.checks.isEmpty { print(results.table()) }
        if let budgetTable { print("\nbudget (requests per source for crontab.example's schedule):\n" + budgetTable) }
        print("\nload average after: \(Machine.loadAverage())")
        if !results.failed.isEmpty { throw ExitCode.failure }
    }
}

/// The machine the numbers came from.
enum Machine {
    static func describe() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let os = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }?
            .dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) ?? "unknown OS"
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), \(Int(memory.rounded())) GB RAM, \(os); "
            + "load average before: \(loadAverage())"
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }
}
