import Foundation

/// Everything the report shows, as numbers and rows read from the database.
/// Aggregates are computed by SQL; only bounded lists reach Swift.
public struct ReportData: Sendable {
    public var generatedAt: Date
    public var signals: SignalTotals
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
}

/// The numbers behind the KPI cards.
public struct SignalTotals: Sendable, Equatable {
    public var total = 0
    public var analyzed = 0
    public var pending = 0
    public var unavailable = 0
    /// Mean `actual_reward` of done signals (a fraction).
    public var averageReward: Double?
    /// Done signals with a `reward_net`, and how many of them are above 0.
    public var netCount = 0
    public var wins = 0
    /// Done signals with an `actual_reward`, and how many exceed the round-trip fee.
    public var rewardCount = 0
    public var hits = 0
    /// The round-trip fee the hit rate compares with (a fraction: 2 × fee_pct / 100).
    public var roundTripFee = 0.0
    public var averageAbsSpread: Double?
    public var averageLatencyMs: Double?
    public var first: Date?
    public var last: Date?

    public var winRate: Double? { netCount > 0 ? Double(wins) / Double(netCount) : nil }
    public var hitRate: Double? { rewardCount > 0 ? Double(hits) / Double(rewardCount) : nil }
}

public struct SymbolStats: Sendable, Equatable {
    public var symbol: String
    public var signals: Int
    public var analyzed: Int
    public var wins: Int
    public var netCount: Int
    public var meanNet: Double?
    public var meanAbsSpread: Double?

    public var winRate: Double? { netCount > 0 ? Double(wins) / Double(netCount) : nil }
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
    public var bucketSeconds: Int
    public var buckets: [Bucket]

    public struct Bucket: Sendable, Equatable {
        public var start: Date
        public var signals: Int
        /// Sum of `reward_net` of the done signals that were raised in this bucket.
        public var netSum: Double
    }

    public static let empty = Timeline(bucketSeconds: 3600, buckets: [])
}

/// What poll decided for each pair over a recent period (every outcome but `signal` is a rejection).
public struct PollOutcomes: Sendable, Equatable {
    public var since: Date
    public var totals: [Count]
    public var reasons: [Reason]
    /// Distinct (outcome, reason) groups; more than `reasons.count` means the list was cut.
    public var reasonGroups: Int

    public struct Count: Sendable, Equatable {
        public var outcome: String
        public var count: Int
    }

    public struct Reason: Sendable, Equatable {
        public var outcome: String
        public var reason: String
        public var count: Int
    }
}

/// Why candidates were left out of the latest scan that recorded any.
public struct ScanExclusions: Sendable, Equatable {
    public var scannedAt: Date?
    public var reasons: [Reason]

    public struct Reason: Sendable, Equatable {
        public var reason: String
        public var count: Int
    }
}

public struct StageRuns: Sendable, Equatable {
    public var stage: String
    public var runs: [RunRecord]
}

/// One source's requests over a recent period.
public struct SourceHealth: Sendable, Equatable {
    public var source: String
    public var requests: Int
    public var errors: Int
    public var medianLatencyMs: Double
    public var averageLatencyMs: Double
    public var maxLatencyMs: Int
    public var lastRequest: Date
    public var lastError: String?

    public var errorRate: Double { requests > 0 ? Double(errors) / Double(requests) : 0 }
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
    /// Poll outcomes and source health cover this recent period.
    public static let recentPeriod: TimeInterval = 24 * 3600
}
