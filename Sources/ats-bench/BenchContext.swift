import ATSCore
import ATSSimulation
import Foundation

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

/// One measured child run against the simulated market.
struct Sample {
    var seconds: Double
    var requests: Int
    var peakBytes: Int
    /// The child process's CPU time (its whole life, start-up included).
    var cpuSeconds: Double
    var summary: String
}

/// What every scenario needs: where to put folders, which programs to run, the injected latency.
struct BenchContext {
    /// `.bench/` (ignored by git): scenario folders and cached report databases.
    let work: URL
    /// This program, started again as `ats-bench child ...` for each measured step.
    let harness: String
    /// The release `ats` binary (start-up is measured on the real command).
    let ats: String
    let latencyMs: Int
    let repeats: Int
    let quick: Bool

    var latencySeconds: Double { Double(latencyMs) / 1000 }

    func folder(_ name: String) -> URL { work.appendingPathComponent(name, isDirectory: true) }

    /// A fresh folder whose config points every source at `market`, both verifiers on
    /// (as `ats simulate --write-config` writes it).
    func workspace(_ name: String, market: SimulatedMarket) throws -> Workspace {
        try Workspace.fresh(folder(name)) { values in
            market.configure(&values)
            values.verifiers.binance.enabled = true
        }
    }

    /// Runs one step in a child process and returns its own report.
    func child(_ step: ChildCommand.Step, _ workspace: Workspace, _ extra: [String] = []) async throws -> (ChildRun, ChildReport) {
        let run = try await ChildProcess.run(harness, ["child", step.rawValue, "--config", workspace.configPath] + extra)
        guard run.succeeded, let line = run.stdout.split(separator: "\n").last,
              let report = try? JSONDecoder().decode(ChildReport.self, from: Data(line.utf8))
        else {
            throw BenchError(description: "\(step.rawValue) in \(workspace.folder.path) failed: \(run.failureDescription)")
        }
        return (run, report)
    }

    /// Runs a stage step that must succeed cleanly, counting the requests the market received.
    func sample(_ step: ChildCommand.Step, _ workspace: Workspace, market: SimulatedMarket) async throws -> Sample {
        await market.resetRequestLog()
        let (run, report) = try await child(step, workspace)
        guard report.exit == 0, report.status == "ok" else {
            throw BenchError(description: "\(step.rawValue) did not run cleanly (\(report.status), exit \(report.exit)): \(report.summary)")
        }
        return Sample(seconds: report.seconds, requests: await market.requestCount(), peakBytes: report.peakBytes,
                      cpuSeconds: run.cpuSeconds, summary: report.summary)
    }

    func progress(_ line: String) {
        FileHandle.standardError.write(Data("ats-bench: \(line)\n".utf8))
    }
}
