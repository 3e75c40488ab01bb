import ArgumentParser
import ATSCore

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Deliver queued notifications (signals, rewards, stage health) to the enabled channels.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let config = try options.loadConfig()
        let outcome = await NotifyStage.run(config: config, environment: options.environment())
        if outcome.exit != .ok { throw ExitCode(outcome.exit) }
    }
}
