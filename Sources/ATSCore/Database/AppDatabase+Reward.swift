import Foundation
import GRDB

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

    /// Stores one signal's reward in its own transaction, so a run that dies
    /// half-way keeps every reward it finished. Only a still-pending signal is
    /// written (a reward is never recomputed); returns whether it was.
    @discardableResult
    public func recordReward(signalID: Int64, _ reward: RewardMeasurement, at date: Date) throws -> Bool {
        try write { db in
            try SignalRecord
                .filter(SignalRecord.Columns.id == signalID && SignalRecord.Columns.rewardStatus == RewardStatus.pending)
                .updateAll(db, [
                    SignalRecord.Columns.actualReward.set(to: reward.actualReward),
                    SignalRecord.Columns.rewardMae.set(to: reward.mae),
                    SignalRecord.Columns.rewardClose.set(to: reward.close),
                    SignalRecord.Columns.rewardNet.set(to: reward.net),
                    SignalRecord.Columns.rewardStatus.set(to: RewardStatus.done),
                    SignalRecord.Columns.rewardComputedAt.set(to: date),
                ])
            return db.changesCount == 1
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
