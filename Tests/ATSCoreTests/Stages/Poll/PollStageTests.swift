import Foundation
import Testing
@testable import ATSCore

/// `ats poll` end to end at the HTTP seam: rows, run records, exit codes, request counts.
@Suite struct PollStageTests {
    @Test func aSignalRowCarriesEveryColumnOfProductMD() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        let outcome = await harness.run()
        #expect(outcome.exit == .ok)
        let signal = try #require(try harness.signals().first)
        #expect(signal.timestamp == PollHarness.now)
        #expect(signal.chainId == "solana")
        #expect(signal.pairAddress == "PoolALPHASo1anaAddre55")
        #expect(signal.pairSymbol == "ALPHA/USDC")
        #expect(signal.cexSymbol == "ALPHA")
        #expect(signal.signalType == .buy)
        #expect(signal.dexPrice == 1.0)
        #expect(signal.cexPrice == 1.02)
        #expect(abs(signal.spread - 2) < 1e-9)
        #expect(signal.dataLatencyMs != nil)
        #expect(signal.marketRegime == "flat")
        #expect(signal.notes.hasPrefix("verified: coingecko within 0.098%"))
        #expect(signal.rewardStatus == .pending)
        #expect(signal.runId == outcome.runID)
    }

    @Test func dataLatencyIsTheSlowestRequestThatFedTheSignal() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        harness.market.slowDown("mexc", by: .milliseconds(60))
        _ = await harness.run()
        let slowest = try await harness.database.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT MAX(latency_ms) FROM source_requests WHERE stage = 'poll'")
        }
        let signal = try #require(try harness.signals().first)
        #expect(signal.dataLatencyMs == slowest)
        #expect((signal.dataLatencyMs ?? 0) >= 60)
        #expect(try harness.observation("ALPHA").latencyMs == slowest)
    }

    @Test func aRunningPollHoldsTheLockSoASecondDoesNothing() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        let lock = try StageLock.acquire(stage: .poll, databaseURL: harness.setup.config.databaseURL)
        defer { lock.release() }
        let outcome = await harness.run()
        #expect(outcome.exit == .tempFail)
        #expect(harness.market.transport.requests.isEmpty)
        #expect(try harness.observations().isEmpty)
    }

    @Test func everyPairGetsAnObservationInEveryBurst() async throws {
        let harness = try PollHarness([MarketPair("ALPHA"), MarketPair("BETA"), MarketPair("GAMMA")])
        _ = await harness.run(bursts: 2)
        let observations = try harness.observations()
        #expect(observations.map(\.burst) == [1, 1, 1, 2, 2, 2])
        #expect(Set(observations.map(\.cexSymbol)) == ["ALPHA", "BETA", "GAMMA"])
    }

    @Test func theObservationKeepsTheNumbersItSaw() async throws {
        var pair = MarketPair("ALPHA")
        pair.cexPrice = "1.001"
        let harness = try PollHarness([pair])
        _ = await harness.run()
        let observation = try harness.observation("ALPHA")
        #expect(observation.outcome == .noSignal)
        #expect(observation.reason == "spread below minimum: |0.1%| < 0.5%")
        #expect(observation.dexPrice == 1.0)
        #expect(observation.cexPrice == 1.001)
        #expect(observation.dexLiquidityUsd == 250_000)
        #expect(observation.dexVolume24hUsd == 80_000)
        #expect(observation.cexVolume24hUsd == 5_000_000)
        // Verification is spent only on would-be signals (it costs monthly-limited requests).
        #expect(observation.verifierPrices == "{}")
        #expect(observation.signalId == nil)
    }

    @Test func theRunRowCountsEachOutcome() async throws {
        var glitch = MarketPair("BETA")
        glitch.coingeckoPrice = 2
        var risk = MarketPair("GAMMA")
        risk.liquidity = 10
        var absent = MarketPair("DELTA")
        absent.listedOnDex = false
        let harness = try PollHarness([MarketPair("ALPHA"), glitch, risk, absent])
        _ = await harness.run(bursts: 2)
        let counts = try harness.counts()
        // Burst 1: dexscreener, mexc tickers, coingecko for the two would-be signals (ALPHA, BETA),
        // one depth for ALPHA (BETA is a glitch by then). Burst 2: ALPHA is in cooldown, so
        // coingecko is asked for BETA alone and no book: 4 + 3 requests.
        #expect(counts == ["pairs": 4, "bursts": 2, "signals": 1, "glitches": 2, "risk": 2, "mismatch": 0, "cooldown": 1,
                           "no_signal": 0, "stale": 0, "unverified": 0, "thin": 0, "errors": 2, "requests": 7])
        #expect(try harness.lastRun().summary
            == "poll: 2 bursts × 4 pairs: 1 signal, 2 glitches, 2 risk, 0 mismatch, 1 cooldown, 0 no signal, 0 stale, 0 unverified, 0 thin, 2 errors; 7 requests")
    }

    @Test func cooldownCoversEarlierBurstsOfTheSameRun() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        _ = await harness.run(bursts: 3)
        #expect(try harness.observations().map(\.outcome) == [.signal, .cooldown, .cooldown])
        #expect(try harness.signals().count == 1)
    }

    @Test func cooldownLetsTheOtherSideThrough() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        _ = await harness.run()
        harness.market.pairs[0].cexPrice = "0.98"
        harness.market.pairs[0].coingeckoPrice = 0.98
        _ = await harness.run()
        #expect(try harness.signals().map(\.signalType) == [.buy, .sell])
    }

    @Test(arguments: [10, 100])
    func requestsPerBurstGrowOnlyByThirtyAddressBatches(_ size: Int) async throws {
        // 70 % solana and 20 % bsc via DexScreener, 10 % ethereum only GeckoTerminal found.
        let pairs = (0..<size).map { index -> MarketPair in
            let symbol = String(format: "T%03d", index)
            switch index % 10 {
            case 0: return MarketPair(symbol, chain: "ethereum", sources: "geckoterminal")
            case 1, 2: return MarketPair(symbol, chain: "bsc", sources: "dexscreener,geckoterminal")
            default: return MarketPair(symbol)
            }
        }
        let harness = try PollHarness(pairs)
        _ = await harness.run(bursts: 2)
        func batches(_ count: Int) -> Int { (count + 29) / 30 }
        let dexScreener = batches(size * 7 / 10) + batches(size * 2 / 10)
        // Every burst: the DEX batches and one all-tickers call. Burst 1 adds one coingecko call
        // for all its would-be signals and one depth per signal; in burst 2 all are in cooldown.
        let perBurst = dexScreener + batches(size / 10) + 1
        #expect(harness.market.transport.requests.count == 2 * perBurst + 1 + size)
        #expect(harness.market.requests(to: "dexscreener").count == 2 * dexScreener)
        #expect(harness.market.requests(to: "mexc").count == 2 + size)
        #expect(harness.market.requests(to: "coingecko").count == 1)
        #expect(try harness.observations().filter { $0.outcome == .signal }.count == size)
    }

    @Test func anEmptyWatchlistIsNothingToDo() async throws {
        let harness = try PollHarness([])
        let outcome = await harness.run()
        #expect(outcome.exit == .ok)
        #expect(outcome.status == .ok)
        #expect(outcome.summary.contains("watchlist is empty"))
        #expect(outcome.summary.contains("ats scan"))
        #expect(harness.market.transport.requests.isEmpty)
    }

    @Test func eachBurstPrintsOneLineOnATerminal() async throws {
        var risk = MarketPair("BETA")
        risk.liquidity = 10
        let harness = try PollHarness([MarketPair("ALPHA"), risk])
        _ = await harness.run(bursts: 2)
        let lines = harness.capture.stdout
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("burst 1/2: 2 pairs, 1 signal; rejected: 1 dex liquidity below minimum; slowest "))
        #expect(lines[1].hasPrefix("burst 2/2: 2 pairs, 0 signals; rejected: 1 cooldown, 1 dex liquidity below minimum; slowest "))
        #expect(lines[2].hasPrefix("poll: 2 bursts × 2 pairs"))
        #expect(harness.capture.stderr.isEmpty)
    }

    struct BadOptions: Sendable, CustomTestStringConvertible {
        var bursts: Int?
        var interval: Double?
        var message: String
        var testDescription: String { message }
    }

    @Test(arguments: [
        BadOptions(bursts: 0, interval: 0, message: "--bursts must be 1 or more (got 0)"),
        BadOptions(bursts: -3, interval: 0, message: "--bursts must be 1 or more (got -3)"),
        BadOptions(bursts: 2, interval: -1, message: "--interval must be 0 or more seconds (got -1)"),
        BadOptions(bursts: 2, interval: .nan, message: "--interval must be 0 or more seconds (got nan)"),
        BadOptions(bursts: 61, interval: 10, message: "61 bursts 10s apart need 600s, but run_deadline_seconds is 600; use fewer bursts or a shorter interval"),
    ])
    func badOptionsExit64WithOneLineAndDoNothing(_ options: BadOptions) async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        let outcome = await harness.run(bursts: options.bursts, interval: options.interval)
        #expect(outcome.exit == .usage)
        #expect(harness.capture.stderr == ["error: " + options.message])
        #expect(harness.market.transport.requests.isEmpty)
        #expect(try harness.database.lastRuns(stage: .poll, limit: 1).isEmpty)
    }

    @Test func configDefaultsApplyWithoutOptions() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")]) { $0.poll.bursts = 2 }
        _ = await harness.run(bursts: nil, interval: nil)
        #expect(try harness.counts()["bursts"] == 2)
    }
}
