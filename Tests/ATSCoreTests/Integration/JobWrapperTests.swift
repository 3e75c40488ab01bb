import Foundation
import Testing
@testable import ATSCore

/// The POSIX wrappers in jobs/, run for real with `sh`.
@Suite struct JobWrapperTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let wrappers = ["run-stage", "scan", "poll", "notify", "reward", "report", "prune"]

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var log: String
    }

    /// Runs jobs/<stage> with a fake `ats` that prints `output` and exits `code`.
    func run(_ stage: String, fakeExit code: Int32, output: String = "", directory: TemporaryDirectory) async throws -> Result {
        let fake = directory.file("fake-ats")
        try "#!/bin/sh\necho \"args: $*\"\nprintf '%s' '\(output)' >&2\nexit \(code)\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        return try await runWrapper(stage, environment: ["ATS_BIN": fake.path], directory: directory)
    }

    func runWrapper(_ stage: String, arguments: [String] = [], environment: [String: String], directory: TemporaryDirectory) async throws -> Result {
        try await Blocking.run { try self.runWrapperBlocking(stage, arguments: arguments, environment: environment, directory: directory) }
    }

    func runWrapperBlocking(_ stage: String, arguments: [String], environment: [String: String], directory: TemporaryDirectory) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [Self.repository.appendingPathComponent("jobs/\(stage)").path] + arguments
        process.environment = ["PATH": "/usr/bin:/bin", "ATS_CONFIG": directory.file("ats.yaml").path,
                               "ATS_LOG_DIR": directory.file("logs").path].merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let logName = stage == "run-stage" ? arguments.first ?? "" : stage
        let log = (try? String(contentsOf: directory.file("logs/\(logName).log"), encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr, log: log)
    }

    @Test(arguments: wrappers)
    func everyWrapperIsValidPOSIXShell(_ name: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-n", Self.repository.appendingPathComponent("jobs/\(name)").path]
        try process.run()
        await Blocking.wait(for: process)
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.isExecutableFile(atPath: Self.repository.appendingPathComponent("jobs/\(name)").path))
    }

    @Test func anOverlapIsAQuietSkipThatIsStillLogged() async throws {
        let directory = try TemporaryDirectory()
        let result = try await run("poll", fakeExit: 75, output: "error: another `ats poll` is running (pid 9); nothing done", directory: directory)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(result.log.contains("poll["))
        #expect(result.log.contains("another `ats poll` is running"))
        #expect(result.log.contains("exit 75"))
    }

    @Test func aRealFailureReachesCronMailWithItsExitCode() async throws {
        let directory = try TemporaryDirectory()
        let result = try await run("scan", fakeExit: 69, output: "error: scan: no scanner could be reached", directory: directory)
        #expect(result.status == 69)
        #expect(result.stderr.contains("error: scan: no scanner could be reached"))
        #expect(result.log.contains("exit 69"))
    }

    @Test func successIsSilentAndTimestampedInTheLog() async throws {
        let directory = try TemporaryDirectory()
        let result = try await run("reward", fakeExit: 0, directory: directory)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let first = try #require(result.log.split(separator: "\n").first)
        #expect(first.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ reward\[\d+\] args: reward$"#, options: .regularExpression) != nil)
    }

    @Test func argumentsPassThroughAndPruneKeepsThirtyDaysByDefault() async throws {
        let directory = try TemporaryDirectory()
        #expect(try await run("prune", fakeExit: 0, directory: directory).log.contains("args: prune --older-than 30"))
        #expect(try await runWrapper("run-stage", arguments: ["poll", "--bursts", "5"], environment: ["ATS_BIN": "/bin/echo"], directory: directory)
            .log.contains("poll --bursts 5"))
    }

    @Test func theRealBinaryUnderTheWrapperReportsABadConfig() async throws {
        let directory = try TemporaryDirectory()
        try "watchlist:\n  size: 0\n".write(to: directory.file("ats.yaml"), atomically: true, encoding: .utf8)
        let result = try await runWrapper("scan", environment: ["ATS_BIN": ATSProcess.executable.path], directory: directory)
        #expect(result.status == 78)
        #expect(result.stderr.contains("watchlist.size must be at least 1"))
    }
}
