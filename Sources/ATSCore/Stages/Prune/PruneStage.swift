import Foundation

/// `ats prune --older-than DAYS [--signals]`: retention, safe while other stages run.
public enum PruneStage {
    public static func run(config: LoadedConfig, environment: StageEnvironment, olderThanDays days: Double, includeSignals: Bool) async -> StageRunner.Outcome {
        await StageRunner.run(.prune, config: config, environment: environment) { context in
            let cutoff = context.now().addingTimeInterval(-days * 86_400)
            context.console.progress("prune: deleting rows older than \(cutoff.iso8601)")
            let counts = try context.database.prune(olderThan: cutoff, includeSignals: includeSignals)
            let signals = includeSignals ? "\(counts.signals) signals" : "signals kept (pass --signals to prune them)"
            return StageResult(
                status: .ok,
                summary: "prune: deleted \(counts.observations) observations, \(counts.sourceRequests) request logs, \(counts.scanExclusions) scan exclusions, \(counts.runs) runs older than \(cutoff.iso8601); \(signals)",
                counts: ["observations": counts.observations, "source_requests": counts.sourceRequests,
                         "scan_exclusions": counts.scanExclusions, "runs": counts.runs, "signals": counts.signals])
        }
    }
}
