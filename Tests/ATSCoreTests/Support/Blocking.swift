import Foundation

/// Work that blocks its thread (waiting for a child process, reading a pipe to the end)
/// runs on a GCD thread, never on Swift's cooperative pool: that pool has one thread per
/// core (two here), and the in-process simulated market needs it to answer requests.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Starts `process` and waits for it off the cooperative pool.
    static func wait(for process: Process) async {
        _ = try? await run { process.waitUntilExit() }
    }
}
