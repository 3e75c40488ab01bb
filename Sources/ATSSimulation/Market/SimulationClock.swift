import ATSCore
import Foundation

/// A clock that runs with real time from a chosen start and can be moved forward,
/// so the demo can poll "now" and then reward "17 minutes later" against the same
/// market: hand `now` to both the market and the stages' environment.
public final class SimulationClock: Sendable {
    private let state: LockedOffset

    /// `frozen`: time stands still except through `advance` (tests).
    public init(start: Date = Date(), frozen: Bool = false) {
        state = LockedOffset(start: start, frozen: frozen)
    }

    public var now: Now { { [state] in state.read() } }

    public func advance(by seconds: TimeInterval) {
        state.advance(seconds)
    }

    private final class LockedOffset: @unchecked Sendable {
        private let lock = NSLock()
        private let frozen: Bool
        private let startedAt = ContinuousClock.now
        private let start: Date
        private var offset: TimeInterval = 0

        init(start: Date, frozen: Bool) {
            self.start = start
            self.frozen = frozen
        }

        func read() -> Date {
            let elapsed = frozen ? 0 : Self.seconds(startedAt.duration(to: .now))
            return lock.withLock { start.addingTimeInterval(elapsed + offset) }
        }

        func advance(_ seconds: TimeInterval) {
            lock.withLock { offset += seconds }
        }

        static func seconds(_ duration: Duration) -> TimeInterval {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}
