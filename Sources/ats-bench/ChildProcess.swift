import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A finished child process: how it ended, what it printed, and its own resource use.
struct ChildRun: Sendable {
    var exitCode: Int32
    var signal: Int32
    var stdout: String
    var stderr: String
    /// Just before `posix_spawn`: the start of "process start to first request".
    var spawnedAt: ContinuousClock.Instant
    var wallSeconds: Double
    /// `wait4`'s `ru_maxrss`: the child's own high-water mark, never another child's, but on
    /// Linux at least the harness's own peak when it was spawned (see `peakResidentBytes`).
    /// Used only for the `ats` binary, spawned while the harness is still small.
    var maxRSSBytes: Int
    /// CPU the child used (user + system): its own processing, apart from waiting on the market.
    var cpuSeconds: Double

    var succeeded: Bool { exitCode == 0 && signal == 0 }

    /// One line for an error message: how it ended and the end of what it said.
    var failureDescription: String {
        let how = signal != 0 ? "killed by signal \(signal)" : "exit \(exitCode)"
        let said = stderr.split(separator: "\n").suffix(3).joined(separator: " | ")
        return said.isEmpty ? how : "\(how): \(said)"
    }
}

struct ChildProcessError: Error, CustomStringConvertible {
    let description: String
}

/// Runs a program as a child process and measures it with `wait4`, which reports the
/// resources of that one child (`RUSAGE_CHILDREN` would be the maximum over every
/// child so far, mixing scenarios). Output goes to files, so a chatty child can never
/// block on a full pipe.
enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String]) async throws -> ChildRun {
        // wait4 blocks: keep it off the cooperative pool, which serves the simulated market.
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try runBlocking(executable, arguments) })
            }
            thread.start()
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String]) throws -> ChildRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ats-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("stdout").path
        let errPath = folder.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawnedAt = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw ChildProcessError(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw ChildProcessError(description: "wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let wall = spawnedAt.duration(to: .now)
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        let signal = status & 0x7f
        return ChildRun(
            exitCode: signal == 0 ? (status >> 8) & 0xff : -1, signal: signal,
            stdout: read(outPath), stderr: read(errPath), spawnedAt: spawnedAt,
            wallSeconds: wall.seconds, maxRSSBytes: Int(usage.ru_maxrss) * 1024,  // Linux: kilobytes
            cpuSeconds: usage.ru_utime.seconds + usage.ru_stime.seconds)
    }
}

extension timeval {
    var seconds: Double { Double(tv_sec) + Double(tv_usec) / 1e6 }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
