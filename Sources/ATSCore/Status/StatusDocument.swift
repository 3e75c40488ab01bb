import Foundation

/// `ats status --json`: the same facts as `StatusReport`, as one JSON document for
/// scripts and monitoring. Its keys are a contract (README "status --json"; fixed by
/// `StatusDocumentTests`): add keys, never rename or remove one. Times are ISO 8601 UTC,
/// absent values are `null`, text from APIs is passed through as JSON strings (the
/// encoder escapes them).
public struct StatusDocument: Encodable, Sendable {
    public struct Build: Encodable, Sendable {
        var version: String
        var commit: String
    }

    public struct Pair: Encodable, Sendable {
        var rank: Int
        var cexSymbol: String
        var chainId: String
        var pairAddress: String
        var quoteSymbol: String
        var finalScore: Double
        var confirmations: Int
        var sources: [String]
    }

    public struct Watchlist: Encodable, Sendable {
        var count: Int
        @NullWhenAbsent var scannedAt: Date?
        var pairs: [Pair]
    }

    public struct PendingRewards: Encodable, Sendable {
        var count: Int
        @NullWhenAbsent var oldestSignalAt: Date?
    }

    public struct StageRun: Encodable, Sendable {
        var stage: String
        /// `null` when the stage never ran.
        @NullWhenAbsent var status: String?
        @NullWhenAbsent var startedAt: Date?
        @NullWhenAbsent var finishedAt: Date?
        @NullWhenAbsent var summary: String?
        @NullWhenAbsent var lastSuccessAt: Date?
    }

    public struct Source: Encodable, Sendable {
        var source: String
        var requests24h: Int
        var errors24h: Int
        var medianLatencyMs: Double
        var maxLatencyMs: Int
        @NullWhenAbsent var lastError: String?

        enum CodingKeys: String, CodingKey {
            case source, requests24h = "requests_24h", errors24h = "errors_24h", medianLatencyMs, maxLatencyMs, lastError
        }
    }

    public struct Pause: Encodable, Sendable {
        var source: String
        var until: Date
        var secondsLeft: Double
        var statusCode: Int
        var reason: String
    }

    public struct Budget: Encodable, Sendable {
        var source: String
        /// The endpoint a budget is per (MEXC counts each on its own), or `all`.
        var bucket: String
        var used: Double
        var limit: Double
        var windowSeconds: Double
        var unit: String
    }

    public struct CoinGeckoMonth: Encodable, Sendable {
        var plan: String
        /// `2026-12` (UTC).
        var month: String
        var calls: Int
        /// `monthly_credits`; `null` when not set.
        @NullWhenAbsent var credits: Int?
        var spent: Bool
    }

    /// Deliveries per channel (`AppDatabase.notificationCounts`).
    public struct NotificationChannel: Encodable, Sendable {
        var channel: String
        var queued: Int
        var sent: Int
        var failed: Int
        var dropped: Int
        @NullWhenAbsent var oldestQueuedAt: Date?
        @NullWhenAbsent var lastNote: String?
    }

    public struct Notifications: Encodable, Sendable {
        var queued: Int
        var failed: Int
        var dropped: Int
        var sent: Int
        var channels: [NotificationChannel]

        init(_ counts: NotificationCounts) {
            queued = counts.queued
            failed = counts.failed
            dropped = counts.dropped
            sent = counts.sent
            channels = counts.channels.map {
                NotificationChannel(channel: $0.channel, queued: $0.queued, sent: $0.sent, failed: $0.failed, dropped: $0.dropped,
                                    oldestQueuedAt: $0.oldestQueued, lastNote: $0.lastNote)
            }
        }
    }

    public struct ExclusionReason: Encodable, Sendable {
        var reason: String
        var count: Int
    }

    var build: Build
    var generatedAt: Date
    var watchlist: Watchlist
    var pendingRewards: PendingRewards
    var stages: [StageRun]
    var sources: [Source]
    var pauses: [Pause]
    var budgets: [Budget]
    var coingecko: CoinGeckoMonth
    var exclusionReasons: [ExclusionReason]
    var notifications: Notifications

    /// `coinGecko`: the plan and `monthly_credits` from the config (the budget depends on them).
    public static func read(database: AppDatabase, now: Date, coinGecko: (plan: String, credits: Int) = ("keyless", 0)) throws -> StatusDocument {
        let budget = try database.budgetState(at: now, coinGeckoPlan: coinGecko.plan, monthlyCredits: coinGecko.credits)
        let entries = try database.watchlist()
        let pending = try database.pendingRewards()
        let successes = try database.lastSuccessfulRuns()
        let stages = try Stage.scheduled.map { stage -> StageRun in
            let run = try database.lastRuns(stage: stage, limit: 1).first
            return StageRun(stage: stage.rawValue, status: run?.status.rawValue, startedAt: run?.startedAt,
                            finishedAt: run?.finishedAt, summary: run?.summary,
                            lastSuccessAt: successes.first { $0.stage == stage }?.finishedAt)
        }
        return StatusDocument(
            build: Build(version: BuildInfo.version, commit: BuildInfo.commit),
            generatedAt: now,
            watchlist: Watchlist(count: entries.count, scannedAt: entries.first?.scannedAt, pairs: entries.map {
                Pair(rank: $0.rank, cexSymbol: $0.cexSymbol, chainId: $0.chainId, pairAddress: $0.pairAddress,
                     quoteSymbol: $0.quoteSymbol, finalScore: $0.finalScore, confirmations: $0.confirmations,
                     sources: $0.sources.split(separator: ",").map(String.init))
            }),
            pendingRewards: PendingRewards(count: pending.count, oldestSignalAt: pending.oldest),
            stages: stages,
            sources: try database.sourceHealth(since: now.addingTimeInterval(-24 * 3600)).map {
                Source(source: $0.source, requests24h: $0.requests, errors24h: $0.errors, medianLatencyMs: $0.medianLatencyMs,
                       maxLatencyMs: $0.maxLatencyMs, lastError: $0.lastError)
            },
            pauses: budget.pauses.map {
                Pause(source: $0.source, until: $0.until, secondsLeft: max(0, $0.until.timeIntervalSince(now)), statusCode: $0.statusCode, reason: $0.reason)
            },
            budgets: budget.use.map {
                Budget(source: $0.source, bucket: $0.bucket, used: $0.used, limit: $0.limit.weight, windowSeconds: $0.limit.windowSeconds, unit: $0.limit.unit)
            },
            coingecko: CoinGeckoMonth(plan: coinGecko.plan, month: budget.coinGeckoMonth, calls: budget.coinGeckoCalls,
                                      credits: budget.coinGeckoCredits > 0 ? budget.coinGeckoCredits : nil, spent: budget.coinGeckoSpent),
            exclusionReasons: try database.latestExclusionReasons(limit: 8).map { ExclusionReason(reason: $0.reason, count: $0.count) },
            notifications: Notifications(try database.notificationCounts()))
    }

    /// Pretty-printed, keys sorted, so a diff of two snapshots shows what changed.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// Writes `null` for an absent value instead of leaving the key out (what a synthesized
/// `Encodable` does with an optional), so every key of the document is always there.
@propertyWrapper
public struct NullWhenAbsent<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
