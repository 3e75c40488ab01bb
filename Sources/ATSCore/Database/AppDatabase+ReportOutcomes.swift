import Foundation
import GRDB

/// What became of the signals: by side, the gap afterwards, the running sum's worst
/// fall, per day, and the latest signals' candles. Like the other aggregates, each is
/// one SQL pass (or a cursor over two columns), so a million signals never sit in Swift.
extension SignalAggregates {
    private static var done: String { "reward_status = \(RewardStatus.done.sqlLiteral)" }

    /// Per side: moments of `reward_net`, of the edge (`reward_net − reward_baseline`) and
    /// of fading the signal (`−reward_close − reward_cost`; a signal from before v2 has no
    /// cost column, and its cost is `reward_close − reward_net`), and the gap afterwards:
    /// closed when |spread_after| < `minSpreadPct`.
    public func sides(minSpreadPct: Double) throws -> [SideOutcome] {
        try Row.fetchAll(db, sql: """
            SELECT side, COUNT(*) AS signals,
              COUNT(net) FILTER (WHERE done) AS net_n, TOTAL(net) FILTER (WHERE done) AS net_sum,
              TOTAL(net * net) FILTER (WHERE done) AS net_sq, COUNT(*) FILTER (WHERE done AND net > 0) AS wins,
              COUNT(base) FILTER (WHERE done AND net IS NOT NULL) AS base_n, TOTAL(base) FILTER (WHERE done AND net IS NOT NULL) AS base_sum,
              COUNT(net - base) FILTER (WHERE done) AS edge_n, TOTAL(net - base) FILTER (WHERE done) AS edge_sum,
              TOTAL((net - base) * (net - base)) FILTER (WHERE done) AS edge_sq,
              COUNT(fade) FILTER (WHERE done) AS fade_n, TOTAL(fade) FILTER (WHERE done) AS fade_sum,
              TOTAL(fade * fade) FILTER (WHERE done) AS fade_sq,
              COUNT(gap_after) AS measured, COUNT(*) FILTER (WHERE gap_after < :min) AS closed,
              COUNT(*) FILTER (WHERE gap_after < :min AND dex_move > cex_move) AS by_dex,
              COUNT(*) FILTER (WHERE gap_after < :min AND cex_move > dex_move) AS by_cex
            FROM (
              SELECT signal_type AS side, \(Self.done) AS done, reward_net AS net, reward_baseline AS base,
                -reward_close - COALESCE(reward_cost, reward_close - reward_net) AS fade,
                CASE WHEN \(Self.done) AND dex_price_after > 0 AND cex_price_after > 0 AND dex_price > 0 AND cex_price > 0
                  THEN ABS((cex_price_after - dex_price_after) / dex_price_after * 100) END AS gap_after,
                ABS(dex_price_after / dex_price - 1) AS dex_move, ABS(cex_price_after / cex_price - 1) AS cex_move
              FROM signals NOT INDEXED)
            GROUP BY side ORDER BY side
            """, arguments: ["min": minSpreadPct]
        ).map { row in
            SideOutcome(
                side: row["side"], signals: row["signals"],
                net: SampleMoments(count: row["net_n"], sum: row["net_sum"], sumOfSquares: row["net_sq"]), wins: row["wins"],
                baseline: SampleMoments(count: row["base_n"], sum: row["base_sum"]),
                edge: SampleMoments(count: row["edge_n"], sum: row["edge_sum"], sumOfSquares: row["edge_sq"]),
                fade: SampleMoments(count: row["fade_n"], sum: row["fade_sum"], sumOfSquares: row["fade_sq"]),
                convergence: Convergence(measured: row["measured"], closed: row["closed"], closedByDEX: row["by_dex"], closedByCEX: row["by_cex"]))
        }
    }

    /// Every analyzed signal's `reward_net`, and the edge of those with a baseline, in id
    /// order (a stable order: the bootstrap draws by position). Call it only for a bounded
    /// count (`MeanConfidence.bootstrapLimit`).
    public func outcomeSamples() throws -> (net: [Double], edge: [Double]) {
        var net: [Double] = []
        var edge: [Double] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT reward_net, reward_baseline FROM signals
            WHERE \(Self.done) AND reward_net IS NOT NULL ORDER BY id
            """)
        while let row = try rows.next() {
            let value: Double = row[0]
            let baseline: Double? = row[1]
            net.append(value)
            if let baseline { edge.append(value - baseline) }
        }
        return (net, edge)
    }

    /// The deepest fall of the running sum of `reward_net`, signals in time order, and
    /// when its peak and trough were (the peak is nil when it is the start).
    public func netDrawdown() throws -> NetDrawdown? {
        var drawdown = MaxDrawdown()
        var any = false
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, reward_net FROM signals
            WHERE \(Self.done) AND reward_net IS NOT NULL ORDER BY timestamp, id
            """)
        while let row = try rows.next() {
            any = true
            let net: Double = row[1]
            let id: Int64 = row[0]
            drawdown.add(net, tag: id)
        }
        guard any else { return nil }
        func time(_ id: Int64?) throws -> Date? {
            guard let id else { return nil }
            return try Date.fetchOne(db, sql: "SELECT timestamp FROM signals WHERE id = ?", arguments: [id])
        }
        return NetDrawdown(depth: drawdown.depth, total: drawdown.total, peak: try time(drawdown.peak), trough: try time(drawdown.trough))
    }

    /// Per UTC day from `since` on, newest first.
    public func days(since: Date) throws -> [DayOutcome] {
        try Row.fetchAll(db, sql: """
            SELECT substr(timestamp, 1, 10) AS day, COUNT(*) AS signals,
              COUNT(reward_net) FILTER (WHERE \(Self.done)) AS analyzed,
              COUNT(*) FILTER (WHERE \(Self.done) AND reward_net > 0) AS wins,
              TOTAL(reward_net) FILTER (WHERE \(Self.done)) AS net_sum,
              COUNT(reward_net - reward_baseline) FILTER (WHERE \(Self.done)) AS edge_n,
              TOTAL(reward_net - reward_baseline) FILTER (WHERE \(Self.done)) AS edge_sum
            FROM signals WHERE timestamp >= ?
            GROUP BY day ORDER BY day DESC
            """, arguments: [since]
        ).map { row in
            DayOutcome(day: row["day"], signals: row["signals"], analyzed: row["analyzed"], wins: row["wins"],
                       netSum: row["net_sum"], edgeCount: row["edge_n"], edgeSum: row["edge_sum"])
        }
    }

    /// The kept window candles of these signals, each signal's in time order.
    public func candles(signalIDs: [Int64]) throws -> [Int64: [SignalCandleRecord]] {
        guard !signalIDs.isEmpty else { return [:] }
        let records = try SignalCandleRecord
            .filter(signalIDs.contains(SignalCandleRecord.Columns.signalId))
            .order(SignalCandleRecord.Columns.signalId, SignalCandleRecord.Columns.openTime)
            .fetchAll(db)
        return Dictionary(grouping: records, by: \.signalId)
    }
}
