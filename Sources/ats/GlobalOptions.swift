import ArgumentParser
import ATSCore
import Foundation

/// Options every subcommand takes, written after the subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: $ATS_CONFIG, else ./ats.yaml).")
    var config: String?

    @Flag(name: [.short, .long], help: "Always print progress and details.")
    var verbose = false

    @Flag(name: [.short, .long], help: "Print errors only.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("-v and -q cannot be used together") }
    }

    var console: Console {
        Console(verbosity: quiet ? .quiet : (verbose ? .verbose : .normal))
    }

    /// Loads the config or ends the process with 78 and one line.
    func loadConfig() throws -> LoadedConfig {
        do {
            return try ConfigLoader.load(file: ConfigLoader.locate(explicit: config))
        } catch let error as ConfigError {
            console.error(error.description)
            throw ExitCode(error.exitStatus.rawValue)
        }
    }

    /// The seams of a real run: live HTTP, the system clock, the process environment.
    func environment() -> StageEnvironment {
        let stop = StopRequest()
        stop.trapSignals()
        return StageEnvironment(console: console, hardExitAfterDeadline: true, stop: stop)
    }
}

extension ExitCode {
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
