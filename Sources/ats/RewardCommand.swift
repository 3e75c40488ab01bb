import ArgumentParser
import ATSCore
import Foundation

struct RewardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reward", abstract: "Measure the signals whose reward window has closed, on MEXC 1-minute candles.")

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Compute the rewards due at this time instead of now (ISO 8601 with a zone, e.g. 2025-06-01T12:00:00Z).",
        valueName: "time"), transform: Self.time)
    var asOf: Date?

    @OptionGroup var options: GlobalOptions

    /// An unreadable TIME is a command-line error (64) with the one line that says how to write it.
    static func time(_ text: String) throws -> Date {
        guard let date = AsOfTime.parse(text) else { throw ValidationError(AsOfTime.problem(text)) }
        return date
    }

    func run() async throws {
        let config = try options.loadConfig()
        let outcome = await RewardStage.run(config: config, environment: options.environment(), asOf: asOf)
        if outcome.exit != .ok { throw ExitCode(outcome.exit) }
    }
}
