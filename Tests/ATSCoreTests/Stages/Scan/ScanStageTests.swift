import Foundation
import GRDB
import Testing
@testable import ATSCore

@Suite struct ScanStageTests {
    /// Every source answering with the fixtures of market-apis.md.
    static func healthyMarket() throws -> [String: HTTPResponse] {
        [
            "/latest/dex/search": try .fixture("dexscreener-search"),
            "/trending_pools": try .fixture("geckoterminal-trending-pools"),
            "/api/v3/exchangeInfo": try .fixture("mexc-exchange-info"),
            "/coins/list": try .fixture("coingecko-coins-list"),
        ]
    }

    func run(_ setup: TestSetup, _ transport: StubTransport) async -> StageRunner.Outcome {
        await ScanStage.run(config: setup.config, environment: setup.environment(transport))
    }

    @Test func theFixturesAdmitExactlyJUPConfirmedByBothScanners() async throws {
        let setup = try TestSetup()
        let outcome = await run(setup, StubTransport(byPath: try Self.healthyMarket()))
        #expect(outcome.exit == .ok)
        #expect(outcome.status == .ok)
        let watchlist = try setup.database().watchlist()
        #expect(watchlist.map(\.cexSymbol) == ["JUP"])
        let jup = try #require(watchlist.first)
        #expect(jup.confirmations == 2)
        #expect(jup.sources == "dexscreener,geckoterminal")
        #expect(abs(jup.finalScore - (2 * (0.3 * 0.85 + 0.7 * 109) + 150)) < 1e-9)
        #expect(jup.pairAddress == "8sLbnzM5ZxZ8FhTjU1bDKfA9yqLsA1BTeqRqcN2m5bq2")
        #expect(jup.baseAddress == ScanFixtures.jupSolana)
        #expect(jup.coingeckoId == "jupiter-exchange-solana")
        #expect(jup.quoteSymbol == "USDC")
        #expect(jup.quoteAddress == "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
        #expect(jup.pairSymbol == "JUP/USDC")
    }

    /// A count no `Int` holds used to trap the whole scan; it is no data, as an omitted window
    /// is: JUP stays admitted, its DexScreener score counting the sells alone.
    @Test func aCountNoIntHoldsIsNoDataNotACrash() async throws {
        let setup = try TestSetup()
        var answers = try Self.healthyMarket()
        let search = String(decoding: try Fixtures.data("dexscreener-search"), as: UTF8.self)
        answers["/latest/dex/search"] = .json(search.replacingOccurrences(of: "\"buys\": 61,", with: "\"buys\": 1e19,"))
        let outcome = await run(setup, StubTransport(byPath: answers))
        #expect(outcome.status == .ok)
        let jup = try #require(try setup.database().watchlist().first)
        #expect(abs(jup.finalScore - ((0.3 * 0.85 + 0.7 * 48) + (0.3 * 0.85 + 0.7 * 109) + 150)) < 1e-9)
    }

    @Test func everyExcludedCandidateKeepsItsReason() async throws {
        let setup = try TestSetup()
        _ = await run(setup, StubTransport(byPath: try Self.healthyMarket()))
        let rows = try setup.database().reader.read { db in
            try Row.fetchAll(db, sql: "SELECT source, base_symbol, reason, detail FROM scan_exclusions ORDER BY source, base_symbol")
        }
        let seen = rows.map { "\($0["source"] as String) \($0["base_symbol"] as String) \($0["reason"] as String)" }
        #expect(seen == ["dexscreener BEEPER quote", "dexscreener POPCAT\u{202E} quote", "geckoterminal WIFE quote"])
    }

    /// product.md: "Every enabled scanner runs concurrently." Each scanner's request is only
    /// answered once the other scanner's request has arrived too; run one after the other,
    /// the first gives up (500) and the symbol loses its confirmation.
    @Test func theScannersRunConcurrently() async throws {
        let setup = try TestSetup { $0.http.retries = 0 }
        let answers = try Self.healthyMarket()
        let seen = SeenPaths()
        let transport = StubTransport { request in
            let path = request.url.path
            seen.add(path)
            let other = path.contains("/latest/dex/search") ? "/trending_pools" : (path.contains("/trending_pools") ? "/latest/dex/search" : nil)
            if let other {
                var waited = 0
                while !seen.contains(other) && waited < 300 {
                    try await Task.sleep(for: .milliseconds(10))
                    waited += 1
                }
                if !seen.contains(other) { return .json("{}", status: 500) }
            }
            return answers.first { path.contains($0.key) }?.value ?? .json("{}", status: 404)
        }
        let outcome = await run(setup, transport)
        #expect(outcome.status == .ok)
        #expect(try setup.database().watchlist().first?.confirmations == 2)
    }

    final class SeenPaths: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        func add(_ path: String) { lock.withLock { paths.append(path) } }
        func contains(_ fragment: String) -> Bool { lock.withLock { paths.contains { $0.contains(fragment) } } }
    }

    @Test func theCoinListIsCachedAndNotFetchedAgainWithinADay() async throws {
        let setup = try TestSetup()
        let transport = StubTransport(byPath: try Self.healthyMarket())
        _ = await run(setup, transport)
        _ = await run(setup, transport)
        #expect(transport.requests.filter { $0.url.path.hasSuffix("/coins/list") }.count == 1)
        #expect(transport.requests.filter { $0.url.path.hasSuffix("/exchangeInfo") }.count == 2)
    }

    @Test func aScanWhoseSourcesAllFailExits69AndKeepsTheWatchlist() async throws {
        let setup = try TestSetup { $0.http.retries = 0 }
        _ = await run(setup, StubTransport(byPath: try Self.healthyMarket()))
        let before = try setup.database().watchlist()
        let outcome = await run(setup, StubTransport { _ in .json("{}", status: 503) })
        #expect(outcome.exit == .unavailable)
        #expect(outcome.status == .failed)
        #expect(try setup.database().watchlist() == before)
        #expect(try setup.database().lastRuns(stage: .scan, limit: 1).first?.status == .failed)
    }

    @Test func anUnreachableExchangeKeepsTheWatchlist() async throws {
        let setup = try TestSetup { $0.http.retries = 0 }
        _ = await run(setup, StubTransport(byPath: try Self.healthyMarket()))
        var answers = try Self.healthyMarket()
        answers["/api/v3/exchangeInfo"] = .json("<html>challenge</html>")
        let outcome = await run(setup, StubTransport(byPath: answers))
        #expect(outcome.exit == .unavailable)
        #expect(try setup.database().watchlist().map(\.cexSymbol) == ["JUP"])
    }

    @Test func oneFailingScannerIsAWarningAndTheOtherStillCounts() async throws {
        let setup = try TestSetup { $0.http.retries = 0 }
        var answers = try Self.healthyMarket()
        answers["/trending_pools"] = .json("{}", status: 500)
        let outcome = await run(setup, StubTransport(byPath: answers))
        #expect(outcome.exit == .ok)
        #expect(outcome.status == .partial)
        let watchlist = try setup.database().watchlist()
        #expect(watchlist.map(\.cexSymbol) == ["JUP"])
        #expect(watchlist.first?.confirmations == 1)
    }

    @Test func withoutIdentityProofNothingIsAdmitted() async throws {
        let setup = try TestSetup()
        var answers = try Self.healthyMarket()
        // The exchange now publishes an Ethereum contract for JUP (no address of a Solana pair:
        // it proves nothing) and calls JUP "Jupiter Project", so CoinGecko's two `jup` coins
        // cannot be told apart either: the Solana token is no longer proven.
        let info = String(decoding: try Fixtures.data("mexc-exchange-info"), as: UTF8.self)
            .replacingOccurrences(of: "\"contractAddress\": \"JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN\"",
                                  with: "\"contractAddress\": \"\(ScanFixtures.jupEthereum)\"")
            .replacingOccurrences(of: "\"fullName\": \"Jupiter\"", with: "\"fullName\": \"Jupiter Project\"")
        answers["/api/v3/exchangeInfo"] = .json(info)
        _ = await run(setup, StubTransport(byPath: answers))
        #expect(try setup.database().watchlist().isEmpty)
        let reasons = try setup.database().latestExclusionReasons(limit: 5)
        #expect(reasons.first { $0.reason == "identity" }?.count == 2)
    }

    @Test func aSecondRunOfTheSameStageExits75WhileAnotherProcessHoldsTheLock() async throws {
        let setup = try TestSetup()
        _ = try setup.database()  // creates the folder and the file
        let lockPath = StageLock.path(stage: .scan, databaseURL: setup.config.databaseURL)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--exclusive", lockPath, "sleep", "30"]
        try holder.run()
        defer { holder.terminate() }
        try await waitUntilLocked(lockPath)
        let transport = StubTransport(byPath: try Self.healthyMarket())
        let outcome = await run(setup, transport)
        #expect(outcome.exit == .tempFail)
        #expect(transport.requests.isEmpty)
        #expect(try setup.database().lastRuns(stage: .scan, limit: 1).first?.status == .skipped)
    }

    @Test func differentStagesDoNotBlockEachOther() throws {
        let setup = try TestSetup()
        let scan = try StageLock.acquire(stage: .scan, databaseURL: setup.config.databaseURL)
        defer { scan.release() }
        let poll = try StageLock.acquire(stage: .poll, databaseURL: setup.config.databaseURL)
        poll.release()
        #expect(throws: StageLockError.self) { try StageLock.acquire(stage: .scan, databaseURL: setup.config.databaseURL) }
    }

    @Test func aRunPastItsDeadlineExits1NamingWhatItWaitedFor() async throws {
        let setup = try TestSetup { $0.runDeadlineSeconds = 0.3 }
        let transport = StubTransport { request in
            try await Task.sleep(for: .seconds(30))
            return .json("{}")
        }
        let outcome = await run(setup, transport)
        #expect(outcome.exit == .failure)
        #expect(outcome.summary.contains("run deadline of 0.3s passed while waiting for:"))
        #expect(outcome.summary.contains("mexc /api/v3/exchangeInfo"))
        #expect(try setup.database().lastRuns(stage: .scan, limit: 1).first?.status == .failed)
        // The lock is free again.
        try StageLock.acquire(stage: .scan, databaseURL: setup.config.databaseURL).release()
    }

    func waitUntilLocked(_ path: String) async throws {
        for _ in 0..<100 {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            probe.arguments = ["--nonblock", path, "true"]
            try probe.run()
            await Blocking.wait(for: probe)
            if probe.terminationStatus != 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the helper process never took the lock")
    }
}

@Suite struct StatusReportTests {
    @Test func statusShowsTheWatchlistTheLastRunsSourceHealthAndExclusions() async throws {
        let setup = try TestSetup()
        _ = await ScanStage.run(config: setup.config, environment: setup.environment(StubTransport(byPath: try ScanStageTests.healthyMarket())))
        let lines = try StatusReport.lines(database: setup.database(), now: Date())
        #expect(lines.first?.hasPrefix("Watchlist: 1 pairs (scanned ") == true)
        #expect(lines.contains { $0.contains("JUP") && $0.contains("dexscreener,geckoterminal") && $0.contains("solana") })
        #expect(lines.contains("Pending rewards: 0"))
        #expect(lines.contains { $0.hasPrefix("  scan ") && $0.contains(" ok ") })
        #expect(lines.contains { $0.hasPrefix("  poll ") && $0.contains("never") })
        #expect(lines.contains { $0.hasPrefix("  mexc ") })
        #expect(lines.contains { $0.hasPrefix("  quote ") && $0.hasSuffix(" 3") })
    }

    @Test func textFromAnAPIIsPrintedOnOneSafeLine() throws {
        let database = try AppDatabase.inMemory()
        let hostile = WatchlistEntry(
            rank: 1, cexSymbol: "EVIL\u{202E}\u{1B}[31m\nX", baseSymbol: "EVIL", quoteSymbol: "USDC", chainId: "solana",
            pairAddress: "P", baseAddress: "B", dexId: nil, coingeckoId: nil, priceUsd: 1, liquidityUsd: 1, finalScore: 1,
            confirmations: 1, sources: "dexscreener", scannedAt: Date())
        try database.replaceWatchlist([hostile], exclusions: [], runID: 0)
        let lines = try StatusReport.lines(database: database, now: Date())
        let row = try #require(lines.first { $0.contains("EVIL") })
        #expect(row.contains("EVIL\\u{202e}\\u{1b}[3…"))  // made visible, then cut to the column width
        #expect(!lines.joined().contains("\u{1B}") && !lines.joined().contains("\u{202E}"))
    }
}
