import ArgumentParser
import ATSCore
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write the static HTML report (atomically, for a web server to publish).")

    @Option(name: .long, help: "Where to write the page (default: report.output of the config).")
    var output: String?

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let output, output.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--output needs a file path")
        }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let target = output.map { path in
            URL(fileURLWithPath: (path as NSString).expandingTildeInPath,
                relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)).standardizedFileURL
        }
        let outcome = await ReportStage.run(config: config, environment: options.environment(), output: target)
        if outcome.exit != .ok { throw ExitCode(outcome.exit) }
    }
}
