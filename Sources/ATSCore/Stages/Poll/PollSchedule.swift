import Foundation

/// `--bursts N --interval S`: how many polls one run makes and how far apart they start.
public struct PollSchedule: Sendable, Equatable {
    public var bursts: Int
    public var intervalSeconds: Double

    /// Command-line values override `poll.bursts` / `poll.interval_seconds`; the result
    /// must fit inside the run deadline, or the run would be cut off mid-schedule.
    public static func resolve(bursts: Int?, intervalSeconds: Double?, config: ATSConfig) throws -> PollSchedule {
        let count = bursts ?? config.poll.bursts
        let interval = intervalSeconds ?? config.poll.intervalSeconds
        if let problem = problem(bursts: count, intervalSeconds: interval) { throw problem }
        let span = Double(count - 1) * interval
        guard span < config.runDeadlineSeconds else {
            throw PollUsageError.longerThanDeadline(bursts: count, interval: interval, deadline: config.runDeadlineSeconds)
        }
        return PollSchedule(bursts: count, intervalSeconds: interval)
    }

    /// What is wrong with the values on their own, without a config: the command line
    /// asks this in its `validate()`, so a bad `--bursts` is an argument error (64).
    public static func problem(bursts: Int?, intervalSeconds: Double?) -> PollUsageError? {
        if let bursts, bursts < 1 { return .bursts(bursts) }
        if let interval = intervalSeconds, !(interval.isFinite && interval >= 0) { return .interval(interval) }
        return nil
    }
}

public enum PollUsageError: OperatorFacingError, Equatable {
    case bursts(Int)
    case interval(Double)
    case longerThanDeadline(bursts: Int, interval: Double, deadline: Double)

    public var exitStatus: ExitStatus { .usage }

    public var description: String {
        switch self {
        case .bursts(let value):
            return "--bursts must be 1 or more (got \(value))"
        case .interval(let value):
            return "--interval must be 0 or more seconds (got \(Format.shortest(value)))"
        case .longerThanDeadline(let bursts, let interval, let deadline):
            return "\(bursts) bursts \(Format.shortest(interval))s apart need \(Format.shortest(Double(bursts - 1) * interval))s, "
                + "but run_deadline_seconds is \(Format.shortest(deadline)); use fewer bursts or a shorter interval"
        }
    }
}
