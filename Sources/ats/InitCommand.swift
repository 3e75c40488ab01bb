import ArgumentParser
import ATSCore
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented default config.")

    @Flag(help: "Overwrite an existing file.")
    var force = false

    @Argument(help: "Where to write it (default: --config, $ATS_CONFIG, else ./ats.yaml).")
    var path: String?

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let file = ConfigLoader.locate(explicit: path ?? options.config)
        do {
            try DefaultConfigFile.write(to: file, force: force)
        } catch let error as ConfigError {
            options.console.error(error.description)
            throw ExitCode(error.exitStatus)
        }
        options.console.output("wrote \(file.path)")
    }
}
