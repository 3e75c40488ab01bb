import Foundation
import GRDB

extension AppDatabase {
    /// How many signals still wait for their reward, and when the oldest of them was raised.
    public func pendingRewards() throws -> (count: Int, oldest: Date?) {
        try reader.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS pending, MIN(timestamp) AS oldest FROM signals WHERE reward_status = 'pending'
                """)
            return (count: row?["pending"] ?? 0, oldest: row?["oldest"])
        }
    }

    /// Pending signals recorded at least `delayMinutes` before `now`, oldest first.
    public func signalsDueForReward(at now: Date, delayMinutes: Double) throws -> [SignalRecord] {
        let cutoff = now.addingTimeInterval(-delayMinutes * 60)
        return try reader.read { db in
            try SignalRecord
                .filter(Column("reward_status") == RewardStatus.pending.rawValue && Column("timestamp") <= cutoff)
                .order(Column("timestamp"), Column("id"))
                .fetchAll(db)
        }
    }

    /// Stores one signal's reward in its own transaction, so a run that dies
    /// half-way keeps every reward it finished. Only a still-pending signal is
    /// written (a reward is never recomputed); returns whether it was.
    @discardableResult
    public func recordReward(signalID: Int64, _ reward: RewardMeasurement, at date: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(
                sql: """
                UPDATE signals SET actual_reward = ?, reward_mae = ?, reward_close = ?, reward_net = ?,
                  reward_status = 'done', reward_computed_at = ?
                WHERE id = ? AND reward_status = 'pending'
                """,
                arguments: [reward.actualReward, reward.mae, reward.close, reward.net, date, signalID])
            return db.changesCount == 1
        }
    }

    /// Gives up on a still-pending signal: `unavailable`, with `note` appended to its
    /// notes (saying why) and the decision time in `reward_computed_at`.
    @discardableResult
    public func markRewardUnavailable(signalID: Int64, note: String, at date: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(
                sql: """
                UPDATE signals SET reward_status = 'unavailable', reward_computed_at = ?,
                  notes = CASE WHEN notes = '' THEN ? ELSE notes || '; ' || ? END
                WHERE id = ? AND reward_status = 'pending'
                """,
                arguments: [date, note, note, signalID])
            return db.changesCount == 1
        }
    }
}
