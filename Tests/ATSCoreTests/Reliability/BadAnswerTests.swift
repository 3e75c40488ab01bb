import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

extension Reliability {
    /// Every endpoint scan, poll and reward read, answering badly in every way the table
    /// lists, over loopback from the simulated market: the stage ends with the right exit
    /// code and `runs` status, the operator reads one line per failing source, and no
    /// watchlist entry, signal or reward comes from the bad answer.
    ///
    /// A row is one fault; its endpoints run side by side, each against its own market and
    /// database (a row costs one timeout, not ten). Rows run one after the other.
    @Suite struct BadAnswerTests {
        @Test(arguments: SimulatedFault.table)
        func aBadAnswerEndsTheStageAsTheTableSays(_ fault: SimulatedFault) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for badCase in BadAnswerCase.row(fault) {
                    group.addTask { try await Self.run(badCase) }
                }
                try await group.waitForAll()
            }
        }

        static func run(_ badCase: BadAnswerCase) async throws {
            try await LoopbackRig.with(timeout: badCase.timeout) { rig in
                switch badCase.endpoint.stage {
                case .scan: try await Self.scan(badCase, rig)
                case .poll: try await Self.poll(badCase, rig)
                case .reward: try await Self.reward(badCase, rig)
                }
                if case .huge(let bytes) = badCase.fault {
                    let sent = rig.market.largeBodyBytesSent
                    #expect(sent > 0 && sent < min(bytes, (badCase.endpoint.sizeCapMB + 16) << 20),
                            "\(badCase): the client stopped reading at its cap (the server sent \(sent >> 20) MB of one answer)")
                }
            }
        }

        static func check(_ outcome: StageRunner.Outcome, _ expected: ExpectedOutcome, _ rig: LoopbackRig, _ badCase: BadAnswerCase,
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
            let stage = try #require(Stage(rawValue: badCase.endpoint.stage.rawValue))
            #expect(outcome.exit == expected.exit, "\(badCase): \(outcome.summary)", sourceLocation: sourceLocation)
            #expect(outcome.status == expected.status, "\(badCase)", sourceLocation: sourceLocation)
            #expect(try rig.lastRun(stage).status == expected.status, "\(badCase)", sourceLocation: sourceLocation)
            #expect(rig.console.stderr == expected.lines, "\(badCase)", sourceLocation: sourceLocation)
            #expect(rig.console.stdout.isEmpty, "\(badCase)", sourceLocation: sourceLocation)
        }

        // MARK: scan

        static func scan(_ badCase: BadAnswerCase, _ rig: LoopbackRig) async throws {
            let kept = try #require(rig.market.watchlistPairs.last)
            try rig.fillWatchlist([kept])
            let before = try rig.database().watchlist()
            await rig.market.setFault(badCase.fault, on: badCase.endpoint)

            let outcome = await rig.scan()

            let expected = expectedScan(badCase)
            try check(outcome, expected, rig, badCase)
            let after = try rig.database().watchlist()
            if expected.exit == .unavailable {
                #expect(after == before, "\(badCase): watchlist kept")
                return
            }
            #expect(Set(after.map(\.cexSymbol)).isSubset(of: Set(ExpectedObservation.scannedPairs(rig.market.pairs).map(\.baseSymbol))), "\(badCase)")
            let scanner = badCase.endpoint.source
            if [.dexscreenerSearch, .geckoterminalTrendingPools].contains(badCase.endpoint) {
                #expect(!after.isEmpty, "\(badCase): the other scanner still counts")
                #expect(after.allSatisfy { !$0.sourceList.contains(scanner) }, "\(badCase): nothing admitted on the bad answer")
            }
            if !badCase.fault.failsTheRequest {
                let priced = try await rig.database().reader.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scan_exclusions WHERE source = ? AND reason = 'price'", arguments: [scanner]) ?? 0
                }
                #expect(priced > 0, "\(badCase): candidates without a usable price are excluded for it")
            }
        }

        static func expectedScan(_ badCase: BadAnswerCase) -> ExpectedOutcome {
            guard badCase.fault.failsTheRequest else { return ExpectedOutcome(exit: .ok, status: .ok, lines: []) }
            let reason = badCase.reason
            switch badCase.endpoint {
            case .dexscreenerSearch:
                let queries = SimulatedMarketModel.searchQueries
                return ExpectedOutcome(exit: .ok, status: .partial, lines: [
                    "warning: dexscreener search: \(reason); \(queries.count) of \(queries.count) queries failed (\(queries.joined(separator: ", ")))",
                ])
            case .geckoterminalTrendingPools:
                let networks = SimulatedMarketModel.geckoTerminalNetworks
                return ExpectedOutcome(exit: .ok, status: .partial, lines: [
                    "warning: geckoterminal trending pools: \(reason); \(networks.count) of \(networks.count) networks failed (\(networks.joined(separator: ", ")))",
                ])
            case .mexcExchangeInfo:
                return ExpectedOutcome(exit: .unavailable, status: .failed, lines: [
                    "error: scan: the exchange listing could not be read (mexc /api/v3/exchangeInfo: \(reason)); watchlist kept",
                ])
            default:
                return ExpectedOutcome(exit: .ok, status: .partial, lines: [
                    "warning: coin list refresh failed (coingecko /coins/list: \(reason)); no cache yet, so identity can only be proven by the exchange's own contracts",
                ])
            }
        }

        // MARK: poll

        static func poll(_ badCase: BadAnswerCase, _ rig: LoopbackRig) async throws {
            let pairs = rig.market.watchlistPairs
            try rig.fillWatchlist(pairs)
            await rig.market.setFault(badCase.fault, on: badCase.endpoint)

            let outcome = await rig.poll()

            let fed = pairs.filter { pair in
                switch badCase.endpoint {
                case .dexscreenerPairs, .geckoterminalPools: return rig.feedingSource(pair) == badCase.endpoint.source
                case .mexcTickers: return true
                default: return false
                }
            }
            try check(outcome, expectedPoll(badCase, rig, fed: fed.count), rig, badCase)
            let observations = try rig.observations()
            let signals = try rig.signals()
            #expect(observations.count == pairs.count, "\(badCase)")
            for pair in pairs {
                let row = try #require(observations.first { $0.cexSymbol == pair.baseSymbol })
                guard fed.contains(pair) else {
                    #expect(ExpectedObservation.stored(row, signals: signals) == ExpectedObservation.forScenario(pair.scenario),
                            "\(badCase): \(pair.baseSymbol): \(row.reason)")
                    continue
                }
                #expect(row.outcome == .error && row.signalId == nil, "\(badCase): \(pair.baseSymbol): \(row.reason)")
                let side = badCase.endpoint == .mexcTickers ? "cex" : "dex"
                let source = badCase.endpoint.source
                let detail = badCase.fault.failsTheRequest
                    ? "\(source) failed: \(badCase.reason)"
                    : (side == "cex" ? "\(pair.baseSymbol)USDT has no usable bid or ask" : source + " price in the quote token is missing, zero or negative")
                #expect(row.reason == "\(side) data missing: \(detail)", "\(badCase): \(pair.baseSymbol)")
            }
            if [.coingeckoSimplePrice, .binanceTickerPrice].contains(badCase.endpoint) {
                let verifier = badCase.endpoint.source
                // Verifiers are asked for the would-be signals alone.
                for pair in ExpectedObservation.verified(pairs) where verifier == "binance" || pair.coingeckoID != nil {
                    let row = try #require(observations.first { $0.cexSymbol == pair.baseSymbol })
                    #expect(row.verifierPrices.contains("\"\(verifier)\":null"), "\(badCase): \(pair.baseSymbol): \(row.verifierPrices)")
                }
            }
        }

        static func expectedPoll(_ badCase: BadAnswerCase, _ rig: LoopbackRig, fed: Int) -> ExpectedOutcome {
            guard badCase.fault.failsTheRequest else { return ExpectedOutcome(exit: .ok, status: .ok, lines: []) }
            let reason = badCase.reason
            let errors = "\(Format.plural(fed, "pair observation")) recorded as errors (1 of 1 burst)"
            switch badCase.endpoint {
            case .dexscreenerPairs:
                return ExpectedOutcome(exit: .ok, status: .partial, lines: ["warning: dexscreener /latest/dex/pairs/*: \(reason); \(errors)"])
            case .geckoterminalPools:
                return ExpectedOutcome(exit: .ok, status: .partial, lines: ["warning: geckoterminal /networks/*/pools/multi: \(reason); \(errors)"])
            case .mexcTickers:
                return ExpectedOutcome(exit: .ok, status: .partial, lines: ["warning: mexc /api/v3/ticker/24hr: \(reason); \(errors)"])
            case .coingeckoSimplePrice:
                let asked = ExpectedObservation.verified(rig.market.watchlistPairs).filter { $0.coingeckoID != nil }.count
                return ExpectedOutcome(exit: .ok, status: .partial, lines: [
                    "warning: coingecko /simple/price: \(reason); \(Format.plural(asked, "pair")) left unverified (1 of 1 burst)",
                ])
            default:
                let asked = ExpectedObservation.verified(rig.market.watchlistPairs).count
                return ExpectedOutcome(exit: .ok, status: .partial, lines: [
                    "warning: binance /api/v3/ticker/price: \(reason); \(Format.plural(asked, "pair")) left unverified (1 of 1 burst)",
                ])
            }
        }

        // MARK: reward

        static func reward(_ badCase: BadAnswerCase, _ rig: LoopbackRig) async throws {
            let signals = try RewardSignals.insert([("ALPHA", .buy), ("BRAVO", .sell)], rig: rig)
            rig.clock.advance(by: (rig.values.reward.delayMinutes + 1) * 60)
            await rig.market.setFault(badCase.fault, on: badCase.endpoint)

            let outcome = await rig.reward()

            let expected = badCase.fault.failsTheRequest
                ? ExpectedOutcome(exit: .unavailable, status: .failed, lines: [
                    "warning: reward: klines for ALPHAUSDT, BRAVOUSDT failed: mexc /api/v3/klines: \(badCase.reason); 2 signals stay pending",
                    "error: reward: MEXC could not be reached (2 klines requests failed); 2 signals stay pending",
                ])
                : ExpectedOutcome(exit: .ok, status: .ok, lines: [])
            try check(outcome, expected, rig, badCase)
            #expect(try rig.signals() == signals, "\(badCase): no reward from a bad answer: every signal stays pending, untouched")
        }
    }
}

/// Signals written as poll would write them, at the rig's clock, with MEXC's price of that second.
enum RewardSignals {
    static func insert(_ wanted: [(symbol: String, side: SignalType)], rig: LoopbackRig) throws -> [SignalRecord] {
        let now = rig.clock.now()
        let second = Int64(now.timeIntervalSince1970)
        return try rig.database().write { db in
            try wanted.map { symbol, side in
                let pair = try #require(rig.market.watchlistPairs.first { $0.baseSymbol == symbol })
                let price = try #require(rig.market.model.mexcPrice(symbol: symbol + "USDT", at: second))
                var signal = SignalRecord(
                    id: nil, timestamp: now, chainId: pair.chainID, pairAddress: pair.pairAddress,
                    pairSymbol: "\(symbol)/\(pair.quoteSymbol)", cexSymbol: symbol, signalType: side, dexPrice: price * 0.98,
                    cexPrice: price, spread: 2, dataLatencyMs: 10, marketRegime: nil, notes: "", actualReward: nil, rewardMae: nil,
                    rewardClose: nil, rewardNet: nil, rewardStatus: .pending, rewardComputedAt: nil, runId: nil)
                try signal.insert(db)
                return signal
            }
        }
    }
}
