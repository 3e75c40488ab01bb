import GRDB

extension AppDatabase {
    /// Named migrations. Once a migration has landed it is never edited:
    /// schema changes are new migrations, so an old file upgrades in place.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: watchlist, runs, signals, observations, scan exclusions, requests, identity cache") { db in
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("stage", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime)
                t.column("status", .text).notNull()
                t.column("summary", .text).notNull().defaults(to: "")
                t.column("counts", .text).notNull().defaults(to: "{}")
            }
            try db.create(index: "runs_on_stage_started", on: "runs", columns: ["stage", "started_at"])

            try db.create(table: "watchlist") { t in
                t.column("rank", .integer).notNull().primaryKey()
                t.column("cex_symbol", .text).notNull().unique()
                t.column("base_symbol", .text).notNull()
                t.column("quote_symbol", .text).notNull()
                t.column("chain_id", .text).notNull()
                t.column("pair_address", .text).notNull()
                t.column("base_address", .text).notNull()
                t.column("dex_id", .text)
                t.column("coingecko_id", .text)
                t.column("price_usd", .double)
                t.column("liquidity_usd", .double)
                t.column("final_score", .double).notNull()
                t.column("confirmations", .integer).notNull()
                t.column("sources", .text).notNull()
                t.column("scanned_at", .datetime).notNull()
            }

            try db.create(table: "scan_exclusions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("scanned_at", .datetime).notNull()
                t.column("source", .text).notNull()
                t.column("chain_id", .text).notNull()
                t.column("pair_address", .text).notNull()
                t.column("base_symbol", .text).notNull()
                t.column("quote_symbol", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("detail", .text).notNull()
            }
            try db.create(index: "scan_exclusions_on_run", on: "scan_exclusions", columns: ["run_id"])

            try db.create(table: "signals") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("timestamp", .datetime).notNull()
                t.column("chain_id", .text).notNull()
                t.column("pair_address", .text).notNull()
                t.column("pair_symbol", .text).notNull()
                t.column("cex_symbol", .text).notNull()
                t.column("signal_type", .text).notNull()
                t.column("dex_price", .double).notNull()
                t.column("cex_price", .double).notNull()
                t.column("spread", .double).notNull()
                t.column("data_latency_ms", .integer)
                t.column("market_regime", .text)
                t.column("notes", .text).notNull().defaults(to: "")
                t.column("actual_reward", .double)
                t.column("reward_mae", .double)
                t.column("reward_close", .double)
                t.column("reward_net", .double)
                t.column("reward_status", .text).notNull().defaults(to: "pending")
                t.column("reward_computed_at", .datetime)
                t.column("run_id", .integer)
            }
            try db.create(index: "signals_on_timestamp", on: "signals", columns: ["timestamp"])
            try db.create(index: "signals_on_cex_symbol", on: "signals", columns: ["cex_symbol"])
            try db.create(index: "signals_on_reward_status", on: "signals", columns: ["reward_status", "timestamp"])
            // The report's reward histogram: percentiles and bins without a sort of every signal.
            try db.create(index: "signals_on_reward_net", on: "signals", columns: ["reward_status", "reward_net"])

            try db.create(table: "observations") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull()
                t.column("burst", .integer).notNull()
                t.column("observed_at", .datetime).notNull()
                t.column("cex_symbol", .text).notNull()
                t.column("chain_id", .text).notNull()
                t.column("pair_address", .text).notNull()
                t.column("outcome", .text).notNull()
                t.column("reason", .text).notNull().defaults(to: "")
                t.column("dex_price", .double)
                t.column("cex_price", .double)
                t.column("spread", .double)
                t.column("dex_liquidity_usd", .double)
                t.column("dex_volume_24h_usd", .double)
                t.column("cex_volume_24h_usd", .double)
                t.column("verifier_prices", .text).notNull().defaults(to: "{}")
                t.column("latency_ms", .integer)
                t.column("signal_id", .integer)
            }
            try db.create(index: "observations_on_observed_at", on: "observations", columns: ["observed_at"])
            try db.create(index: "observations_on_symbol", on: "observations", columns: ["cex_symbol", "observed_at"])
            try db.create(index: "observations_on_outcome", on: "observations", columns: ["outcome", "observed_at"])

            try db.create(table: "source_requests") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull()
                t.column("stage", .text).notNull()
                t.column("source", .text).notNull()
                t.column("endpoint", .text).notNull()
                t.column("requested_at", .datetime).notNull()
                t.column("latency_ms", .integer).notNull()
                t.column("status_code", .integer)
                t.column("ok", .boolean).notNull()
                t.column("error", .text)
            }
            try db.create(index: "source_requests_on_source", on: "source_requests", columns: ["source", "requested_at"])

            try db.create(table: "coingecko_coins") { t in
                t.primaryKey("id", .text)
                t.column("symbol", .text).notNull()
                t.column("name", .text).notNull()
            }
            try db.create(index: "coingecko_coins_on_symbol", on: "coingecko_coins", columns: ["symbol"])
            try db.create(table: "coingecko_platforms") { t in
                t.column("coin_id", .text).notNull().references("coingecko_coins", onDelete: .cascade)
                t.column("platform", .text).notNull()
                t.column("address", .text).notNull()
                t.primaryKey(["coin_id", "platform"])
            }
            try db.create(index: "coingecko_platforms_on_address", on: "coingecko_platforms", columns: ["address"])

            try db.create(table: "cache_meta") { t in
                t.primaryKey("key", .text)
                t.column("refreshed_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2: prices at size, quote rates, reward costs and baseline, signal candles", migrate: v2)
        migrator.registerMigration("v3-budget: shared request budgets, source pauses, price cache, monthly calls", migrate: v3Budget)
        migrator.registerMigration("v3-notify: notification outbox", migrate: v3Notify)
        return migrator
    }

    /// v2 (product.md "What changed in v2"). v1 signals keep their numbers: their entry
    /// was the exchange price, and their cost was the fees they were charged
    /// (`reward_close − reward_net`); their book impact was never measured (NULL).
    private static func v2(_ db: Database) throws {
        try db.alter(table: "signals") { t in
            t.add(column: "cex_bid", .double)
            t.add(column: "cex_ask", .double)
            t.add(column: "quote_rate", .double)
            t.add(column: "trade_size", .double)
            t.add(column: "entry_price", .double)
            t.add(column: "impact_pct", .double)
            t.add(column: "reward_cost", .double)
            t.add(column: "reward_baseline", .double)
            t.add(column: "dex_price_after", .double)
            t.add(column: "cex_price_after", .double)
        }
        try db.execute(sql: """
            UPDATE signals SET entry_price = cex_price,
              reward_cost = CASE WHEN reward_close IS NOT NULL AND reward_net IS NOT NULL THEN reward_close - reward_net END
            """)
        try db.alter(table: "observations") { t in
            t.add(column: "cex_bid", .double)
            t.add(column: "cex_ask", .double)
            t.add(column: "quote_rate", .double)
            t.add(column: "impact_pct", .double)
        }
        try db.alter(table: "watchlist") { t in
            t.add(column: "quote_address", .text).notNull().defaults(to: "")
        }
        try db.create(table: "signal_candles") { t in
            t.column("signal_id", .integer).notNull().references("signals", onDelete: .cascade)
            t.column("open_time", .datetime).notNull()
            t.column("open", .double).notNull()
            t.column("high", .double).notNull()
            t.column("low", .double).notNull()
            t.column("close", .double).notNull()
            t.primaryKey(["signal_id", "open_time"])
        }
    }
}
