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
    /// The real clock request budgets and pauses are counted on: the APIs count real
    /// time, even when a test (or `--as-of`) moves `now`. A seam for unit tests only.
    public var budgetClock: Now = Clocks.system

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
    /// Waiting for budget never outlasts the run (product.md: bounded by the run deadline):
    /// a tenth of the deadline is left to store what was fetched.
    let runDeadline: Date

    init(stage: Stage, config: LoadedConfig, database: AppDatabase, environment: StageEnvironment, runID: Int64) {
        self.stage = stage
        self.config = config
        self.database = database
        self.environment = environment
        self.recorder = RequestRecorder(stage: stage)
        self.runID = runID
        self.runDeadline = environment.budgetClock().addingTimeInterval(min(config.values.runDeadlineSeconds * 0.9, 365 * 86_400))
    }

    public var values: ATSConfig { config.values }
    /// True once SIGTERM/SIGINT arrived: finish the step in hand, store it, return.
    public var stopRequested: Bool { environment.stop.isRequested }
    public var console: Console { environment.console }
    public var now: Now { environment.now }

    /// A client for one source. Every client of every process on this database shares
    /// the source's budget and pauses (they live in the database).
    public func client(_ source: String, baseURL: String, headers: [String: String] = [:], maxBytes: Int? = nil) -> SourceClient {
        var policy = RequestPolicy(timeout: values.http.timeoutSeconds, retries: values.http.retries,
                                   downloadTimeout: values.http.downloadTimeoutSeconds)
        if let maxBytes { policy.maxBytes = maxBytes }
        let coinGecko = values.verifiers.coingecko
        return SourceClient(
            source: source, baseURL: baseURL, transport: environment.transport, policy: policy,
            budget: database, limit: SourcePacing.limit(for: source, coinGeckoPlan: coinGecko.plan),
            monthlyCredits: source == CoinGeckoAPI.source ? coinGecko.monthlyCredits : 0, budgetDeadline: runDeadline,
            recorder: recorder, headers: headers, now: now, budgetNow: environment.budgetClock)
    }

    /// The pause in force for `source`, read once at a step's start (a stage whose every
    /// needed source is paused does nothing and exits 69).
    public func pause(of source: String) -> SourcePause? {
        try? database.pause(of: source, at: environment.budgetClock())
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
