import Foundation
import GRDB

/// A stage's health as notify judged it: down (no successful run for too long) or recovered.
public struct StageHealthChange: Sendable, Equatable {
    public var stage: Stage
    public var isDown: Bool
    /// The last successful run (nil: never, since the first run of any stage).
    public var lastSuccess: Date?
    /// The stage's last run, as the message tells it (status and summary).
    public var lastRun: String
    public var at: Date

    public init(stage: Stage, isDown: Bool, lastSuccess: Date?, lastRun: String, at: Date) {
        self.stage = stage
        self.isDown = isDown
        self.lastSuccess = lastSuccess
        self.lastRun = lastRun
        self.at = at
    }

    /// Stable: one alert per outage (keyed by when it began), one recovery per outage.
    var eventID: String {
        let since = lastSuccess.map { String(Int64(($0.timeIntervalSince1970).rounded(.down))) } ?? "never"
        return "ats-health-\(stage.rawValue)-\(isDown ? "down" : "up")-\(since)"
    }
}

extension AppDatabase {
    /// Queues one delivery per channel, inside the caller's transaction (the event's own).
    static func queue(_ db: Database, _ event: NotificationEvent, eventID: String, channels: [String], at date: Date,
                      signalID: Int64? = nil, stage: Stage? = nil, detail: String = "") throws {
        for channel in channels {
            var row = NotificationRecord(event: event, eventId: eventID, channel: channel, createdAt: date,
                                         signalId: signalID, stage: stage, detail: detail)
            try row.insert(db, onConflict: .ignore)
        }
    }

    /// The stages notify has announced as down, with when their outage began.
    public func stagesAnnouncedDown() throws -> [Stage: Date?] {
        try reader.read { db in
            var out: [Stage: Date?] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT stage, down_since FROM stage_health") {
                guard let stage = Stage(rawValue: row["stage"]) else { continue }
                out.updateValue(row["down_since"] as Date?, forKey: stage)
            }
            return out
        }
    }

    /// The earliest run of any stage: a stage that never succeeded is judged from then.
    public func firstRunStarted() throws -> Date? {
        try reader.read { db in try Date.fetchOne(db, sql: "SELECT MIN(started_at) FROM runs") }
    }

    /// Records health changes and queues their alerts in one transaction, so an alert is
    /// queued exactly once per outage and once per recovery, whatever kills the run.
    public func recordHealthChanges(_ changes: [StageHealthChange], routing: NotificationRouting) throws {
        guard !changes.isEmpty else { return }
        try write { db in
            for change in changes {
                if change.isDown {
                    try db.execute(sql: "INSERT OR REPLACE INTO stage_health (stage, down_since, alerted_at) VALUES (?, ?, ?)",
                                   arguments: [change.stage, change.lastSuccess, change.at])
                } else {
                    try db.execute(sql: "DELETE FROM stage_health WHERE stage = ?", arguments: [change.stage])
                }
                try Self.queue(db, .health, eventID: change.eventID, channels: routing.channels(for: .health), at: change.at,
                               stage: change.stage, detail: Self.healthDetail(change))
            }
        }
    }

    static func healthDetail(_ change: StageHealthChange) -> String {
        var object: [String: Any] = ["state": change.isDown ? "down" : "recovered", "last_run": change.lastRun]
        if let last = change.lastSuccess { object["last_success"] = last.iso8601 }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Queued deliveries of one channel that may be tried at `now`, oldest first, with their signals.
    public func pendingNotifications(channel: String, at now: Date, limit: Int) throws -> [PendingNotification] {
        try reader.read { db in
            let columns = NotificationRecord.Columns.self
            let rows = try NotificationRecord
                .filter(columns.status == NotificationStatus.queued && columns.channel == channel)
                .filter(columns.notBefore == nil || columns.notBefore <= now)
                .order(columns.createdAt, columns.id)
                .limit(limit)
                .fetchAll(db)
            let ids = Set(rows.compactMap(\.signalId))
            let signals = try SignalRecord.filter(ids.contains(SignalRecord.Columns.id)).fetchAll(db)
            let byID = Dictionary(uniqueKeysWithValues: signals.compactMap { signal in signal.id.map { ($0, signal) } })
            return rows.map { PendingNotification(delivery: $0, signal: $0.signalId.flatMap { byID[$0] }) }
        }
    }

    /// When the channel may next be asked (the earliest Retry-After among its queued rows), if it is waiting.
    public func notificationsWaitUntil(channel: String, after now: Date) throws -> Date? {
        try reader.read { db in
            try Date.fetchOne(db, sql: """
                SELECT MIN(not_before) FROM notifications WHERE status = ? AND channel = ? AND not_before > ?
                """, arguments: [NotificationStatus.queued, channel, now])
        }
    }

    /// A 2xx was received: the deliveries are `sent` and never sent again. Called before
    /// the next message goes out, so a kill loses at most the answer in flight.
    public func markNotificationsSent(_ ids: [Int64], at date: Date) throws {
        try update(ids, [
            NotificationRecord.Columns.status.set(to: NotificationStatus.sent),
            NotificationRecord.Columns.sentAt.set(to: date),
            NotificationRecord.Columns.attempts += 1,
            NotificationRecord.Columns.notBefore.set(to: nil),
        ])
    }

    /// The receiver refused them (noted, never retried).
    public func markNotificationsFailed(_ ids: [Int64], note: String) throws {
        try update(ids, [
            NotificationRecord.Columns.status.set(to: NotificationStatus.failed),
            NotificationRecord.Columns.attempts += 1,
            NotificationRecord.Columns.note.set(to: note),
        ])
    }

    /// Network error, 429 or 5xx: still queued, not tried again before `notBefore` (nil: next run).
    public func deferNotifications(_ ids: [Int64], note: String, notBefore: Date?) throws {
        try update(ids, [
            NotificationRecord.Columns.attempts += 1,
            NotificationRecord.Columns.note.set(to: note),
            NotificationRecord.Columns.notBefore.set(to: notBefore),
        ])
    }

    /// Deliveries still queued whose event is older than `cutoff` become `dropped`, noted; returns how many.
    @discardableResult
    public func dropNotifications(createdBefore cutoff: Date, note: String) throws -> Int {
        try write { db in
            try db.execute(sql: """
                UPDATE notifications SET status = ?,
                  note = CASE WHEN note = '' THEN ? ELSE ? || ' (last: ' || note || ')' END
                WHERE status = ? AND created_at < ?
                """, arguments: [NotificationStatus.dropped, note, note, NotificationStatus.queued, cutoff])
            return db.changesCount
        }
    }

    /// Deliveries per channel and status, the oldest queued and the latest note: what
    /// `status`, the report and the metrics show (and what a JSON status can reuse).
    public func notificationCounts() throws -> NotificationCounts {
        try reader.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT channel,
                  COUNT(*) FILTER (WHERE status = \(NotificationStatus.queued.sqlLiteral)) AS queued,
                  COUNT(*) FILTER (WHERE status = \(NotificationStatus.sent.sqlLiteral)) AS sent,
                  COUNT(*) FILTER (WHERE status = \(NotificationStatus.failed.sqlLiteral)) AS failed,
                  COUNT(*) FILTER (WHERE status = \(NotificationStatus.dropped.sqlLiteral)) AS dropped,
                  MIN(created_at) FILTER (WHERE status = \(NotificationStatus.queued.sqlLiteral)) AS oldest,
                  (SELECT note FROM notifications AS n WHERE n.channel = notifications.channel AND n.note != ''
                     AND n.status != \(NotificationStatus.sent.sqlLiteral) ORDER BY n.id DESC LIMIT 1) AS last_note
                FROM notifications GROUP BY channel ORDER BY channel
                """)
            return NotificationCounts(channels: rows.map { row in
                NotificationCounts.Channel(channel: row["channel"], queued: row["queued"], sent: row["sent"], failed: row["failed"],
                                           dropped: row["dropped"], oldestQueued: row["oldest"], lastNote: row["last_note"])
            })
        }
    }

    /// Deliveries that are queued, failed or dropped, newest first (the report's list).
    public func unsentNotifications(limit: Int) throws -> [NotificationRecord] {
        try reader.read { db in
            try NotificationRecord
                .filter(NotificationRecord.Columns.status != NotificationStatus.sent)
                .order(NotificationRecord.Columns.createdAt.desc, NotificationRecord.Columns.id.desc)
                .limit(limit)
                .fetchAll(db)
        }
    }

    private func update(_ ids: [Int64], _ assignments: [ColumnAssignment]) throws {
        guard !ids.isEmpty else { return }
        try write { db in
            _ = try NotificationRecord
                .filter(ids.contains(NotificationRecord.Columns.id) && NotificationRecord.Columns.status == NotificationStatus.queued)
                .updateAll(db, assignments)
        }
    }
}
