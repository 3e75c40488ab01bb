import Foundation

// Plain rows that the aggregate queries answer with: counts, sums and bounded lists,
// computed by SQL. What to show of them, and how, is the report's business.

/// Signal counts and averages over the whole table.
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
    /// Done signals with an `actual_reward`, and how many exceed the query's hit threshold.
    public var rewardCount = 0
    public var hits = 0
    public var averageAbsSpread: Double?
    public var averageLatencyMs: Double?
    public var first: Date?
    public var last: Date?
    /// Signals (any status) on the BUY side; the rest are SELL.
    public var buySignals = 0
}

/// One symbol's signals.
public struct SymbolStats: Sendable, Equatable {
    public var symbol: String
    public var signals: Int
    public var analyzed: Int
    public var wins: Int
    public var netCount: Int
    public var meanNet: Double?
    public var meanAbsSpread: Double?
}

/// Signals raised in one bucket of Unix time.
public struct SignalBucket: Sendable, Equatable {
    public var start: Date
    public var signals: Int
    /// Sum of `reward_net` of the done signals that were raised in this bucket.
    public var netSum: Double
}

/// What poll decided for each pair since `since` (every outcome but `signal` is a rejection).
public struct PollOutcomes: Sendable, Equatable {
    public var since: Date
    public var totals: [Count]
    /// The most frequent rejection reasons, numbers masked (`ReasonPattern`).
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

/// A stage's latest runs, newest first.
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
}

/// What `SignalAggregates.outcomes` read: each side, the drawdown, and the samples
/// when they were asked for.
public struct OutcomeRows: Sendable {
    public var buy: SideOutcome
    public var sell: SideOutcome
    public var drawdown: NetDrawdown?
    public var samples: (net: [Double], edge: [Double])?
}

/// One side's (BUY or SELL) analyzed signals.
public struct SideOutcome: Sendable, Equatable {
    public var side: String
    /// Every signal of the side, whatever its status (from `SignalTotals.buySignals`).
    public var signals: Int
    public var net: SampleMoments
    public var wins: Int
    /// Count and sum only.
    public var baseline: SampleMoments
    public var edge: SampleMoments
    public var fade: SampleMoments
    public var convergence: Convergence
}

/// What became of the gap: signals with prices afterwards, how many of them closed
/// (|spread_after| < min_spread_pct), and which leg moved more among those.
public struct Convergence: Sendable, Equatable {
    public var measured = 0
    public var closed = 0
    public var closedByDEX = 0
    public var closedByCEX = 0

    public static func + (left: Convergence, right: Convergence) -> Convergence {
        Convergence(measured: left.measured + right.measured, closed: left.closed + right.closed,
                    closedByDEX: left.closedByDEX + right.closedByDEX, closedByCEX: left.closedByCEX + right.closedByCEX)
    }
}

/// The deepest fall of the cumulative net reward (a fraction) and when it happened.
public struct NetDrawdown: Sendable, Equatable {
    public var depth: Double
    public var total: Double
    /// Nil: the fall started from the start (zero), before any gain.
    public var peak: Date?
    public var trough: Date?
}

/// One UTC day's signals ("2024-05-01").
public struct DayOutcome: Sendable, Equatable {
    public var day: String
    public var signals: Int
    public var analyzed: Int
    public var wins: Int
    public var netSum: Double
    public var edgeCount: Int
    public var edgeSum: Double
}
