import Foundation
import Testing
@testable import ATSCore

/// `ats status --json` is read by scripts: its keys are a contract (README), so these
/// tests pin them, and what they hold on an empty and a used database.
@Suite struct StatusDocumentTests {
    static let topLevelKeys: Set<String> = ["build", "generated_at", "watchlist", "pending_rewards", "stages", "sources", "exclusion_reasons"]
    static let stageKeys: Set<String> = ["stage", "status", "started_at", "finished_at", "summary", "last_success_at"]
    static let sourceKeys: Set<String> = ["source", "requests_24h", "errors_24h", "median_latency_ms", "max_latency_ms", "last_error"]
    static let pairKeys: Set<String> = ["rank", "cex_symbol", "chain_id", "pair_address", "quote_symbol", "final_score", "confirmations", "sources"]
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Parsed as a script would, with `null` values kept as keys.
    static func object(_ database: AppDatabase) throws -> [String: Any] {
        let text = try StatusDocument.read(database: database, now: now).json()
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func anEmptyDatabaseGivesEveryKeyWithNullsAndZeros() throws {
        let json = try Self.object(try AppDatabase.inMemory())
        #expect(Set(json.keys) == Self.topLevelKeys)
        let build = try #require(json["build"] as? [String: String])
        #expect(build == ["version": BuildInfo.version, "commit": BuildInfo.commit])
        #expect(json["generated_at"] as? String == "2027-01-15T08:00:00Z")
        let watchlist = try #require(json["watchlist"] as? [String: Any])
        #expect(watchlist["count"] as? Int == 0)
        #expect(watchlist["scanned_at"] is NSNull)
        #expect((watchlist["pairs"] as? [Any])?.isEmpty == true)
        let pending = try #require(json["pending_rewards"] as? [String: Any])
        #expect(pending["count"] as? Int == 0 && pending["oldest_signal_at"] is NSNull)
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect(stages.map { $0["stage"] as? String } == Stage.scheduled.map(\.rawValue))
        for stage in stages {
            #expect(Set(stage.keys) == Self.stageKeys)
            #expect(stage["status"] is NSNull && stage["last_success_at"] is NSNull)
        }
        #expect((json["sources"] as? [Any])?.isEmpty == true)
    }

    @Test func aUsedDatabaseGivesTheWatchlistRunsAndSources() throws {
        let database = try AppDatabase.inMemory()
        let id = try database.beginRun(stage: .poll, at: Self.now.addingTimeInterval(-60))
        try database.finishRun(id: id, status: .partial, summary: "1 signal; mexc failed", counts: ["signals": 1], requests: [
            SourceRequestRecord(id: nil, runId: 0, stage: .poll, source: "mexc", endpoint: "t", requestedAt: Self.now.addingTimeInterval(-59),
                                latencyMs: 120, statusCode: 503, ok: false, error: "HTTP 503 \"quoted\""),
        ], at: Self.now.addingTimeInterval(-58))
        try database.replaceWatchlist([WatchlistEntry(
            rank: 1, cexSymbol: "ALPHA", baseSymbol: "ALPHA", quoteSymbol: "USDC", chainId: "solana", pairAddress: "P1",
            baseAddress: "B1", dexId: nil, coingeckoId: nil, priceUsd: 1, liquidityUsd: 1, finalScore: 412.5, confirmations: 2,
            sources: "dexscreener,geckoterminal", scannedAt: Self.now.addingTimeInterval(-300))], exclusions: [], runID: 0)

        let json = try Self.object(database)
        let watchlist = try #require(json["watchlist"] as? [String: Any])
        #expect(watchlist["scanned_at"] as? String == "2027-01-15T07:55:00Z")
        let pair = try #require((watchlist["pairs"] as? [[String: Any]])?.first)
        #expect(Set(pair.keys) == Self.pairKeys)
        #expect(pair["cex_symbol"] as? String == "ALPHA" && pair["final_score"] as? Double == 412.5)
        #expect(pair["sources"] as? [String] == ["dexscreener", "geckoterminal"])
        let poll = try #require((json["stages"] as? [[String: Any]])?.first { $0["stage"] as? String == "poll" })
        #expect(poll["status"] as? String == "partial")
        #expect(poll["finished_at"] as? String == "2027-01-15T07:59:02Z")
        #expect(poll["last_success_at"] as? String == "2027-01-15T07:59:02Z")  // partial counts as a success
        let source = try #require((json["sources"] as? [[String: Any]])?.first)
        #expect(Set(source.keys) == Self.sourceKeys)
        #expect(source["requests_24h"] as? Int == 1 && source["errors_24h"] as? Int == 1)
        #expect(source["last_error"] as? String == "HTTP 503 \"quoted\"")
    }
}
