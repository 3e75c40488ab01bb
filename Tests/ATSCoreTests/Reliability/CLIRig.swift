import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The built `ats` executable against the simulated market on the real clock (the
/// executable has no other), with a config in a temporary folder pointing at it and
/// ways to seed the database as earlier runs would have left it.
final class CLIRig: Sendable {
    let market: SimulatedMarket
    let directory: TemporaryDirectory
    let values: ATSConfig

    var config: URL { directory.file("ats.yaml") }
    var database: URL { directory.file("ats.sqlite") }
    var report: URL { directory.file("report/index.html") }
    var metrics: URL { directory.file("metrics/ats.prom") }

    private init(market: SimulatedMarket, directory: TemporaryDirectory, values: ATSConfig) {
        self.market = market
        self.directory = directory
        self.values = values
    }

    /// Defaults: both verifiers on, one retry, a metrics textfile; `edit` changes the rest.
    static func with<T>(
        extraPairs: Int = 0, notify: Bool = false, _ edit: (inout ATSConfig) -> Void = { _ in }, _ body: (CLIRig) async throws -> T
    ) async throws -> T {
        let market = try await SimulatedMarket.start(seed: 5, now: Clocks.system, extraPairs: extraPairs)
        do {
            let directory = try TemporaryDirectory()
            var values = ATSConfig()
            market.configure(&values)
            values.verifiers.binance.enabled = true
            values.http.retries = 1
            values.metrics.textfile = "metrics/ats.prom"
            if notify { _ = market.configureNotify(&values) }
            edit(&values)
            try Data(DefaultConfigFile.render(values).utf8).write(to: directory.file("ats.yaml"))
            let result = try await body(CLIRig(market: market, directory: directory, values: values))
            await market.stop()
            return result
        } catch {
            await market.stop()
            throw error
        }
    }

    /// `ats <stage> --config <this config> <more>`, run to its end.
    func ats(_ stage: String, _ more: [String] = [], _ launch: ATSChild.Launch = ATSChild.Launch()) async throws -> ATSChild.Result {
        try await start(stage, more, launch).finish()
    }

    func start(_ stage: String, _ more: [String] = [], _ launch: ATSChild.Launch = ATSChild.Launch()) throws -> ATSChild {
        try ATSChild.start([stage, "--config", config.path] + more, in: directory.url, launch)
    }

    func open() throws -> AppDatabase { try AppDatabase.open(at: database) }

    /// The environment `ats notify` reads its receivers' URLs and secrets from.
    var notifyLaunch: ATSChild.Launch { ATSChild.Launch(environment: market.notifyVariables(values.notify)) }

    /// The market's watchlist pairs, stored as `scan` would store them.
    func fillWatchlist(_ pairs: [SimulatedPair]? = nil) throws {
        let entries = LoopbackRig.watchlistEntries(pairs ?? market.watchlistPairs, in: market, at: Date())
        try open().replaceWatchlist(entries, exclusions: [], runID: 0)
    }

    /// One due signal per watchlist symbol, `minutesAgo` old, each with the observation
    /// poll writes beside it (a burst of a past run numbered `run`).
    @discardableResult
    func insertDueSignals(run: Int64, minutesAgo: Double = 20, routing: NotificationRouting = .none) throws -> Int {
        let at = Date().addingTimeInterval(-minutesAgo * 60)
        let second = Int64(at.timeIntervalSince1970)
        let rows = market.watchlistPairs.compactMap { pair -> BurstRow? in
            guard let price = market.model.mexcPrice(symbol: pair.baseSymbol + "USDT", at: second) else { return nil }
            let observation = ObservationRecord(
                id: nil, runId: run, burst: 1, observedAt: at, cexSymbol: pair.baseSymbol, chainId: pair.chainID,
                pairAddress: pair.pairAddress, outcome: .signal, reason: "signal", dexPrice: price * 0.98, cexPrice: price,
                spread: 2, dexLiquidityUsd: 1e6, dexVolume24hUsd: 1e6, cexVolume24hUsd: 1e7, verifierPrices: "{}",
                latencyMs: 10, signalId: nil)
            let signal = SignalRecord(
                id: nil, timestamp: at, chainId: pair.chainID, pairAddress: pair.pairAddress,
                pairSymbol: "\(pair.baseSymbol)/\(pair.quoteSymbol)", cexSymbol: pair.baseSymbol, signalType: .buy,
                dexPrice: price * 0.98, cexPrice: price, spread: 2, dataLatencyMs: 10, marketRegime: nil, notes: "",
                actualReward: nil, rewardMae: nil, rewardClose: nil, rewardNet: nil, rewardStatus: .pending,
                rewardComputedAt: nil, runId: run)
            return BurstRow(observation: observation, signal: signal)
        }
        try open().recordBurst(rows, routing: routing)
        return rows.count
    }

    /// Row counts per table (a quick "nothing lost").
    func counts() async throws -> [String: Int] {
        let database = database
        return try await Blocking.run { try DatabaseAudit.reader(database).read { db in
            var counts: [String: Int] = [:]
            for table in ["runs", "observations", "signals", "source_requests", "watchlist", "scan_exclusions"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return counts
        } }
    }
}
