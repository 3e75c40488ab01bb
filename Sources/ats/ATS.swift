import ArgumentParser
import ATSCore

@main
struct ATS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ats",
        abstract: "Watch DEX pairs against MEXC, record price-disagreement signals, measure them, and report.",
        discussion: "Each stage is a short batch job for cron. Exit codes: 0 done, 64 bad command line, 69 no source reachable, 75 same stage already running, 78 bad config, 1 anything else.",
        version: BuildInfo.description,
        subcommands: [
            InitCommand.self,
            ScanCommand.self,
            PollCommand.self,
            RewardCommand.self,
            ReportCommand.self,
            StatusCommand.self,
            PruneCommand.self,
            SimulateCommand.self,
            DemoCommand.self,
        ]
    )
}
