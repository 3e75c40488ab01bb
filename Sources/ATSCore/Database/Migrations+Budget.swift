import GRDB

extension AppDatabase {
    /// v3-budget (product.md "Network manners"): what every `ats` process on this file
    /// shares so that together they stay inside each API's published limits.
    /// - `request_grants`: every request weight granted, per source and bucket (MEXC counts
    ///   per endpoint), with its time; a sliding window is summed and pruned as it goes.
    ///   A process killed after reserving still counts: the safe side.
    /// - `source_pauses`: a 429/418 with `Retry-After` (418 without: 2 min), until when.
    /// - `price_cache`: CoinGecko prices, reused for `cache_seconds` across bursts and runs.
    /// - `monthly_calls`: calls per source per UTC month (`monthly_credits`).
    static func v3Budget(_ db: Database) throws {
        try db.create(table: "request_grants") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("source", .text).notNull()
            t.column("bucket", .text).notNull()
            // Unix seconds as REAL: windows are compared to the millisecond.
            t.column("granted_at", .double).notNull()
            t.column("weight", .double).notNull()
        }
        try db.create(index: "request_grants_on_bucket_time", on: "request_grants", columns: ["source", "bucket", "granted_at"])

        try db.create(table: "source_pauses") { t in
            t.primaryKey("source", .text)
            t.column("paused_until", .double).notNull()
            t.column("set_at", .double).notNull()
            t.column("status_code", .integer).notNull()
            t.column("reason", .text).notNull()
        }

        try db.create(table: "price_cache") { t in
            t.column("source", .text).notNull()
            t.column("coin_id", .text).notNull()
            t.column("fetched_at", .double).notNull()
            // NULL: the source had no price for the id (also worth not asking again soon).
            t.column("price", .double)
            t.column("last_updated_at", .integer)
            t.primaryKey(["source", "coin_id"])
        }

        try db.create(table: "monthly_calls") { t in
            t.column("source", .text).notNull()
            t.column("month", .text).notNull()
            t.column("calls", .integer).notNull()
            t.primaryKey(["source", "month"])
        }
    }
}
