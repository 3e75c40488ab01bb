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
    var exclusionReasons: [ExclusionReason]

    public static func read(database: AppDatabase, now: Date) throws -> StatusDocument {
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
            exclusionReasons: try database.latestExclusionReasons(limit: 8).map { ExclusionReason(reason: $0.reason, count: $0.count) })
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
