import ArgumentParser
import ATSCore

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Refresh the watchlist from the DEX scanners.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let config = try options.loadConfig()
        let outcome = await ScanStage.run(config: config, environment: options.environment())
        if outcome.exit != .ok { throw ExitCode(outcome.exit) }
    }
}
