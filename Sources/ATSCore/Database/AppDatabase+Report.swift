import Foundation
import GRDB

/// The report's signal aggregates. Every figure is computed by SQL (one pass per
/// aggregate, GROUP BY for buckets), so a million signals never reach Swift.
extension AppDatabase {
    /// Everything the report shows. Signal figures come from one read snapshot.
    public func reportData(now: Date, latestSignals: Int, feePct: Double, excludingRun runID: Int64? = nil) throws -> ReportData {
        let signalPart = try reader.read { db in
            let totals = try Self.signalTotals(db, roundTripFee: 2 * feePct / 100)
            return (
                totals: totals,
                symbols: try Self.symbolStats(db, limit: ReportLimits.symbols),
                symbolCount: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT cex_symbol) FROM signals") ?? 0,
                histogram: try Self.rewardHistogram(db, count: totals.netCount),
                timeline: try Self.timeline(db, first: totals.first, last: totals.last),
                latest: try SignalRecord
                    .order(Column("timestamp").desc, Column("id").desc)
                    .limit(min(latestSignals, ReportLimits.latestSignals))
                    .fetchAll(db)
            )
        }
        let since = now.addingTimeInterval(-ReportLimits.recentPeriod)
        return ReportData(
            generatedAt: now,
            signals: signalPart.totals,
            symbols: signalPart.symbols,
            symbolCount: signalPart.symbolCount,
            histogram: signalPart.histogram,
            timeline: signalPart.timeline,
            latestSignals: signalPart.latest,
            watchlist: Array(try watchlist().prefix(ReportLimits.watchlist)),
            pollOutcomes: try pollOutcomes(since: since),
            exclusions: try latestScanExclusions(),
            stages: try stageRuns(excluding: runID),
            sources: try sourceHealth(since: since))
    }

    static func signalTotals(_ db: Database, roundTripFee: Double) throws -> SignalTotals {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS total,
              COUNT(*) FILTER (WHERE reward_status = 'done') AS analyzed,
              COUNT(*) FILTER (WHERE reward_status = 'pending') AS pending,
              COUNT(*) FILTER (WHERE reward_status = 'unavailable') AS unavailable,
              AVG(actual_reward) FILTER (WHERE reward_status = 'done') AS average_reward,
              COUNT(reward_net) FILTER (WHERE reward_status = 'done') AS net_count,
              COUNT(*) FILTER (WHERE reward_status = 'done' AND reward_net > 0) AS wins,
              COUNT(actual_reward) FILTER (WHERE reward_status = 'done') AS reward_count,
              COUNT(*) FILTER (WHERE reward_status = 'done' AND actual_reward > :fee) AS hits,
              AVG(ABS(spread)) AS average_spread,
              AVG(data_latency_ms) AS average_latency,
              MIN(timestamp) AS first, MAX(timestamp) AS last
            FROM signals
            """, arguments: ["fee": roundTripFee])
        guard let row else { return SignalTotals() }
        return SignalTotals(
            total: row["total"], analyzed: row["analyzed"], pending: row["pending"], unavailable: row["unavailable"],
            averageReward: row["average_reward"], netCount: row["net_count"], wins: row["wins"],
            rewardCount: row["reward_count"], hits: row["hits"], roundTripFee: roundTripFee,
            averageAbsSpread: row["average_spread"], averageLatencyMs: row["average_latency"],
            first: row["first"], last: row["last"])
    }

    /// One pass over the table: walking the cex_symbol index instead would fetch
    /// every row in random order (3× slower on a million signals).
    static func symbolStats(_ db: Database, limit: Int) throws -> [SymbolStats] {
        try Row.fetchAll(db, sql: """
            SELECT cex_symbol, COUNT(*) AS signals,
              COUNT(*) FILTER (WHERE reward_status = 'done') AS analyzed,
              COUNT(*) FILTER (WHERE reward_status = 'done' AND reward_net > 0) AS wins,
              COUNT(reward_net) FILTER (WHERE reward_status = 'done') AS net_count,
              AVG(reward_net) FILTER (WHERE reward_status = 'done') AS mean_net,
              AVG(ABS(spread)) AS mean_spread
            FROM signals NOT INDEXED GROUP BY cex_symbol
            ORDER BY signals DESC, cex_symbol LIMIT ?
            """, arguments: [limit]
        ).map {
            SymbolStats(symbol: $0["cex_symbol"], signals: $0["signals"], analyzed: $0["analyzed"], wins: $0["wins"],
                        netCount: $0["net_count"], meanNet: $0["mean_net"], meanAbsSpread: $0["mean_spread"])
        }
    }

    /// Bins span the 2nd to 98th percentile of `reward_net` (found through the
    /// index on reward_status, reward_net); the rest are counted as below/above.
    static func rewardHistogram(_ db: Database, count: Int) throws -> RewardHistogram? {
        guard count > 0 else { return nil }
        let skip = Int(Double(count) * 0.02)
        let percentile = { (order: String) in
            try Double.fetchOne(db, sql: """
                SELECT reward_net FROM signals
                WHERE reward_status = 'done' AND reward_net IS NOT NULL
                ORDER BY reward_net \(order) LIMIT 1 OFFSET ?
                """, arguments: [skip])
        }
        guard let low = try percentile("ASC"), let high = try percentile("DESC") else { return nil }
        let bins = RewardHistogram.Bins(low: low, high: high, target: ReportLimits.histogramBins)
        let rows = try Row.fetchAll(db, sql: """
            SELECT CASE
                WHEN reward_net < :lower THEN -1
                WHEN reward_net >= :upper THEN :count
                ELSE MIN(CAST((reward_net - :lower) / :width + 1e-9 AS INTEGER), :count - 1)
              END AS bin, COUNT(*) AS n
            FROM signals
            WHERE reward_status = 'done' AND reward_net IS NOT NULL
            GROUP BY bin
            """, arguments: ["lower": bins.lower, "upper": bins.upper, "width": bins.width, "count": bins.count])
        var histogram = RewardHistogram(lower: bins.lower, width: bins.width, counts: Array(repeating: 0, count: bins.count), below: 0, above: 0)
        for row in rows {
            let bin: Int = row["bin"]
            let n: Int = row["n"]
            if bin < 0 { histogram.below += n } else if bin >= bins.count { histogram.above += n } else { histogram.counts[bin] += n }
        }
        return histogram
    }

    /// Buckets by Unix time; julianday is the cheapest date parser every SQLite has
    /// (the half millisecond keeps a timestamp on a bucket's first instant inside it).
    static func timeline(_ db: Database, first: Date?, last: Date?) throws -> Timeline {
        guard let first, let last else { return .empty }
        let size = Timeline.bucketSeconds(span: last.timeIntervalSince(first))
        let buckets = try Row.fetchAll(db, sql: """
            SELECT CAST(((julianday(timestamp) - 2440587.5) * 86400 + 0.0005) / :size AS INTEGER) AS bucket, COUNT(*) AS n,
              TOTAL(reward_net) FILTER (WHERE reward_status = 'done') AS net
            FROM signals GROUP BY bucket ORDER BY bucket
            """, arguments: ["size": size]
        ).map { row -> Timeline.Bucket in
            let bucket: Int64 = row["bucket"]
            return Timeline.Bucket(start: Date(timeIntervalSince1970: TimeInterval(bucket * Int64(size))), signals: row["n"], netSum: row["net"])
        }
        return Timeline(bucketSeconds: size, buckets: buckets)
    }
}

extension Timeline {
    /// Hours for up to three days of data, days up to half a year, then weeks:
    /// a chart of at most a few hundred bars whatever the range.
    public static func bucketSeconds(span: TimeInterval) -> Int {
        if span <= 3 * 86_400 { return 3_600 }
        if span <= 180 * 86_400 { return 86_400 }
        return 7 * 86_400
    }
}

extension RewardHistogram {
    /// Equal bins of a round width (1, 2, 2.5 or 5 × 10ⁿ) whose edges include 0.
    public struct Bins: Equatable {
        public var lower: Double
        public var width: Double
        public var count: Int
        public var upper: Double { lower + width * Double(count) }

        public init(low: Double, high: Double, target: Int) {
            // All values equal: one bin a tenth of the value wide (or 0.01 % around zero).
            let span = high > low ? high - low : max(abs(low) / 10, 0.0001)
            let width = NiceTicks.step(span: span, count: high > low ? target : 1)
            lower = floor(low / width + 1e-9) * width
            self.width = width
            // The top value must fall inside the last bin, not on its upper edge.
            count = max(1, Int(floor((high - lower) / width + 1e-9)) + 1)
        }
    }
}
