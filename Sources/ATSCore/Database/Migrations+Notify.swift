import GRDB

extension AppDatabase {
    /// The notification outbox (product.md "notify"): one row per event per channel,
    /// written in the transaction that records the event, so poll never waits on a
    /// receiver and a kill can neither lose an event nor queue it twice. A database
    /// from before gets an empty outbox: enabling a channel sends nothing from the past.
    static func v3Notify(_ db: Database) throws {
        try db.create(table: "notifications") { t in
            t.autoIncrementedPrimaryKey("id")
            /// `signal`, `reward` or `health` (the `notify.events` names).
            t.column("event", .text).notNull()
            /// Stable across retries and channels: what a receiver drops a repeat by.
            t.column("event_id", .text).notNull()
            t.column("channel", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("status", .text).notNull()
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("sent_at", .datetime)
            t.column("note", .text).notNull().defaults(to: "")
            /// A receiver's Retry-After: not asked again before this.
            t.column("not_before", .datetime)
            t.column("signal_id", .integer)
            /// Health events: the stage, and what was seen (JSON, written by notify).
            t.column("stage", .text)
            t.column("detail", .text).notNull().defaults(to: "")
            t.uniqueKey(["event_id", "channel"])
        }
        try db.create(index: "notifications_on_status", on: "notifications", columns: ["status", "channel", "created_at"])
        // Which stages notify has announced as unhealthy (an alert is sent once, and a recovery once).
        try db.create(table: "stage_health") { t in
            t.primaryKey("stage", .text)
            t.column("down_since", .datetime)
            t.column("alerted_at", .datetime).notNull()
        }
    }
}
