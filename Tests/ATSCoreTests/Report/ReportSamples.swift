import Foundation
import GRDB
@testable import ATSCore

/// Rows with known values for the report tests, written with the record types.
enum ReportSamples {
    /// 2024-05-01 10:05:00 UTC, the first sample signal.
    static let t0 = Date(timeIntervalSince1970: 1_714_557_900)
    /// When the sample report is generated: three hours after the first signal.
    static let now = t0.addingTimeInterval(3 * 3600)

    static func signal(
        at minutes: Double, _ symbol: String, _ type: SignalType = .buy, spread: Double, latency: Int? = 100,
        status: RewardStatus = .done, actual: Double? = nil, mae: Double? = nil, close: Double? = nil, net: Double? = nil,
        pair: String? = nil, chain: String = "solana", address: String = "PairAddr1", notes: String = ""
    ) -> SignalRecord {
        SignalRecord(
            id: nil, timestamp: t0.addingTimeInterval(minutes * 60), chainId: chain, pairAddress: address,
            pairSymbol: pair ?? "\(symbol)/USDC", cexSymbol: symbol, signalType: type, dexPrice: 1.0, cexPrice: 1.0 + spread / 100,
            spread: spread, dataLatencyMs: latency, marketRegime: nil, notes: notes, actualReward: actual, rewardMae: mae,
            rewardClose: close, rewardNet: net, rewardStatus: status,
            rewardComputedAt: status == .done ? t0.addingTimeInterval(minutes * 60 + 1_000) : nil, runId: nil)
    }

    /// Six signals over three symbols: four done, one pending, one unavailable (fee 0.1 % per side).
    static let signals: [SignalRecord] = [
        signal(at: 0, "ALPHA", .buy, spread: 2.0, latency: 100, actual: 0.010, mae: -0.004, close: 0.006, net: 0.004),
        signal(at: 10, "ALPHA", .sell, spread: -1.0, latency: 300, actual: 0.003, mae: -0.002, close: -0.001, net: -0.003),
        signal(at: 20, "BETA", .buy, spread: 3.0, latency: 200, actual: 0.030, mae: -0.010, close: 0.020, net: 0.018),
        signal(at: 30, "BETA", .buy, spread: 0.5, latency: nil, status: .pending),
        signal(at: 40, "GAMMA", .buy, spread: 1.5, latency: 200, actual: 0.0014, mae: -0.005, close: -0.004, net: -0.006),
        signal(at: 120, "GAMMA", .sell, spread: -4.0, latency: 400, status: .unavailable, notes: "no klines after 24 h"),
    ]

    static func insert(_ records: [SignalRecord], into database: AppDatabase) throws {
        try database.write { db in
            for var record in records { try record.insert(db) }
        }
    }

    static func observation(hoursAgo: Double, _ outcome: PairOutcome, _ reason: String, symbol: String = "ALPHA") -> ObservationRecord {
        ObservationRecord(
            id: nil, runId: 1, burst: 1, observedAt: now.addingTimeInterval(-hoursAgo * 3600), cexSymbol: symbol, chainId: "solana",
            pairAddress: "PairAddr1", outcome: outcome, reason: reason, dexPrice: 1, cexPrice: 1.01, spread: 1,
            dexLiquidityUsd: nil, dexVolume24hUsd: nil, cexVolume24hUsd: nil, verifierPrices: "{}", latencyMs: 100, signalId: nil)
    }

    static let observations: [ObservationRecord] = [
        observation(hoursAgo: 30, .glitch, "too old to count"),
        observation(hoursAgo: 1, .signal, "spread 2.0% >= 0.5%"),
        observation(hoursAgo: 2, .signal, "spread 3.0% >= 0.5%"),
        observation(hoursAgo: 1, .risk, "dex liquidity 12000 < 50000"),
        observation(hoursAgo: 3, .risk, "dex liquidity 9000.5 < 50000"),
        observation(hoursAgo: 4, .risk, "cex volume 100 < 1000000"),
        observation(hoursAgo: 5, .glitch, "coingecko deviates 3.1% from cex"),
        observation(hoursAgo: 6, .error, "mexc: HTTP 503"),
    ]

    static func request(_ source: String, hoursAgo: Double, latency: Int, ok: Bool = true, error: String? = nil) -> SourceRequestRecord {
        SourceRequestRecord(
            id: nil, runId: 1, stage: .poll, source: source, endpoint: "/x", requestedAt: now.addingTimeInterval(-hoursAgo * 3600),
            latencyMs: latency, statusCode: ok ? 200 : 503, ok: ok, error: error)
    }

    static let requests: [SourceRequestRecord] = [
        request("mexc", hoursAgo: 30, latency: 9_999, ok: false, error: "too old to count"),
        request("geckoterminal", hoursAgo: 40, latency: 80),
        request("mexc", hoursAgo: 4, latency: 100),
        request("mexc", hoursAgo: 3, latency: 300),
        request("mexc", hoursAgo: 2, latency: 200, ok: false, error: "mexc /api/v3/ticker/24hr: HTTP 503"),
        request("mexc", hoursAgo: 1, latency: 400),
        request("dexscreener", hoursAgo: 2, latency: 50),
        request("dexscreener", hoursAgo: 1, latency: 70),
        request("dexscreener", hoursAgo: 0.5, latency: 60),
    ]

    static func watchlistEntry(rank: Int, _ symbol: String, base: String? = nil, chain: String = "solana", address: String = "PairAddr1") -> WatchlistEntry {
        WatchlistEntry(
            rank: rank, cexSymbol: symbol, baseSymbol: base ?? symbol, quoteSymbol: "USDC", chainId: chain, pairAddress: address,
            baseAddress: "BaseAddr1", dexId: "raydium", coingeckoId: nil, priceUsd: 1, liquidityUsd: 250_000, finalScore: 321.5,
            confirmations: 2, sources: "dexscreener,geckoterminal", scannedAt: now.addingTimeInterval(-600))
    }

    /// Everything above plus a watchlist, a scan with exclusions and a few runs.
    static func populate(_ database: AppDatabase) throws {
        try insert(signals, into: database)
        try database.write { db in
            for var observation in observations { try observation.insert(db) }
            for var request in requests { try request.insert(db) }
        }
        let scan = try database.beginRun(stage: .scan, at: now.addingTimeInterval(-700))
        try database.replaceWatchlist(
            [watchlistEntry(rank: 1, "ALPHA"), watchlistEntry(rank: 2, "BETA")],
            exclusions: [exclusion("liquidity"), exclusion("liquidity"), exclusion("not_listed")], runID: scan)
        try database.finishRun(id: scan, status: .ok, summary: "scan: 2 pairs", counts: [:], requests: [], at: now.addingTimeInterval(-640))
        let poll = try database.beginRun(stage: .poll, at: now.addingTimeInterval(-60))
        try database.finishRun(id: poll, status: .partial, summary: "poll: 2 pairs, 1 source failed", counts: [:], requests: [], at: now.addingTimeInterval(-48))
    }

    static func exclusion(_ reason: String, base: String = "ZETA") -> ScanExclusionRecord {
        ScanExclusionRecord(
            id: nil, runId: 0, scannedAt: now.addingTimeInterval(-700), source: "dexscreener", chainId: "solana",
            pairAddress: "Excluded1", baseSymbol: base, quoteSymbol: "USDC", reason: reason, detail: "detail")
    }
}
