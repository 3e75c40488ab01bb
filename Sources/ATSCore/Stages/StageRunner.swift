import Foundation

/// Runs one stage the same way every time: open the database, take the stage's
/// lock (75 if held), open a `runs` row, race the work against the run deadline,
/// close the row, and map the outcome to product.md's exit code.
public enum StageRunner {
    public struct Outcome: Sendable, Equatable {
        public var exit: ExitStatus
        public var status: RunStatus
        public var summary: String
        public var runID: Int64?
    }

    public static func run(
        _ stage: Stage, config: LoadedConfig, environment: StageEnvironment,
        body: @escaping @Sendable (StageContext) async throws -> StageResult
    ) async -> Outcome {
        let console = environment.console
        let database: AppDatabase
        do {
            database = try openDatabase(config, environment)
        } catch {
            return fail(environment, error)
        }
        let lock: StageLock
        do {
            lock = try StageLock.acquire(stage: stage, databaseURL: config.databaseURL, now: environment.now())
        } catch let error as StageLockError {
            console.error(error.description)
            if case .held = error {
                try? database.recordSkippedRun(stage: stage, at: environment.now(), summary: error.description)
            }
            return Outcome(exit: error.exitStatus, status: .skipped, summary: error.description, runID: nil)
        } catch {
            return fail(environment, error)
        }
        defer { lock.release() }

        let runID: Int64
        do {
            runID = try database.beginRun(stage: stage, at: environment.now())
        } catch {
            return fail(environment, error)
        }
        let context = StageContext(stage: stage, config: config, database: database, environment: environment, runID: runID)
        let deadline = config.values.runDeadlineSeconds
        let watchdog = environment.hardExitAfterDeadline ? Watchdog.arm(after: deadline + 15, stage: stage, console: console) : nil
        defer { watchdog?.cancel() }

        var result: StageResult
        var failure: (any Error)?
        do {
            result = try await withDeadline(seconds: deadline, recorder: context.recorder, stop: environment.stop, stopGrace: environment.stopGraceSeconds) { try await body(context) }
        } catch {
            failure = error
            result = StageResult(status: .failed, summary: describe(error, busyTimeout: environment.databaseBusyTimeout), exit: exitStatus(for: error))
        }
        let requests = await context.recorder.allRecords()
        do {
            try database.finishRun(id: runID, status: result.status, summary: result.summary, counts: result.counts,
                                   requests: requests, at: environment.now())
        } catch {
            console.error("could not record the \(stage) run: \(describe(error, busyTimeout: environment.databaseBusyTimeout))")
            if result.exit == .ok { result.exit = .failure }
        }
        if let metrics = config.metricsURL {
            do {
                let coinGecko = config.values.verifiers.coingecko
                try MetricsTextfile.write(database: database, to: metrics, now: environment.now(), budgetNow: environment.budgetClock(),
                                          coinGecko: (coinGecko.plan, coinGecko.monthlyCredits))
            } catch {
                result.warnings.append("metrics: \(describe(error))")
            }
        }
        for warning in result.warnings { console.warning(warning) }
        if failure != nil || result.exit != .ok {
            console.error(result.summary)
        } else {
            console.progress(result.summary)
        }
        return Outcome(exit: result.exit, status: result.status, summary: result.summary, runID: runID)
    }

    /// For commands that only read (`status`): the database opened as every stage opens
    /// it, and any failure told in the same one line with the same exit code.
    public static func read(
        config: LoadedConfig, console: Console, busyTimeout: TimeInterval = AppDatabase.defaultBusyTimeout,
        _ body: (AppDatabase) throws -> Void
    ) -> ExitStatus {
        do {
            try body(try AppDatabase.open(at: config.databaseURL, busyTimeout: busyTimeout))
            return .ok
        } catch {
            return fail(console, busyTimeout, error).exit
        }
    }

    private static func openDatabase(_ config: LoadedConfig, _ environment: StageEnvironment) throws -> AppDatabase {
        try AppDatabase.open(at: config.databaseURL, busyTimeout: environment.databaseBusyTimeout)
    }

    private static func fail(_ environment: StageEnvironment, _ error: any Error) -> Outcome {
        fail(environment.console, environment.databaseBusyTimeout, error)
    }

    private static func fail(_ console: Console, _ busyTimeout: TimeInterval, _ error: any Error) -> Outcome {
        let line = describe(error, busyTimeout: busyTimeout)
        console.error(line)
        return Outcome(exit: exitStatus(for: error), status: .failed, summary: line, runID: nil)
    }

    static func describe(_ error: any Error, busyTimeout: TimeInterval = AppDatabase.defaultBusyTimeout) -> String {
        if let error = error as? any OperatorFacingError { return error.description }
        if let plain = AppDatabase.explain(error, busyTimeout: busyTimeout) { return plain }
        return String(describing: error).singleLine(limit: 300)
    }

    static func exitStatus(for error: any Error) -> ExitStatus {
        (error as? any OperatorFacingError)?.exitStatus ?? .failure
    }

    /// Runs `work`, or throws `DeadlineExceeded` naming what was still awaited, or
    /// `Interrupted` when a stop request was not honoured within the grace period.
    static func withDeadline<T: Sendable>(
        seconds: Double, recorder: RequestRecorder, stop: StopRequest = StopRequest(), stopGrace: Double = 10,
        _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        return try await withThrowingTaskGroup(of: Result<T, RunEnding>.self) { group in
            group.addTask { .success(try await work()) }
            group.addTask {
                try await Task.sleep(for: .cappedSeconds(seconds))
                return .failure(.deadline)
            }
            group.addTask {
                await stop.wait()
                try await Task.sleep(for: .cappedSeconds(stopGrace))
                return .failure(.interrupted)
            }
            defer { group.cancelAll() }
            switch try await group.next() {
            case .success(let value)?: return value
            case .failure(.interrupted)?: throw Interrupted(signal: stop.reason ?? "a signal")
            default: throw DeadlineExceeded(seconds: seconds, waitingFor: await recorder.waitingFor())
            }
        }
    }
}

enum RunEnding: Error { case deadline, interrupted }

public struct DeadlineExceeded: OperatorFacingError {
    public let seconds: Double
    public let waitingFor: [String]
    public var exitStatus: ExitStatus { .failure }
    public var description: String {
        let what = waitingFor.isEmpty ? "local work (no request in flight)" : waitingFor.joined(separator: ", ")
        return "run deadline of \(Format.shortest(seconds))s passed while waiting for: \(what); stopped"
    }
}

/// Ends the process if a run outlives its deadline by a grace period, so a
/// cancellation that never completes cannot keep the stage's lock.
final class Watchdog: @unchecked Sendable {
    private let item: DispatchWorkItem

    private init(item: DispatchWorkItem) { self.item = item }

    static func arm(after seconds: Double, stage: Stage, console: Console) -> Watchdog {
        let item = DispatchWorkItem {
            console.error("`ats \(stage)` did not stop \(Format.shortest(seconds))s after it started; ending the process")
            exit(ExitStatus.failure.rawValue)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + min(seconds, 365 * 86_400), execute: item)
        return Watchdog(item: item)
    }

    func cancel() { item.cancel() }
}
