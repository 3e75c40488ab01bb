import Foundation
import GRDB
import Testing
@testable import ATSCore

@Suite struct PollRecordingTests {
    static func observation(_ symbol: String, outcome: PairOutcome = .signal) -> ObservationRecord {
        ObservationRecord(id: nil, runId: 1, burst: 1, observedAt: PairEvaluatorTests.now, cexSymbol: symbol, chainId: "solana",
                          pairAddress: "Pool\(symbol)", outcome: outcome, reason: "", dexPrice: 1, cexPrice: 1.02, spread: 2,
                          dexLiquidityUsd: 1, dexVolume24hUsd: 1, cexVolume24hUsd: 1, verifierPrices: "{}", latencyMs: 5, signalId: nil)
    }

    static func signal(_ symbol: String, _ side: SignalType, at date: Date = PairEvaluatorTests.now) -> SignalRecord {
        SignalRecord(id: nil, timestamp: date, chainId: "solana", pairAddress: "Pool\(symbol)", pairSymbol: "\(symbol)/USDC",
                     cexSymbol: symbol, signalType: side, dexPrice: 1, cexPrice: 1.02, spread: 2, dataLatencyMs: 5, marketRegime: "flat",
                     notes: "", actualReward: nil, rewardMae: nil, rewardClose: nil, rewardNet: nil, rewardStatus: .pending,
                     rewardComputedAt: nil, runId: 1)
    }

    @Test func aBurstLinksEachObservationToItsSignal() throws {
        let database = try AppDatabase.inMemory()
        try database.recordBurst([
            BurstRow(observation: Self.observation("ALPHA"), signal: Self.signal("ALPHA", .buy)),
            BurstRow(observation: Self.observation("BETA", outcome: .noSignal), signal: nil),
        ])
        let rows = try database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT o.cex_symbol, s.cex_symbol AS linked FROM observations o LEFT JOIN signals s ON s.id = o.signal_id ORDER BY o.id")
        }
        #expect(rows.map { $0["cex_symbol"] as String } == ["ALPHA", "BETA"])
        #expect(rows.map { $0["linked"] as String? } == ["ALPHA", nil])
    }

    @Test func aBurstThatFailsHalfwayStoresNothing() throws {
        let database = try AppDatabase.inMemory()
        // The third row's insert fails after two signals and two observations were written.
        try database.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_bad BEFORE INSERT ON observations WHEN NEW.cex_symbol = 'BAD'
                BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END
                """)
        }
        #expect(throws: (any Error).self) {
            try database.recordBurst([
                BurstRow(observation: Self.observation("ALPHA"), signal: Self.signal("ALPHA", .buy)),
                BurstRow(observation: Self.observation("BETA"), signal: Self.signal("BETA", .sell)),
                BurstRow(observation: Self.observation("BAD"), signal: Self.signal("BAD", .buy)),
            ])
        }
        let counts = try database.reader.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signals")!, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observations")!)
        }
        #expect(counts == (0, 0))
    }

    @Test func verifierPricesAreJSONWithNullForNoAnswer() {
        #expect(BurstRecords.verifierJSON(["coingecko": 0.4715, "binance": nil]) == #"{"binance":null,"coingecko":0.4715}"#)
        #expect(BurstRecords.verifierJSON([:]) == "{}")
    }
}
