import Foundation
import GRDB

/// The shared request budget (product.md "Network manners"): every `ats` process on this
/// file reserves weight here, in a short IMMEDIATE transaction (WAL and the busy timeout
/// let the others wait their turn), before it sends a request.
extension AppDatabase: RequestBudget {
    public func reserve(_ ask: BudgetAsk, at now: Date) throws -> BudgetAnswer {
        try writeImmediate { db in
            let t = now.timeIntervalSince1970
            if let pause = try Self.pause(of: ask.source, db), pause.until > now,
               !(ask.ignoringPauseThrough.map { pause.until <= $0 } ?? false) {
                return .paused(pause)
            }
            let month = BudgetMonth.key(now)
            if ask.countsMonthly, ask.monthlyCredits > 0 {
                let calls = try Self.calls(ask.source, month: month, db)
                if calls >= ask.monthlyCredits { return .monthSpent(calls: calls, credits: ask.monthlyCredits) }
            }
            // Pruned as it goes: nothing older than the window can matter again.
            try db.execute(sql: "DELETE FROM request_grants WHERE source = ? AND bucket = ? AND granted_at <= ?",
                           arguments: [ask.source, ask.bucket, t - ask.limit.countedSeconds])
            let grants = try Row.fetchAll(db, sql: "SELECT granted_at, weight FROM request_grants WHERE source = ? AND bucket = ?",
                                          arguments: [ask.source, ask.bucket])
                .map { (at: $0["granted_at"] as Double, weight: $0["weight"] as Double) }
            let answer = SlidingWindow.decide(grants: grants, weight: ask.weight, limit: ask.limit, now: t)
            guard answer == .granted else { return answer }
            try db.execute(sql: "INSERT INTO request_grants (source, bucket, granted_at, weight) VALUES (?, ?, ?, ?)",
                           arguments: [ask.source, ask.bucket, t + ask.inFlightSeconds, min(ask.weight, ask.limit.weight)])
            if ask.countsMonthly {
                try db.execute(sql: """
                    INSERT INTO monthly_calls (source, month, calls) VALUES (?, ?, 1)
                    ON CONFLICT (source, month) DO UPDATE SET calls = calls + 1
                    """, arguments: [ask.source, month])
            }
            return .granted
        }
    }

    public func settle(_ ask: BudgetAsk, reservedAt: Date, answeredAt: Date) throws {
        let reserved = reservedAt.timeIntervalSince1970 + ask.inFlightSeconds
        try writeImmediate { db in
            try db.execute(sql: """
                UPDATE request_grants SET granted_at = ? WHERE id = (
                  SELECT id FROM request_grants WHERE source = ? AND bucket = ? AND granted_at = ? LIMIT 1)
                """, arguments: [min(reserved, answeredAt.timeIntervalSince1970), ask.source, ask.bucket, reserved])
        }
    }

    public func pause(_ pause: SourcePause) throws {
        try writeImmediate { db in
            try db.execute(sql: """
                INSERT INTO source_pauses (source, paused_until, set_at, status_code, reason) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (source) DO UPDATE SET paused_until = excluded.paused_until, set_at = excluded.set_at,
                  status_code = excluded.status_code, reason = excluded.reason
                WHERE excluded.paused_until > source_pauses.paused_until
                """, arguments: [pause.source, pause.until.timeIntervalSince1970, Date().timeIntervalSince1970, pause.statusCode, pause.reason])
        }
    }

    /// The pause in force for `source` at `now`, if any.
    public func pause(of source: String, at now: Date) throws -> SourcePause? {
        try reader.read { db in try Self.pause(of: source, db).flatMap { $0.until > now ? $0 : nil } }
    }

    /// Every pause still in force at `now`, soonest end first (status, report, metrics).
    public func pausesInForce(at now: Date) throws -> [SourcePause] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM source_pauses WHERE paused_until > ? ORDER BY paused_until",
                             arguments: [now.timeIntervalSince1970]).map(Self.pause(from:))
        }
    }

    /// What each source and bucket has been granted in its limit's last window at `now`
    /// (`limits` by source; a source not listed uses `SourcePacing.limit(for:)`).
    public func budgetUse(at now: Date, limits: [String: BudgetLimit] = [:]) throws -> [BudgetUse] {
        try reader.read { db in
            let pairs = try Row.fetchAll(db, sql: "SELECT DISTINCT source, bucket FROM request_grants ORDER BY source, bucket")
            return try pairs.map { row in
                let source: String = row["source"], bucket: String = row["bucket"]
                let limit = limits[source] ?? SourcePacing.limit(for: source)
                let used = try Double.fetchOne(db, sql: """
                    SELECT COALESCE(SUM(weight), 0) FROM request_grants WHERE source = ? AND bucket = ? AND granted_at > ?
                    """, arguments: [source, bucket, now.timeIntervalSince1970 - limit.windowSeconds]) ?? 0
                return BudgetUse(source: source, bucket: bucket, used: used, limit: limit)
            }
        }
    }

    /// Calls made to `source` in `now`'s UTC month (CoinGecko's credits).
    public func monthCalls(source: String, at now: Date) throws -> Int {
        try reader.read { db in try Self.calls(source, month: BudgetMonth.key(now), db) }
    }

    /// Runs `updates` in an IMMEDIATE transaction: the write lock is taken before the window
    /// is read, so two processes can never both see room that only one of them may use.
    func writeImmediate<T>(_ updates: (Database) throws -> T) throws -> T {
        try writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try updates(db)
                return .commit
            }
            return result!
        }
    }

    private static func pause(of source: String, _ db: Database) throws -> SourcePause? {
        try Row.fetchOne(db, sql: "SELECT * FROM source_pauses WHERE source = ?", arguments: [source]).map(pause(from:))
    }

    private static func pause(from row: Row) -> SourcePause {
        SourcePause(source: row["source"], until: Date(timeIntervalSince1970: row["paused_until"]),
                    statusCode: row["status_code"], reason: row["reason"])
    }

    private static func calls(_ source: String, month: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT calls FROM monthly_calls WHERE source = ? AND month = ?", arguments: [source, month]) ?? 0
    }
}

/// One source's (and bucket's) use of its budget in the limit's last window.
public struct BudgetUse: Sendable, Equatable {
    public var source: String
    public var bucket: String
    public var used: Double
    public var limit: BudgetLimit

    /// `mexc /api/v3/ticker/24hr: 40 of 500 weight per 10 s`
    public var description: String {
        "\(source)\(bucket == "all" ? "" : " " + bucket): \(Format.shortest(used)) of \(limit.description)"
    }
}

/// CoinGecko prices kept for `cache_seconds`, shared by every burst and run.
extension AppDatabase {
    public struct CachedPrice: Sendable, Equatable {
        public var coinID: String
        public var price: Double?
        public var lastUpdatedAt: Int64?
    }

    /// Prices of `ids` fetched after `since` (a nil price: the source had none).
    public func cachedPrices(source: String, ids: [String], since: Date) throws -> [String: CachedPrice] {
        guard !ids.isEmpty else { return [:] }
        return try reader.read { db in
            var found: [String: CachedPrice] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT coin_id, price, last_updated_at FROM price_cache WHERE source = ? AND fetched_at > ? AND coin_id IN (\(marks))
                    """, arguments: StatementArguments([source, since.timeIntervalSince1970] as [any DatabaseValueConvertible]) + StatementArguments(chunk))
                for row in rows {
                    let id: String = row["coin_id"]
                    found[id] = CachedPrice(coinID: id, price: row["price"], lastUpdatedAt: row["last_updated_at"])
                }
            }
            return found
        }
    }

    public func storePrices(source: String, _ prices: [CachedPrice], fetchedAt: Date) throws {
        guard !prices.isEmpty else { return }
        try write { db in
            for price in prices {
                try db.execute(sql: """
                    INSERT INTO price_cache (source, coin_id, fetched_at, price, last_updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (source, coin_id) DO UPDATE SET fetched_at = excluded.fetched_at, price = excluded.price,
                      last_updated_at = excluded.last_updated_at
                    """, arguments: [source, price.coinID, fetchedAt.timeIntervalSince1970, price.price, price.lastUpdatedAt])
            }
        }
    }
}
