import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// `poll` end to end (issue 4): real HTTP over loopback to the simulated market, a
/// real SQLite file, the stage run exactly as `ats poll` runs it. Expectations come
/// from the market's scenario list, never from running the stage twice.
@Suite struct PollLoopbackTests {
    @Test func aScanThenOneBurstRecordsEachScenariosOutcomeAndExactlyTheAdmittedSignals() async throws {
        try await LoopbackRig.with { rig in
            rig.expectClean(await rig.scan())
            let pairs = ExpectedObservation.scannedPairs(rig.market.pairs)
            let scanned = try rig.database().watchlist()
            #expect(Set(scanned.map { ChainAddress.normalize($0.pairAddress) }) == Set(pairs.map { ChainAddress.normalize($0.pairAddress) }))

            rig.expectClean(await rig.poll())

            let observations = try rig.observations()
            let signals = try rig.signals()
            #expect(observations.count == pairs.count)
            for pair in pairs {
                let expected = try #require(ExpectedObservation.forScenario(pair.scenario))
                let row = try #require(observations.first { $0.cexSymbol == pair.baseSymbol }, "\(pair.baseSymbol) observed")
                #expect(ExpectedObservation.stored(row, signals: signals) == expected, "\(pair.baseSymbol) (\(pair.scenario.rawValue)): \(row.reason)")
            }
            let admitted = pairs.compactMap { pair in ExpectedObservation.forScenario(pair.scenario)?.side.map { "\(pair.baseSymbol) \($0.rawValue)" } }
            #expect(signals.map { "\($0.cexSymbol) \($0.signalType.rawValue)" }.sorted() == admitted.sorted())
            #expect(admitted.count == 5, "ALPHA, YANKEE and GAMMA BUY; BRAVO and SIGMA SELL")
            #expect(rig.console.stderr.isEmpty)
        }
    }

    /// The stored numbers are the market's at that instant, read back over loopback.
    @Test func observationsAndSignalsHoldThePricesTheMarketServedAtThatInstant() async throws {
        try await LoopbackRig.with { rig in
            let pairs = rig.market.watchlistPairs
            try rig.fillWatchlist(pairs)
            rig.expectClean(await rig.poll())

            let tickers = try await rig.mexc.allTickers().tickers
            var dexPrices: [String: Double] = [:]
            for chain in Set(pairs.map(\.chainID)) {
                let addresses = pairs.filter { $0.chainID == chain }.map(\.pairAddress)
                for pair in try await Sim.dexScreener(rig.market).pairs(chain: chain, addresses: addresses).pairs {
                    dexPrices[ChainAddress.normalize(pair.pairAddress)] = pair.priceNative
                }
                let network = try #require(Chain.byID(chain)?.geckoTerminalNetwork)
                for pool in try await Sim.geckoTerminal(rig.market).pools(network: network, addresses: addresses).response.pools
                where pairs.first(where: { ChainAddress.same($0.pairAddress, pool.address) }).map(rig.feedingSource) == "geckoterminal" {
                    dexPrices[ChainAddress.normalize(pool.address)] = pool.priceInQuoteToken
                }
            }
            let signals = try rig.signals()
            // v2: the exchange price is the book's mid, the DEX price its own (in the quote
            // token) times the exchange's rate for that token, both from the same answers.
            func mid(_ market: String) -> Double? { tickers.first { $0.symbol == market }?.ticker.mid }
            let rateMarkets = ["USDT": nil, "USDC": "USDCUSDT", "SOL": "SOLUSDT", "WETH": "ETHUSDT", "WBNB": "BNBUSDT"]
            for row in try rig.observations() {
                let pair = try #require(pairs.first { ChainAddress.same($0.pairAddress, row.pairAddress) })
                let market = try #require(rateMarkets[pair.quoteSymbol], "\(pair.quoteSymbol)")
                let rate = try market.map { try #require(mid($0)) } ?? 1
                let cex = try #require(mid(row.cexSymbol + "USDT"))
                let dex = try #require(dexPrices[ChainAddress.normalize(row.pairAddress)]) * rate
                #expect(row.observedAt == LoopbackRig.start)
                #expect(row.cexPrice == cex, "\(row.cexSymbol)")
                #expect(row.dexPrice == dex, "\(row.cexSymbol)")
                #expect(abs(try #require(row.spread) - (cex - dex) / dex * 100) < 1e-9, "\(row.cexSymbol)")
                guard let id = row.signalId else { continue }
                let signal = try #require(signals.first { $0.id == id })
                #expect(signal.timestamp == LoopbackRig.start)
                #expect((signal.cexPrice, signal.dexPrice, signal.spread) == (cex, dex, row.spread!))
                #expect(signal.signalType == (cex > dex ? .buy : .sell))
            }
        }
    }

    @Test func aGlitchingExchangePriceIsAGlitchNamingBothVerifiersAndNoSignal() async throws {
        try await LoopbackRig.with { rig in
            let glitch = try #require(rig.market.pair(.priceGlitch))
            try rig.fillWatchlist([glitch])

            rig.expectClean(await rig.poll())

            let row = try #require(try rig.observations().first)
            #expect(row.outcome == .glitch)
            #expect(row.reason.hasPrefix("verifier disagrees with cex: coingecko "))
            #expect(row.reason.contains("; binance "))
            let cex = try #require(row.cexPrice)
            let verifiers = try JSONDecoder().decode([String: Double].self, from: Data(row.verifierPrices.utf8))
            #expect(verifiers.keys.sorted() == ["binance", "coingecko"])
            for (name, price) in verifiers { #expect(abs(price - cex) / cex * 100 > rig.values.verifiers.maxDeviationPct, "\(name)") }
            #expect(try rig.signals().isEmpty)
        }
    }

    /// A dead DEX source: its pairs are errors, the others keep their outcomes, the run is partial, exit 0.
    @Test(arguments: [SimulatedEndpoint.dexscreenerPairs, .geckoterminalPools])
    func aDeadDexSourceTurnsOnlyItsPairsIntoErrors(_ dead: SimulatedEndpoint) async throws {
        try await LoopbackRig.with { rig in
            let pairs = rig.market.watchlistPairs
            try rig.fillWatchlist(pairs)
            await rig.market.setFault(.serverError(status: 500), on: dead)

            let outcome = await rig.poll()

            #expect(outcome.exit == .ok)
            #expect(outcome.status == .partial)
            let observations = try rig.observations()
            let signals = try rig.signals()
            var silenced = 0
            for pair in pairs {
                let row = try #require(observations.first { $0.cexSymbol == pair.baseSymbol })
                if rig.feedingSource(pair) == dead.source {
                    silenced += 1
                    #expect(row.outcome == .error)
                    #expect(row.reason == "dex data missing: \(dead.source) failed: HTTP 500 server error", "\(pair.baseSymbol)")
                    #expect(row.signalId == nil)
                } else {
                    #expect(ExpectedObservation.stored(row, signals: signals) == ExpectedObservation.forScenario(pair.scenario), "\(pair.baseSymbol)")
                }
            }
            #expect(silenced > 0)
            #expect(!rig.console.warnings.isEmpty)
            for warning in rig.console.warnings {
                #expect(warning.hasPrefix("warning: \(dead.source) "))
                #expect(warning.contains("HTTP 500 server error"))
            }
        }
    }

    @Test func everyDexAndTheExchangeDeadExits69WithOnlyErrorsRecorded() async throws {
        try await LoopbackRig.with { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            await rig.market.setFault(.serverError(status: 503), on: [.dexscreenerPairs, .geckoterminalPools, .mexcTickers])

            let outcome = await rig.poll()

            #expect(outcome.exit == .unavailable)
            #expect(outcome.status == .failed)
            #expect(try rig.lastRun(.poll).status == .failed)
            let observations = try rig.observations()
            #expect(observations.count == rig.market.watchlistPairs.count)
            #expect(Set(observations.map(\.outcome)) == [.error])
            #expect(try rig.signals().isEmpty)
            // No pair got as far as a would-be signal, so no verifier was asked.
            #expect(await rig.market.requestCount(.coingeckoSimplePrice) == 0)
        }
    }

    @Test func anHTMLChallengeFromTheExchangeIsAnErrorForEveryPairAndAWarningNamingMEXC() async throws {
        try await LoopbackRig.with { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            await rig.market.setFault(.htmlChallenge, on: .mexcTickers)

            let outcome = await rig.poll()

            #expect(outcome.exit == .ok)
            #expect(outcome.status == .partial)
            let observations = try rig.observations()
            #expect(observations.count == rig.market.watchlistPairs.count)
            for row in observations {
                #expect(row.outcome == .error)
                #expect(row.reason == "cex data missing: mexc failed: not JSON: an HTML page (a challenge or error page)")
                // The DEX answered, but its price is in its quote token: without the exchange's
                // answer there is no rate to put it in USDT.
                #expect(row.dexPrice == nil)
            }
            #expect(try rig.signals().isEmpty)
            #expect(rig.console.warnings == [
                "warning: mexc /api/v3/ticker/24hr: not JSON: an HTML page (a challenge or error page); "
                    + "\(rig.market.watchlistPairs.count) pair observations recorded as errors (1 of 1 burst)",
            ])
        }
    }

    /// Correctness, not speed: a request that is never answered ends at the timeout
    /// (each attempt), so the burst and its rows are still written.
    @Test func aHungExchangeEndsTheBurstAtTheTimeoutAndStillWritesIt() async throws {
        // Long enough that the healthy sources answer on a loaded 2-core machine; the
        // hung one must still end the burst at its timeout, not hold it.
        let timeout = 2.0, retries = 1
        // Should the request outlive its timeout, the run deadline fails the run (and this
        // test) instead of hanging it.
        try await LoopbackRig.with(timeout: timeout, retries: retries, { $0.runDeadlineSeconds = 25 }) { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            await rig.market.setFault(.hang, on: .mexcTickers)

            let (outcome, seconds) = await timed { await rig.poll() }

            // Each attempt waits `timeout`; the one backoff between them is at most 0.6 s. The
            // margin is for a machine busy with other builds (seen: 4 s instead of 1.5 s).
            let bound = timeout * Double(retries + 1) + 0.6 + 8
            #expect(seconds < bound, "took \(seconds) s")
            #expect(outcome.exit == .ok)
            #expect(outcome.status == .partial)
            #expect(try rig.lastRun(.poll).finishedAt != nil)
            #expect(await rig.market.requestCount(.mexcTickers) == retries + 1)
            let observations = try rig.observations()
            #expect(observations.count == rig.market.watchlistPairs.count)
            for row in observations {
                #expect(row.outcome == .error)
                #expect(row.reason.hasPrefix("cex data missing: mexc failed: "))
                #expect(row.reason.contains("(after 2 attempts)"))
            }
        }
    }

    /// Same side blocked within `cooldown_minutes` across runs; exactly that long after, allowed again.
    @Test func cooldownBlocksTheSameSideAcrossRunsUntilCooldownMinutesHavePassed() async throws {
        try await LoopbackRig.with { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            let cooldown = rig.values.signal.cooldownMinutes
            let signalling = rig.market.watchlistPairs.filter { ExpectedObservation.forScenario($0.scenario)?.side != nil }.map(\.baseSymbol).sorted()

            rig.expectClean(await rig.poll())
            rig.clock.advance(by: 3 * 60)
            rig.expectClean(await rig.poll())
            let blocked = try rig.observations().filter { $0.observedAt == LoopbackRig.start.addingTimeInterval(180) }
            #expect(blocked.filter { $0.outcome == .cooldown }.map(\.cexSymbol).sorted() == signalling)
            #expect(blocked.filter { $0.outcome == .cooldown }.allSatisfy { $0.reason.hasPrefix("cooldown: ") })
            #expect(try rig.signals().count == signalling.count)

            rig.clock.advance(by: cooldown * 60 - 3 * 60)
            rig.expectClean(await rig.poll())
            let signals = try rig.signals()
            #expect(signals.count == 2 * signalling.count)
            #expect(signals.suffix(signalling.count).allSatisfy { $0.timestamp == LoopbackRig.start.addingTimeInterval(cooldown * 60) })
            #expect(signals.suffix(signalling.count).map(\.cexSymbol).sorted() == signalling)
        }
    }
}
