import Foundation

/// `ats report`: reads the database's aggregates and writes one self-contained
/// HTML page, atomically, so a web server never serves half of it.
public enum ReportStage {
    /// `output` (from `--output`) replaces `report.output` when given.
    public static func run(config: LoadedConfig, environment: StageEnvironment, output: URL? = nil) async -> StageRunner.Outcome {
        let target = output ?? config.reportOutputURL
        return await StageRunner.run(.report, config: config, environment: environment) { context in
            context.console.progress("report: reading \(config.databaseURL.path)")
            var data = try ReportData.read(
                from: context.database, now: context.now(), latestSignals: context.values.report.latestSignals,
                feePct: context.values.reward.feePct, minSpreadPct: context.values.signal.minSpreadPct,
                excludingRun: context.runID)
            let coinGecko = context.values.verifiers.coingecko
            data.budget = try context.database.budgetState(at: context.environment.budgetClock(), coinGeckoPlan: coinGecko.plan,
                                                           monthlyCredits: coinGecko.monthlyCredits)
            let html = Data(try ReportRenderer.html(data, config: context.config).utf8)
            try AtomicFile.write(html, to: target)
            return StageResult(
                status: .ok,
                summary: "report: wrote \(target.path) (\(data.signals.total) signals, \(html.count / 1024) KB)",
                counts: ["signals": data.signals.total, "analyzed": data.signals.analyzed, "bytes": html.count])
        }
    }
}
