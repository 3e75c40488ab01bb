import Foundation
import GRDB

/// The prices one observation saw, for what became of a signal's gap.
public struct ObservedPrices: Sendable, Equatable {
    public var dex: Double
    public var cex: Double

    public init(dex: Double, cex: Double) {
        self.dex = dex
        self.cex = cex
    }
}

extension AppDatabase {
    /// Pending signals recorded at least `delayMinutes` before `now`, oldest first.
    public func signalsDueForReward(at now: Date, delayMinutes: Double) throws -> [SignalRecord] {
        let cutoff = now.addingTimeInterval(-delayMinutes * 60)
        return try reader.read { db in
            try SignalRecord
                .filter(SignalRecord.Columns.rewardStatus == RewardStatus.pending && SignalRecord.Columns.timestamp <= cutoff)
                .order(SignalRecord.Columns.timestamp, SignalRecord.Columns.id)
                .fetchAll(db)
        }
    }

    /// The prices of the signal's pair at its last observation in `(timestamp,
    /// timestamp + windowMinutes]` (`dex_price_after`, `cex_price_after`): whether the
    /// gap closed, and which side moved to close it. Observations that lack either
    /// price (errors) are passed over, so both prices always come from one moment.
    public func pricesAfter(_ signal: SignalRecord, windowMinutes: Int) throws -> ObservedPrices? {
        let end = signal.timestamp.addingTimeInterval(Double(windowMinutes) * 60)
        return try reader.read { db in
            let columns = ObservationRecord.Columns.self
            let row = try ObservationRecord
                .select(columns.dexPrice, columns.cexPrice)
                .filter(columns.cexSymbol == signal.cexSymbol && columns.chainId == signal.chainId
                    && columns.pairAddress == signal.pairAddress)
                .filter(columns.observedAt > signal.timestamp && columns.observedAt <= end)
                .filter(columns.dexPrice != nil && columns.cexPrice != nil)
                .order(columns.observedAt.desc, columns.id.desc)
                .asRequest(of: Row.self)
                .fetchOne(db)
            guard let row, let dex: Double = row[0], let cex: Double = row[1] else { return nil }
            return ObservedPrices(dex: dex, cex: cex)
        }
    }

    /// Stores one signal's reward, the window's candles it was measured on and the
    /// prices after, in one transaction of their own, so a run that dies half-way
    /// keeps every reward it finished and never half of one. Only a still-pending
    /// signal is written (a reward is never recomputed, its candles never replaced);
    /// returns whether it was. Its notifications are queued in the same transaction.
    @discardableResult
    public func recordReward(signalID: Int64, _ reward: RewardMeasurement, candles: [Candle], after: ObservedPrices?,
                             at date: Date, routing: NotificationRouting = .none) throws -> Bool {
        try write { db in
            let columns = SignalRecord.Columns.self
            try SignalRecord
                .filter(columns.id == signalID && columns.rewardStatus == RewardStatus.pending)
                .updateAll(db, [
                    columns.actualReward.set(to: reward.actualReward),
                    columns.rewardMae.set(to: reward.mae),
                    columns.rewardClose.set(to: reward.close),
                    columns.rewardCost.set(to: reward.cost),
                    columns.rewardNet.set(to: reward.net),
                    columns.rewardBaseline.set(to: reward.baseline),
                    columns.dexPriceAfter.set(to: after?.dex),
                    columns.cexPriceAfter.set(to: after?.cex),
                    columns.rewardStatus.set(to: RewardStatus.done),
                    columns.rewardComputedAt.set(to: date),
                ])
            guard db.changesCount == 1 else { return false }
            for candle in candles {
                var record = SignalCandleRecord(
                    signalId: signalID, openTime: Date(milliseconds: candle.openTime),
                    open: candle.open, high: candle.high, low: candle.low, close: candle.close)
                try record.insert(db, onConflict: .ignore)
            }
            try Self.queue(db, .reward, eventID: NotificationRecord.rewardEventID(signalID),
                           channels: routing.channels(for: .reward), at: date, signalID: signalID)
            return true
        }
    }

    /// The candles a signal's reward was measured on, oldest first.
    public func signalCandles(signalID: Int64) throws -> [SignalCandleRecord] {
        try reader.read { db in
            try SignalCandleRecord
                .filter(SignalCandleRecord.Columns.signalId == signalID)
                .order(SignalCandleRecord.Columns.openTime)
                .fetchAll(db)
        }
    }

    /// Gives up on a still-pending signal: `unavailable`, with `note` appended to its
    /// notes (saying why) and the decision time in `reward_computed_at`.
    @discardableResult
    public func markRewardUnavailable(signalID: Int64, note: String, at date: Date) throws -> Bool {
        try write { db in
            try db.execute(
                sql: """
                UPDATE signals SET reward_status = ?, reward_computed_at = ?,
                  notes = CASE WHEN notes = '' THEN ? ELSE notes || '; ' || ? END
                WHERE id = ? AND reward_status = ?
                """,
                arguments: [RewardStatus.unavailable, date, note, note, signalID, RewardStatus.pending])
            return db.changesCount == 1
        }
    }
}
