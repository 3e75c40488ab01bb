import Foundation
@testable import ATSCore

/// A config file in a fresh folder plus the seams, for running a stage in a test.
struct TestSetup {
    let directory: TemporaryDirectory
    let config: LoadedConfig

    /// `edit` adjusts the default config (point base URLs at a stub or the simulated market).
    init(_ edit: (inout ATSConfig) -> Void = { _ in }) throws {
        directory = try TemporaryDirectory()
        var values = ATSConfig()
        edit(&values)
        config = LoadedConfig(values: values, file: directory.file("ats.yaml"))
    }

    func database() throws -> AppDatabase {
        try AppDatabase.open(at: config.databaseURL)
    }

    func environment(_ transport: any HTTPTransport, now: @escaping Now = Clocks.system) -> StageEnvironment {
        StageEnvironment(transport: transport, now: now, console: .silent, variables: [:])
    }
}
