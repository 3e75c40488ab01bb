import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// `ats simulate` as a user runs it: serve, write a config that points at it, stop on SIGTERM.
@Suite struct SimulateCommandTests {
    @Test func itServesTheConfigItWritesAndStopsCleanlyOnSIGTERM() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("try/ats.yaml")
        let process = Process()
        process.executableURL = ATSProcess.executable
        process.arguments = ["simulate", "--port", "0", "--write-config", config.path]
        let output = directory.file("simulate.out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        for _ in 0..<200 where !(try String(contentsOf: output, encoding: .utf8)).contains("press Ctrl-C") {
            try await Task.sleep(for: .milliseconds(25))
        }
        let loaded = try ConfigLoader.load(file: config)
        let client = SourceClient(
            source: "mexc", baseURL: loaded.values.exchange.mexc.baseURL, transport: LiveHTTPTransport(),
            policy: RequestPolicy(timeout: 5, retries: 0), recorder: RequestRecorder(stage: .poll))
        let listing = try await MEXCAPI(client: client).exchangeInfo()
        #expect(!listing.symbols.isEmpty)

        process.terminate()  // SIGTERM
        await Blocking.wait(for: process)
        #expect(process.terminationStatus == 0)
        let printed = try String(contentsOf: output, encoding: .utf8)
        #expect(printed.hasSuffix("stopped\n"))
        #expect(printed.contains("simulated market (seed 1) serving on http://127.0.0.1:"))
    }
}
