import Foundation
import GRDB
import Testing
@testable import ATSCore

@Suite struct PruneTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    func signal(at date: Date) -> SignalRecord {
        SignalRecord(id: nil, timestamp: date, chainId: "solana", pairAddress: "P", pairSymbol: "JUP/USDC", cexSymbol: "JUP",
                     signalType: .buy, dexPrice: 1, cexPrice: 1.01, spread: 1, dataLatencyMs: 10, marketRegime: "flat",
                     notes: "", rewardStatus: .pending)
    }

    func observation(at date: Date, run: Int64) -> ObservationRecord {
        ObservationRecord(id: nil, runId: run, burst: 1, observedAt: date, cexSymbol: "JUP", chainId: "solana", pairAddress: "P",
                          outcome: .noSignal, reason: "", verifierPrices: "{}")
    }

    func seed(_ database: AppDatabase, days: [Double]) throws {
        try database.write { db in
            for day in days {
                let date = Self.now.addingTimeInterval(-day * 86_400)
                var run = RunRecord(id: nil, stage: .poll, startedAt: date, finishedAt: date, status: .ok, summary: "", counts: "{}")
                try run.insert(db)
                var obs = observation(at: date, run: run.id!)
                try obs.insert(db)
                var sig = signal(at: date)
                try sig.insert(db)
                var request = SourceRequestRecord(id: nil, runId: run.id!, stage: .poll, source: "mexc", endpoint: "x", requestedAt: date,
                                                  latencyMs: 5, statusCode: 200, ok: true, error: nil)
                try request.insert(db)
            }
        }
    }

    func count(_ database: AppDatabase, _ table: String) throws -> Int {
        try database.reader.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)")! }
    }

    @Test func oldObservationsGoAndSignalsStayUnlessAsked() throws {
        let database = try AppDatabase.inMemory()
        try seed(database, days: [40, 35, 31, 29, 1])
        let counts = try database.prune(olderThan: Self.now.addingTimeInterval(-30 * 86_400), includeSignals: false, batch: 2)
        #expect(counts.observations == 3)
        #expect(counts.sourceRequests == 3)
        #expect(counts.signals == 0)
        #expect(try count(database, "observations") == 2)
        #expect(try count(database, "signals") == 5)
        #expect(try count(database, "runs") == 2)
    }

    @Test func signalsGoWhenAsked() throws {
        let database = try AppDatabase.inMemory()
        try seed(database, days: [40, 1])
        let counts = try database.prune(olderThan: Self.now.addingTimeInterval(-30 * 86_400), includeSignals: true)
        #expect(counts.signals == 1)
        #expect(try count(database, "signals") == 1)
    }

    @Test func theLastRunOfEachStageIsKeptHoweverOld() throws {
        let database = try AppDatabase.inMemory()
        try seed(database, days: [90, 80])
        _ = try database.prune(olderThan: Self.now.addingTimeInterval(-30 * 86_400), includeSignals: false)
        #expect(try database.lastRuns(stage: .poll, limit: 5).count == 1)
    }

    @Test func pruneRunsWhileAnotherWriterKeepsWriting() async throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("ats.sqlite")
        let database = try AppDatabase.open(at: url)
        try seed(database, days: Array(repeating: 40, count: 2_000))
        let other = try AppDatabase.open(at: url)  // a second connection pool, as a poll process has
        let writer = Task {
            for index in 0..<200 {
                try other.write { db in
                    var obs = observation(at: Self.now, run: 1)
                    obs.reason = "live \(index)"
                    try obs.insert(db)
                }
            }
        }
        let counts = try database.prune(olderThan: Self.now.addingTimeInterval(-30 * 86_400), includeSignals: false, batch: 100)
        try await writer.value
        #expect(counts.observations == 2_000)
        #expect(try count(database, "observations") == 200)
        let integrity = try await database.reader.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }
}

@Suite struct ColumnNameTests {
    @Test(arguments: [
        ("dexVolume24hUsd", "dex_volume_24h_usd"), ("cexVolume24hUsd", "cex_volume_24h_usd"), ("dataLatencyMs", "data_latency_ms"),
        ("rewardMae", "reward_mae"), ("id", "id"), ("runId", "run_id"), ("coingeckoId", "coingecko_id"),
    ])
    func propertiesAndColumnsMapBothWays(_ property: String, _ column: String) {
        #expect(ColumnName.column(property) == column)
        #expect(ColumnName.property(column) == property)
    }
}
