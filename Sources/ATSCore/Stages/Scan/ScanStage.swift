// Being written in main (lead); replaced before anything is resolved.
public enum ScanStage {
    public static func run(config: LoadedConfig, environment: StageEnvironment) async -> StageRunner.Outcome {
        await StageRunner.run("scan", config: config, environment: environment) { _ in StageResult(status: .ok, summary: "scan: not written yet") }
    }
}
public enum StatusReport {
    public static func lines(database: AppDatabase, now: Date) throws -> [String] { [] }
}
import Foundation
