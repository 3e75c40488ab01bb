import ArgumentParser
import ATSCore
import Foundation

struct RewardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reward", abstract: "Measure the signals whose reward window has closed, on MEXC 1-minute candles.")

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Compute the rewards due at this time instead of now (ISO 8601 with a zone, e.g. 2025-06-01T12:00:00Z).",
        valueName: "time"))
    var asOf: String?

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        var asOfDate: Date?
        if let asOf {
            guard let date = AsOfTime.parse(asOf) else {
                options.console.error(AsOfTime.problem(asOf))
                throw ExitCode(.usage)
            }
            asOfDate = date
        }
        let config = try options.loadConfig()
        let outcome = await RewardStage.run(config: config, environment: options.environment(), asOf: asOfDate)
        if outcome.exit != .ok { throw ExitCode(outcome.exit) }
    }
}
