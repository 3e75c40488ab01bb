import Foundation
import GRDB

/// What became of the signals: by side, the gap afterwards, the running sum's worst
/// fall, per day, and the latest signals' candles. Each is one pass (SQL, or a cursor
/// that keeps running sums), so a million signals never sit in memory.
extension SignalAggregates {
    private static var done: String { "reward_status = \(RewardStatus.done.sqlLiteral)" }

    /// What became of the analyzed signals, in one pass over them in time order (the
    /// (reward_status, timestamp) index): per side the moments of `reward_net`, of the
    /// edge (`reward_net − reward_baseline`) and of fading the signal (`−reward_close −
    /// reward_cost`; a signal from before v2 has no cost column, and its cost is
    /// `reward_close − reward_net`), the gap afterwards (closed when |spread_after| <
    /// `minSpreadPct`), the running sum's deepest fall, and, with `keepSamples`, every
    /// net and edge in that order for the bootstrap. One ordered read of ten numeric
    /// columns costs less than the aggregates SQL would need for the same figures
    /// (thirty FILTERed sums, or a GROUP BY that sorts a million rows).
    public func outcomes(minSpreadPct: Double, keepSamples: Bool) throws -> OutcomeRows {
        var buy = SideTally(), sell = SideTally()
        var drawdown = MaxDrawdown()
        var samples: (net: [Double], edge: [Double])? = keepSamples ? ([], []) : nil
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, signal_type = \(SignalType.buy.sqlLiteral), reward_net, reward_baseline, reward_close, reward_cost,
              dex_price, cex_price, dex_price_after, cex_price_after
            FROM signals WHERE \(Self.done) AND reward_net IS NOT NULL ORDER BY timestamp, id
            """)
        while let row = try rows.next() {
            let net: Double = row[2]
            let baseline: Double? = row[3]
            let isBuy: Bool = row[1]
            let outcome = SideTally.Outcome(
                net: net, baseline: baseline, close: row[4], cost: row[5], dex: row[6], cex: row[7], dexAfter: row[8], cexAfter: row[9])
            if isBuy { buy.add(outcome, minSpreadPct: minSpreadPct) } else { sell.add(outcome, minSpreadPct: minSpreadPct) }
            let id: Int64 = row[0]
            drawdown.add(net, tag: id)
            if samples != nil {
                samples?.net.append(net)
                if let baseline { samples?.edge.append(net - baseline) }
            }
        }
        func time(_ id: Int64?) throws -> Date? {
            guard let id else { return nil }
            return try Date.fetchOne(db, sql: "SELECT timestamp FROM signals WHERE id = ?", arguments: [id])
        }
        let analyzed = buy.net.count + sell.net.count
        return OutcomeRows(
            buy: buy.row("BUY"), sell: sell.row("SELL"),
            drawdown: analyzed == 0 ? nil
                : NetDrawdown(depth: drawdown.depth, total: drawdown.total, peak: try time(drawdown.peak), trough: try time(drawdown.trough)),
            samples: samples)
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

/// One side's running sums while `outcomes` reads the signals.
struct SideTally {
    struct Outcome {
        var net: Double
        var baseline: Double?
        var close: Double?
        var cost: Double?
        var dex: Double?
        var cex: Double?
        var dexAfter: Double?
        var cexAfter: Double?
    }

    var net = SampleMoments()
    var wins = 0
    var baseline = SampleMoments()
    var edge = SampleMoments()
    var fade = SampleMoments()
    var convergence = Convergence()

    mutating func add(_ outcome: Outcome, minSpreadPct: Double) {
        net.add(outcome.net)
        if outcome.net > 0 { wins += 1 }
        if let base = outcome.baseline {
            baseline.add(base)
            edge.add(outcome.net - base)
        }
        if let close = outcome.close { fade.add(-close - (outcome.cost ?? close - outcome.net)) }
        guard let dex = outcome.dex, let cex = outcome.cex, let dexAfter = outcome.dexAfter, let cexAfter = outcome.cexAfter,
              dex > 0, cex > 0, dexAfter > 0, cexAfter > 0
        else { return }
        convergence.measured += 1
        guard abs((cexAfter - dexAfter) / dexAfter * 100) < minSpreadPct else { return }
        convergence.closed += 1
        let dexMove = abs(dexAfter / dex - 1), cexMove = abs(cexAfter / cex - 1)
        if dexMove > cexMove { convergence.closedByDEX += 1 } else if cexMove > dexMove { convergence.closedByCEX += 1 }
    }

    func row(_ side: String) -> SideOutcome {
        SideOutcome(side: side, signals: 0, net: net, wins: wins, baseline: baseline, edge: edge, fade: fade, convergence: convergence)
    }
}
