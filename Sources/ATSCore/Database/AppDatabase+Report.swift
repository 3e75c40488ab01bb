import Foundation
import GRDB

extension AppDatabase {
    /// Runs `body` in one read transaction, so the figures it reads agree with each
    /// other (a total and its histogram) while poll and reward keep writing.
    public func readSignalAggregates<T>(_ body: (SignalAggregates) throws -> T) throws -> T {
        try reader.read { db in try body(SignalAggregates(db: db)) }
    }
}

/// The signal table's aggregates. Each is one SQL pass (GROUP BY for buckets), so a
/// million signals never reach Swift. Valid only inside `readSignalAggregates`.
public struct SignalAggregates {
    let db: Database

    /// Counts and averages of every signal; `hits` counts done signals whose
    /// `actual_reward` is above `hitThreshold`.
    public func totals(hitThreshold: Double) throws -> SignalTotals {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS total,
              COUNT(*) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral)) AS analyzed,
              COUNT(*) FILTER (WHERE reward_status = \(RewardStatus.pending.sqlLiteral)) AS pending,
              COUNT(*) FILTER (WHERE reward_status = \(RewardStatus.unavailable.sqlLiteral)) AS unavailable,
              AVG(actual_reward) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral)) AS average_reward,
              COUNT(reward_net) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral)) AS net_count,
              COUNT(*) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral) AND reward_net > 0) AS wins,
              COUNT(actual_reward) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral)) AS reward_count,
              COUNT(*) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral) AND actual_reward > COALESCE(reward_cost, :fee)) AS hits,
              AVG(ABS(spread)) AS average_spread,
              AVG(data_latency_ms) AS average_latency,
              MIN(timestamp) AS first, MAX(timestamp) AS last,
              COUNT(*) FILTER (WHERE signal_type = \(SignalType.buy.sqlLiteral)) AS buy_signals
            FROM signals
            """, arguments: ["fee": hitThreshold])
        guard let row else { return SignalTotals() }
        return SignalTotals(
            total: row["total"], analyzed: row["analyzed"], pending: row["pending"], unavailable: row["unavailable"],
            averageReward: row["average_reward"], netCount: row["net_count"], wins: row["wins"],
            rewardCount: row["reward_count"], hits: row["hits"],
            averageAbsSpread: row["average_spread"], averageLatencyMs: row["average_latency"],
            first: row["first"], last: row["last"], buySignals: row["buy_signals"])
    }

    public func symbolCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT cex_symbol) FROM signals") ?? 0
    }

    /// The `limit` symbols with the most signals. One pass over the table: walking
    /// the cex_symbol index instead would fetch every row in random order (3× slower
    /// on a million signals).
    public func symbols(limit: Int) throws -> [SymbolStats] {
        try Row.fetchAll(db, sql: """
            SELECT cex_symbol, COUNT(*) AS signals,
              COUNT(*) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral)) AS analyzed,
              COUNT(*) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral) AND reward_net > 0) AS wins,
              COUNT(reward_net) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral)) AS net_count,
              AVG(reward_net) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral)) AS mean_net,
              AVG(ABS(spread)) AS mean_spread
            FROM signals NOT INDEXED GROUP BY cex_symbol
            ORDER BY signals DESC, cex_symbol LIMIT ?
            """, arguments: [limit]
        ).map {
            SymbolStats(symbol: $0["cex_symbol"], signals: $0["signals"], analyzed: $0["analyzed"], wins: $0["wins"],
                        netCount: $0["net_count"], meanNet: $0["mean_net"], meanAbsSpread: $0["mean_spread"])
        }
    }

    /// The `reward_net` of a done signal with `skipping` others below it (or above it,
    /// `fromTop`), found through the index on (reward_status, reward_net).
    public func rewardNet(skipping: Int, fromTop: Bool) throws -> Double? {
        try Double.fetchOne(db, sql: """
            SELECT reward_net FROM signals
            WHERE reward_status = \(RewardStatus.done.sqlLiteral) AND reward_net IS NOT NULL
            ORDER BY reward_net \(fromTop ? "DESC" : "ASC") LIMIT 1 OFFSET ?
            """, arguments: [skipping])
    }

    /// Done signals by `reward_net` in `bins` bins of `width` from `lower`, and those
    /// below and above them (the 1e-9 keeps a value that sits on an edge, give or take
    /// a rounding error, in the bin that starts there).
    public func rewardNetCounts(lower: Double, width: Double, bins: Int) throws -> (below: Int, counts: [Int], above: Int) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT CASE
                WHEN reward_net < :lower THEN -1
                WHEN reward_net >= :upper THEN :count
                ELSE MIN(CAST((reward_net - :lower) / :width + 1e-9 AS INTEGER), :count - 1)
              END AS bin, COUNT(*) AS n
            FROM signals
            WHERE reward_status = \(RewardStatus.done.sqlLiteral) AND reward_net IS NOT NULL
            GROUP BY bin
            """, arguments: ["lower": lower, "upper": lower + width * Double(bins), "width": width, "count": bins])
        var result = (below: 0, counts: Array(repeating: 0, count: bins), above: 0)
        for row in rows {
            let bin: Int = row["bin"]
            let n: Int = row["n"]
            if bin < 0 { result.below += n } else if bin >= bins { result.above += n } else { result.counts[bin] += n }
        }
        return result
    }

    /// Signals and summed net reward per `seconds` of Unix time, oldest first, empty
    /// buckets left out. julianday is the cheapest date parser every SQLite has (the
    /// half millisecond keeps a timestamp on a bucket's first instant inside it).
    public func signalBuckets(seconds: Int) throws -> [SignalBucket] {
        try Row.fetchAll(db, sql: """
            SELECT CAST(((julianday(timestamp) - 2440587.5) * 86400 + 0.0005) / :size AS INTEGER) AS bucket, COUNT(*) AS n,
              TOTAL(reward_net) FILTER (WHERE reward_status = \(RewardStatus.done.sqlLiteral)) AS net
            FROM signals GROUP BY bucket ORDER BY bucket
            """, arguments: ["size": seconds]
        ).map { row in
            let bucket: Int64 = row["bucket"]
            return SignalBucket(start: Date(timeIntervalSince1970: TimeInterval(bucket * Int64(seconds))), signals: row["n"], netSum: row["net"])
        }
    }

    /// The `limit` newest signals, newest first.
    public func latest(limit: Int) throws -> [SignalRecord] {
        try SignalRecord
            .order(Column("timestamp").desc, Column("id").desc)
            .limit(limit)
            .fetchAll(db)
    }
}
