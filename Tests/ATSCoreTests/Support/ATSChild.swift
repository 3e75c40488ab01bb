import Foundation
import Testing
@testable import ATSCore

/// A running `ats` process as cron starts it (no terminal), that a test can signal or
/// kill. Output goes to files, not pipes: a killed process leaves nothing to drain, and a
/// chatty one never blocks on a full pipe.
final class ATSChild: @unchecked Sendable {
    struct Result: Sendable {
        var status: Int32
        /// True when a signal ended the process (SIGKILL), not `exit`.
        var killed: Bool
        var stdout: String
        var stderr: String
    }

    /// How the process is started beyond its arguments.
    struct Launch: Sendable {
        var environment: [String: String] = [:]
        /// Runs `ats` under `umask` (through /bin/sh, which sets it before exec).
        var umask: String?
        /// As an unprivileged user (nobody) when the tests run as root, so file
        /// permissions apply to it as they would to an operator's account.
        var unprivileged = false
    }

    let process = Process()
    private let output: TemporaryDirectory

    private init() throws {
        output = try TemporaryDirectory()
    }

    /// True when permission bits bind the test process itself (not root).
    static var permissionsBindUs: Bool { getuid() != 0 }

    static func start(_ arguments: [String], in directory: URL, _ launch: Launch = Launch()) throws -> ATSChild {
        let child = try ATSChild()
        var command = [ATSProcess.executable.path] + arguments
        if let umask = launch.umask {
            command = ["/bin/sh", "-c", "umask \(umask) && exec \"$@\"", "sh"] + command
        }
        if launch.unprivileged && getuid() == 0 {
            command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + command
        }
        child.process.executableURL = URL(fileURLWithPath: command[0])
        child.process.arguments = Array(command.dropFirst())
        child.process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["ATS_CONFIG"] = nil
        child.process.environment = environment.merging(launch.environment) { $1 }
        FileManager.default.createFile(atPath: child.output.file("out").path, contents: nil)
        FileManager.default.createFile(atPath: child.output.file("err").path, contents: nil)
        let out = try FileHandle(forWritingTo: child.output.file("out"))
        let err = try FileHandle(forWritingTo: child.output.file("err"))
        defer { try? out.close(); try? err.close() }
        child.process.standardOutput = out
        child.process.standardError = err
        child.process.standardInput = FileHandle.nullDevice
        try child.process.run()
        return child
    }

    /// Runs to the end (off the cooperative pool).
    static func run(_ arguments: [String], in directory: URL, _ launch: Launch = Launch()) async throws -> Result {
        try await start(arguments, in: directory, launch).finish()
    }

    var pid: Int32 { process.processIdentifier }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the end and reads what it wrote.
    func finish() async throws -> Result {
        await Blocking.wait(for: process)
        let out = String(decoding: (try? Data(contentsOf: output.file("out"))) ?? Data(), as: UTF8.self)
        let err = String(decoding: (try? Data(contentsOf: output.file("err"))) ?? Data(), as: UTF8.self)
        return Result(status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal, stdout: out, stderr: err)
    }
}

/// Waits, politely, for a condition the test cannot be told about (a row written by
/// another process, a request seen by the market).
func eventually(_ what: String, within seconds: Double = 30, every milliseconds: Int = 5,
                sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("timed out waiting for: \(what)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        try await Task.sleep(for: .milliseconds(milliseconds))
    }
}

/// The built `ats` executable, run to its end as cron would run it (no terminal):
/// the same child as `ATSChild`, for tests that only need its exit and output.
enum ATSProcess {
    /// `swift build` puts `ats` beside the test bundle's resources.
    static var executable: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("ats")
    }

    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) async throws -> ATSChild.Result {
        try await ATSChild.run(arguments, in: directory, ATSChild.Launch(environment: environment))
    }
}
