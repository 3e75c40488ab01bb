import ArgumentParser
import ATSCore

struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete old observations and run logs (and, with --signals, old signals). Safe while other stages run.")

    @Option(name: .customLong("older-than"), help: "Delete rows older than this many days.")
    var olderThan: Double

    @Flag(help: "Also delete signals older than that (their rewards go with them).")
    var signals = false

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard olderThan.isFinite, olderThan >= 1 else { throw ValidationError("--older-than must be at least 1 day") }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let outcome = await PruneStage.run(config: config, environment: options.environment(), olderThanDays: olderThan, includeSignals: signals)
        if outcome.exit != .ok { throw ExitCode(outcome.exit) }
    }
}
