import ArgumentParser
import ATSCore
import ATSSimulation
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run every stage offline against the built-in simulated market, and write a report.")

    @Option(help: "Folder for the demo's config, database and report (default: a new ./ats-demo-<time> folder).")
    var dir: String?

    @Option(help: "Seed of the simulated market.")
    var seed: UInt64 = 1

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = options.console
        let folder = URL(fileURLWithPath: ((dir ?? Self.defaultFolderName()) as NSString).expandingTildeInPath).standardizedFileURL
        do {
            let summary = try await DemoRun.run(folder: folder, seed: seed, console: console)
            DemoRun.lines(summary).forEach(console.output)
            if !summary.failedStages.isEmpty { throw ExitCode(.failure) }
        } catch let error as any OperatorFacingError {
            console.error(error.description)
            throw ExitCode(error.exitStatus)
        }
    }

    static func defaultFolderName() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "ats-demo-" + formatter.string(from: Date())
    }
}
