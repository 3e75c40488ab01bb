import Foundation
import GRDB

/// Rows as stored. API types live under Markets/ and never reach the database directly.
protocol SnakeCaseRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension SnakeCaseRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .custom { column in ColumnName.Key(stringValue: ColumnName.property(column)) }
    }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy {
        .custom { key in ColumnName.column(key.stringValue) }
    }
}

/// Swift property names ↔ snake_case columns. GRDB's own conversion keeps digits
/// glued to the word before them (`dexVolume24hUsd` → `dex_volume24h_usd`); the
/// columns users query say `dex_volume_24h_usd`, so a digit run starts a word here.
enum ColumnName {
    static func column(_ property: String) -> String {
        var out = ""
        var previous: Character?
        for character in property {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else if character.isNumber, let previous, !previous.isNumber {
                out += "_" + String(character)
            } else {
                out.append(character)
            }
            previous = character
        }
        return out
    }

    static func property(_ column: String) -> String {
        let words = column.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = words.first else { return column }
        return String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

public enum RunStatus: String, Codable, Sendable, CaseIterable {
    /// In progress, or ended by a kill; the next run of the stage marks stale ones failed.
    case running, ok, partial, failed, skipped
}

public struct RunRecord: SnakeCaseRecord, Sendable, Equatable, Identifiable {
    public static let databaseTableName = "runs"
    public var id: Int64?
    public var stage: Stage
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: RunStatus
    public var summary: String
    /// JSON object of named counts (pairs, signals, errors...).
    public var counts: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct WatchlistEntry: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "watchlist"
    public var rank: Int
    public var cexSymbol: String
    public var baseSymbol: String
    public var quoteSymbol: String
    public var chainId: String
    public var pairAddress: String
    public var baseAddress: String
    public var dexId: String?
    public var coingeckoId: String?
    public var priceUsd: Double?
    public var liquidityUsd: Double?
    public var finalScore: Double
    public var confirmations: Int
    /// Comma-separated scanner names, sorted.
    public var sources: String
    public var scannedAt: Date
    /// The quote token's contract, proven against `QuoteTokens` (empty for rows scanned before v2).
    public var quoteAddress: String = ""

    public init(
        rank: Int, cexSymbol: String, baseSymbol: String, quoteSymbol: String, chainId: String, pairAddress: String,
        baseAddress: String, dexId: String?, coingeckoId: String?, priceUsd: Double?, liquidityUsd: Double?,
        finalScore: Double, confirmations: Int, sources: String, scannedAt: Date, quoteAddress: String = ""
    ) {
        self.rank = rank
        self.cexSymbol = cexSymbol
        self.baseSymbol = baseSymbol
        self.quoteSymbol = quoteSymbol
        self.chainId = chainId
        self.pairAddress = pairAddress
        self.baseAddress = baseAddress
        self.dexId = dexId
        self.coingeckoId = coingeckoId
        self.priceUsd = priceUsd
        self.liquidityUsd = liquidityUsd
        self.finalScore = finalScore
        self.confirmations = confirmations
        self.sources = sources
        self.scannedAt = scannedAt
        self.quoteAddress = quoteAddress
    }

    public var sourceList: [String] { sources.split(separator: ",").map(String.init) }
    public var pairSymbol: String { "\(baseSymbol)/\(quoteSymbol)" }
}

public struct ScanExclusionRecord: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "scan_exclusions"
    public var id: Int64?
    public var runId: Int64
    public var scannedAt: Date
    public var source: String
    public var chainId: String
    public var pairAddress: String
    public var baseSymbol: String
    public var quoteSymbol: String
    public var reason: String
    public var detail: String
}

public enum SignalType: String, Codable, Sendable { case buy = "BUY", sell = "SELL" }
public enum RewardStatus: String, Codable, Sendable { case pending, done, unavailable }

public struct SignalRecord: SnakeCaseRecord, Sendable, Equatable, Identifiable {
    public static let databaseTableName = "signals"
    public var id: Int64?
    public var timestamp: Date
    public var chainId: String
    public var pairAddress: String
    public var pairSymbol: String
    public var cexSymbol: String
    public var signalType: SignalType
    public var dexPrice: Double
    public var cexPrice: Double
    public var spread: Double
    public var dataLatencyMs: Int?
    public var marketRegime: String?
    public var notes: String
    /// The rewards are FRACTIONS of `entry` (0.012 = 1.2 %), positive when the market
    /// moved the signal's way; see `RewardMeasurement`. nil until `done`.
    public var actualReward: Double?
    public var rewardMae: Double?
    public var rewardClose: Double?
    public var rewardNet: Double?
    public var rewardStatus: RewardStatus
    /// When the reward stage decided (`done` or `unavailable`): its now, or `--as-of`.
    public var rewardComputedAt: Date?
    public var runId: Int64?
    // v2: the book the signal was measured on, at `tradeSize` (in the quote asset).
    public var cexBid: Double? = nil
    public var cexAsk: Double? = nil
    /// The quote token's price in the quote asset (1 for the quote asset itself).
    public var quoteRate: Double? = nil
    public var tradeSize: Double? = nil
    /// The walked average fill; the reward's entry. v1 signals: `cexPrice`.
    public var entryPrice: Double? = nil
    public var impactPct: Double? = nil
    /// Fractions like the rewards: both fees plus the exit's impact; `rewardNet = rewardClose − rewardCost`.
    public var rewardCost: Double? = nil
    /// What a random entry on the same symbol made (`RewardBaseline`); nil with too few entries.
    public var rewardBaseline: Double? = nil
    /// The pair's last observed prices within the window after the signal (nil: none observed).
    public var dexPriceAfter: Double? = nil
    public var cexPriceAfter: Double? = nil

    /// What a reward is measured from: the fill at size, or for v1 signals the exchange price.
    public var entry: Double { entryPrice ?? cexPrice }

    /// A signal as poll records it: its reward still to be measured.
    public static func pending(
        timestamp: Date, chainId: String, pairAddress: String, pairSymbol: String, cexSymbol: String, signalType: SignalType,
        dexPrice: Double, cexPrice: Double, spread: Double, dataLatencyMs: Int?, notes: String = "", runId: Int64? = nil
    ) -> SignalRecord {
        SignalRecord(
            id: nil, timestamp: timestamp, chainId: chainId, pairAddress: pairAddress, pairSymbol: pairSymbol, cexSymbol: cexSymbol,
            signalType: signalType, dexPrice: dexPrice, cexPrice: cexPrice, spread: spread, dataLatencyMs: dataLatencyMs,
            marketRegime: nil, notes: notes, actualReward: nil, rewardMae: nil, rewardClose: nil, rewardNet: nil,
            rewardStatus: .pending, rewardComputedAt: nil, runId: runId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct ObservationRecord: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "observations"
    public var id: Int64?
    public var runId: Int64
    public var burst: Int
    public var observedAt: Date
    public var cexSymbol: String
    public var chainId: String
    public var pairAddress: String
    public var outcome: PairOutcome
    public var reason: String
    public var dexPrice: Double?
    public var cexPrice: Double?
    public var spread: Double?
    public var dexLiquidityUsd: Double?
    public var dexVolume24hUsd: Double?
    public var cexVolume24hUsd: Double?
    /// JSON object: verifier name → price (or null when it could not answer).
    public var verifierPrices: String
    public var latencyMs: Int?
    public var signalId: Int64?
    public var cexBid: Double? = nil
    public var cexAsk: Double? = nil
    public var quoteRate: Double? = nil
    /// For pairs whose order book was walked (would-be signals): the fill's distance from the mid.
    public var impactPct: Double? = nil
}

/// One 1-minute exchange candle of a signal's reward window, as it was measured.
public struct SignalCandleRecord: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "signal_candles"
    public var signalId: Int64
    public var openTime: Date
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double

    public init(signalId: Int64, openTime: Date, open: Double, high: Double, low: Double, close: Double) {
        self.signalId = signalId
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
    }
}

public struct SourceRequestRecord: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "source_requests"
    public var id: Int64?
    public var runId: Int64
    public var stage: Stage
    public var source: String
    public var endpoint: String
    public var requestedAt: Date
    public var latencyMs: Int
    public var statusCode: Int?
    public var ok: Bool
    public var error: String?
}

struct CoinRecord: SnakeCaseRecord, Equatable {
    static let databaseTableName = "coingecko_coins"
    var id: String
    var symbol: String
    var name: String
}

struct CoinPlatformRecord: SnakeCaseRecord, Equatable {
    static let databaseTableName = "coingecko_platforms"
    var coinId: String
    var platform: String
    /// Normalised with `ChainAddress.normalize`.
    var address: String
}
