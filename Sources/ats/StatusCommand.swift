import ArgumentParser
import ATSCore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the watchlist, pending rewards, the last run of each stage and source health.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let config = try options.loadConfig()
        do {
            let database = try AppDatabase.open(at: config.databaseURL)
            for line in try StatusReport.lines(database: database, now: Clocks.system()) {
                options.console.output(line)
            }
        } catch let error as any OperatorFacingError {
            options.console.error(error.description)
            throw ExitCode(error.exitStatus)
        }
    }
}
