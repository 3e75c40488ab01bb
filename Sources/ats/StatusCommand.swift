import ArgumentParser
import ATSCore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the watchlist, pending rewards, the last run of each stage and source health.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let config = try options.loadConfig()
        let console = options.console
        let exit = StageRunner.read(config: config, console: console) { database in
            let coinGecko = config.values.verifiers.coingecko
            try StatusReport.lines(database: database, now: Clocks.system(), coinGecko: (coinGecko.plan, coinGecko.monthlyCredits))
                .forEach(console.output)
        }
        if exit != .ok { throw ExitCode(exit) }
    }
}
