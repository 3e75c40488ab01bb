#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Set when the process is asked to stop (SIGTERM from systemd or kill, SIGINT from
/// Ctrl-C). Stages with natural checkpoints (between poll bursts, between reward
/// symbols) finish the step in hand, store it and return; the runner cancels whatever
/// is still running after a grace period.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var signalName: String?
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0

    public init() {}

    /// The signal that asked to stop, if any.
    public var reason: String? { lock.withLock { signalName } }
    public var isRequested: Bool { reason != nil }

    public func request(_ name: String) {
        let resumed: [CheckedContinuation<Void, Never>] = lock.withLock {
            guard signalName == nil else { return [] }
            signalName = name
            defer { waiters = [:] }
            return Array(waiters.values)
        }
        resumed.forEach { $0.resume() }
    }

    /// Returns once a stop is requested, or when the waiting task is cancelled
    /// (`ats simulate` serves until then).
    public func wait() async {
        let id: Int = lock.withLock {
            nextWaiter += 1
            return nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = lock.withLock {
                    if signalName != nil || Task.isCancelled { return true }
                    waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = lock.withLock { waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }

    /// Sleeps until `deadline`, waking early if a stop is requested.
    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await Task.sleep(until: deadline, clock: .continuous) }
            group.addTask { await self.wait() }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Routes SIGTERM and SIGINT to `request` (the CLI calls this once).
    public func trapSignals() {
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request(name) }
            source.resume()
            Self.sources.withLock { $0.append(source) }
        }
    }

    private static let sources = Mutex<[any DispatchSourceSignal]>([])
}

/// A tiny lock-protected box (the standard library's Mutex needs macOS 15 / newer runtimes).
final class Mutex<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.withLock { body(&value) }
    }
}

public struct Interrupted: OperatorFacingError {
    public let signal: String
    public var exitStatus: ExitStatus { .failure }
    public var description: String { "stopped by \(signal) before the run finished; what was stored stays stored" }
}
