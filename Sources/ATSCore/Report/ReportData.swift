import Foundation

/// Everything the report shows, as numbers and rows read from the database
/// (`ReportData.read`). Aggregates are computed by SQL; only bounded lists reach Swift.
public struct ReportData: Sendable {
    public var generatedAt: Date
    public var signals: SignalTotals
    /// The round-trip fee the hit rate compares with (`RewardMeasurement.roundTripFee`).
    public var roundTripFee: Double
    /// Per-symbol statistics, most signals first, at most `ReportLimits.symbols`.
    public var symbols: [SymbolStats]
    public var symbolCount: Int
    public var histogram: RewardHistogram?
    public var timeline: Timeline
    public var latestSignals: [SignalRecord]
    public var watchlist: [WatchlistEntry]
    public var pollOutcomes: PollOutcomes
    public var exclusions: ScanExclusions
    public var stages: [StageRuns]
    public var sources: [SourceHealth]
    /// Pauses in force, budget use, CoinGecko's month (set by the report stage).
    public var budget: BudgetState = .empty
    public var notifications: NotificationsSection = .empty
    /// Whether the signals beat chance: estimates, intervals, by side, convergence.
    public var outcomes: OutcomeSummary = .empty
    /// The deepest fall of the cumulative net reward.
    public var drawdown: NetDrawdown?
    /// Per UTC day, newest first, the last `ReportLimits.days` days with signals' range.
    public var days: [DayOutcome] = []
    /// True when older days exist than `days` shows.
    public var daysCut = false
    /// The window candles of the newest `ReportLimits.signalPaths` latest signals, by signal id.
    public var candles: [Int64: [SignalCandleRecord]] = [:]
    /// `signal.min_spread_pct`: a gap below it afterwards counts as closed.
    public var minSpreadPct = 0.5
}

/// Counts of `reward_net` of done signals in equal bins over [lower, upper),
/// plus the values below and above that range (outliers would flatten the chart).
public struct RewardHistogram: Sendable, Equatable {
    public var lower: Double
    public var width: Double
    public var counts: [Int]
    public var below: Int
    public var above: Int

    public var upper: Double { lower + width * Double(counts.count) }
    public var total: Int { counts.reduce(below + above, +) }
}

/// Signals and net reward per time bucket (hour, day or week, by the data's range).
public struct Timeline: Sendable, Equatable {
    public typealias Bucket = SignalBucket

    public var bucketSeconds: Int
    public var buckets: [Bucket]

    public static let empty = Timeline(bucketSeconds: 3600, buckets: [])
}

/// Bounds that keep the page and the memory small whatever the database holds.
public enum ReportLimits {
    public static let symbols = 100
    public static let pollReasons = 40
    public static let exclusionReasons = 40
    public static let runsPerStage = 5
    public static let watchlist = 500
    public static let latestSignals = 5_000
    public static let histogramBins = 24
    /// The per-day table covers the days up to this many before the newest signal.
    public static let days = 60
    /// Latest signals drawn with their price path (each is a small inline SVG).
    public static let signalPaths = 500
    /// Poll outcomes and source health cover this recent period.
    public static let recentPeriod: TimeInterval = 24 * 3600
}

// The rates the page shows; nil where there is nothing to divide by.

extension SignalTotals {
    public var winRate: Double? { netCount > 0 ? Double(wins) / Double(netCount) : nil }
    public var hitRate: Double? { rewardCount > 0 ? Double(hits) / Double(rewardCount) : nil }
}

extension SymbolStats {
    public var winRate: Double? { netCount > 0 ? Double(wins) / Double(netCount) : nil }
}

extension SourceHealth {
    public var errorRate: Double { requests > 0 ? Double(errors) / Double(requests) : 0 }
}
