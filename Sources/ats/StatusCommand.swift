import ArgumentParser
import ATSCore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the watchlist, pending rewards, the last run of each stage and source health.",
        discussion: "--json prints one JSON document instead (its keys: README, \"ats status --json\").")

    @Flag(name: .long, help: "Print one JSON document (for scripts and monitoring).")
    var json = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let config = try options.loadConfig()
        let console = options.console
        let exit = StageRunner.read(config: config, console: console) { database in
            let now = Clocks.system()
            if json {
                console.output(try StatusDocument.read(database: database, now: now).json())
            } else {
                try StatusReport.lines(database: database, now: now).forEach(console.output)
            }
        }
        if exit != .ok { throw ExitCode(exit) }
    }
}
