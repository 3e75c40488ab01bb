import Foundation
import GRDB
import Testing
@testable import ATSCore

/// A config in a temporary folder, a seeded watchlist, and the stub market: runs
/// `PollStage` exactly as the command does, with a fixed clock.
struct PollHarness {
    static let now = PairEvaluatorTests.now
    let market: PollTestMarket
    let setup: TestSetup
    let database: AppDatabase
    let capture = ConsoleCapture()

    init(_ pairs: [MarketPair], _ edit: (inout ATSConfig) -> Void = { _ in }) throws {
        market = PollTestMarket(pairs)
        setup = try TestSetup { values in
            PollTestMarket.configure(&values)
            edit(&values)
        }
        database = try setup.database()
        let entries = pairs.enumerated().map { $1.watchlistEntry(rank: $0 + 1, scannedAt: Self.now) }
        try database.replaceWatchlist(entries, exclusions: [], runID: 0)
    }

    func run(bursts: Int? = 1, interval: Double? = 0, variables: [String: String] = [:]) async -> StageRunner.Outcome {
        var environment = setup.environment(market.transport, now: { Self.now })
        environment.console = capture.console()
        environment.variables = variables
        return await PollStage.run(bursts: bursts, intervalSeconds: interval, config: setup.config, environment: environment)
    }

    func signals() throws -> [SignalRecord] {
        try database.reader.read { db in try SignalRecord.order(Column("id")).fetchAll(db) }
    }

    func observations() throws -> [ObservationRecord] {
        try database.reader.read { db in try ObservationRecord.order(Column("id")).fetchAll(db) }
    }

    func observation(_ symbol: String) throws -> ObservationRecord {
        try #require(try observations().first { $0.cexSymbol == symbol })
    }

    func lastRun() throws -> RunRecord {
        try #require(try database.lastRuns(stage: .poll, limit: 1).first)
    }

    func counts() throws -> [String: Int] {
        AppDatabase.decodeCounts(try lastRun().counts)
    }
}
