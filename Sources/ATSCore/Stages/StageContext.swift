import Foundation

/// What the command line (or the demo, or a test) hands a stage: the seams.
public struct StageEnvironment: Sendable {
    public var transport: any HTTPTransport
    public var now: Now
    public var console: Console
    public var variables: [String: String]
    /// The CLI ends the process if a run is still alive past its deadline plus
    /// a grace period (cancellation that never completes must not hold the lock).
    public var hardExitAfterDeadline: Bool
    /// Set by SIGTERM/SIGINT (the CLI traps them); stages check it between steps.
    public var stop: StopRequest
    /// How long a stage may take to finish its step in hand after a stop request.
    public var stopGraceSeconds: Double = 10
    /// How long a write waits for another process's write lock before failing.
    public var databaseBusyTimeout: TimeInterval = AppDatabase.defaultBusyTimeout

    public init(
        transport: any HTTPTransport = LiveHTTPTransport(), now: @escaping Now = Clocks.system,
        console: Console = .silent, variables: [String: String] = ProcessInfo.processInfo.environment,
        hardExitAfterDeadline: Bool = false, stop: StopRequest = StopRequest()
    ) {
        self.transport = transport
        self.now = now
        self.console = console
        self.variables = variables
        self.hardExitAfterDeadline = hardExitAfterDeadline
        self.stop = stop
    }
}

/// Everything one run of a stage works with.
public struct StageContext: Sendable {
    public let stage: Stage
    public let config: LoadedConfig
    public let database: AppDatabase
    public let environment: StageEnvironment
    public let recorder: RequestRecorder
    public let runID: Int64
    private let limiters: LimiterPool

    init(stage: Stage, config: LoadedConfig, database: AppDatabase, environment: StageEnvironment, runID: Int64) {
        self.stage = stage
        self.config = config
        self.database = database
        self.environment = environment
        self.recorder = RequestRecorder(stage: stage)
        self.runID = runID
        self.limiters = LimiterPool()
    }

    public var values: ATSConfig { config.values }
    /// True once SIGTERM/SIGINT arrived: finish the step in hand, store it, return.
    public var stopRequested: Bool { environment.stop.isRequested }
    public var console: Console { environment.console }
    public var now: Now { environment.now }

    /// A client for one source; clients of the same source share its rate limiter.
    public func client(_ source: String, baseURL: String, headers: [String: String] = [:], maxBytes: Int? = nil) -> SourceClient {
        var policy = RequestPolicy(timeout: values.http.timeoutSeconds, retries: values.http.retries)
        if let maxBytes { policy.maxBytes = maxBytes }
        return SourceClient(
            source: source, baseURL: baseURL, transport: environment.transport, policy: policy,
            limiter: limiters.limiter(for: source), recorder: recorder, headers: headers, now: now)
    }
}

final class LimiterPool: @unchecked Sendable {
    private let lock = NSLock()
    private var limiters: [String: RateLimiter] = [:]

    func limiter(for source: String) -> RateLimiter {
        lock.withLock {
            if let existing = limiters[source] { return existing }
            let created = SourcePacing.limiter(for: source)
            limiters[source] = created
            return created
        }
    }
}

/// What a stage reports back; the runner stores it in `runs` and maps it to an exit code.
public struct StageResult: Sendable, Equatable {
    public var status: RunStatus
    public var summary: String
    public var counts: [String: Int]
    public var warnings: [String]
    public var exit: ExitStatus

    public init(status: RunStatus, summary: String, counts: [String: Int] = [:], warnings: [String] = [], exit: ExitStatus = .ok) {
        self.status = status
        self.summary = summary
        self.counts = counts
        self.warnings = warnings
        self.exit = exit
    }
}
