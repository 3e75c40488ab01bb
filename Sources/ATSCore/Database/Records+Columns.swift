import GRDB

// The columns each record's queries filter, order and update by (GRDB's `Columns`
// convention); names are the snake_case columns of `Migrations`.

extension RunRecord {
    public enum Columns {
        static let id = Column("id")
        static let stage = Column("stage")
        static let startedAt = Column("started_at")
        static let finishedAt = Column("finished_at")
        static let status = Column("status")
        static let summary = Column("summary")
        static let counts = Column("counts")
    }
}

extension WatchlistEntry {
    public enum Columns {
        static let rank = Column("rank")
        static let cexSymbol = Column("cex_symbol")
    }
}

extension ScanExclusionRecord {
    public enum Columns {
        static let runId = Column("run_id")
        static let reason = Column("reason")
    }
}

extension SignalRecord {
    public enum Columns {
        static let id = Column("id")
        static let timestamp = Column("timestamp")
        static let cexSymbol = Column("cex_symbol")
        static let signalType = Column("signal_type")
        static let actualReward = Column("actual_reward")
        static let rewardMae = Column("reward_mae")
        static let rewardClose = Column("reward_close")
        static let rewardCost = Column("reward_cost")
        static let rewardNet = Column("reward_net")
        static let rewardBaseline = Column("reward_baseline")
        static let dexPriceAfter = Column("dex_price_after")
        static let cexPriceAfter = Column("cex_price_after")
        static let rewardStatus = Column("reward_status")
        static let rewardComputedAt = Column("reward_computed_at")
        static let notes = Column("notes")
    }
}

extension ObservationRecord {
    public enum Columns {
        static let id = Column("id")
        static let runId = Column("run_id")
        static let observedAt = Column("observed_at")
        static let outcome = Column("outcome")
        static let cexSymbol = Column("cex_symbol")
        static let chainId = Column("chain_id")
        static let pairAddress = Column("pair_address")
        static let dexPrice = Column("dex_price")
        static let cexPrice = Column("cex_price")
    }
}

extension SignalCandleRecord {
    public enum Columns {
        static let signalId = Column("signal_id")
        static let openTime = Column("open_time")
    }
}

extension SourceRequestRecord {
    public enum Columns {
        static let runId = Column("run_id")
        static let source = Column("source")
        static let requestedAt = Column("requested_at")
        static let latencyMs = Column("latency_ms")
        static let ok = Column("ok")
    }
}

extension CoinRecord {
    public enum Columns {
        static let id = Column("id")
        static let symbol = Column("symbol")
    }
}

extension CoinPlatformRecord {
    public enum Columns {
        static let coinId = Column("coin_id")
        static let platform = Column("platform")
        static let address = Column("address")
    }
}
