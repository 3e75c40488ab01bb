import ArgumentParser
import ATSCore

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Poll every watchlist pair, verify the prices, and record observations and signals.",
        discussion: "Cron runs it every minute; --bursts and --interval fit several polls into one run (their starts SECONDS apart).")

    @Option(parsing: .unconditional, help: ArgumentHelp("Polls in this run (default: poll.bursts).", valueName: "N"))
    var bursts: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between the starts of two bursts (default: poll.interval_seconds).", valueName: "SECONDS"))
    var interval: Double?

    @OptionGroup var options: GlobalOptions

    /// What the command line alone can judge; whether the schedule fits the run
    /// deadline needs the config, so `PollSchedule.resolve` judges that (also exit 64).
    func validate() throws {
        if let problem = PollSchedule.problem(bursts: bursts, intervalSeconds: interval) {
            throw ValidationError(problem.description)
        }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let outcome = await PollStage.run(bursts: bursts, intervalSeconds: interval, config: config, environment: options.environment())
        if outcome.exit != .ok { throw ExitCode(outcome.exit) }
    }
}
