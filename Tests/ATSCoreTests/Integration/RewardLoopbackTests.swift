import Foundation
import Testing
@testable import ATSCore

/// `reward` end to end (issue 5): signals recorded by a real poll, measured on the
/// candles the simulated market serves over loopback, the clock shared with the market.
@Suite struct RewardLoopbackTests {
    /// product.md's reward table, computed here from the market's own candles: the window
    /// is the `window` one-minute candles opening at or after the signal's minute.
    static func handMeasured(_ signal: SignalRecord, window: Int, feePct: Double, mexc: MEXCAPI) async throws -> [Double] {
        let signalMs = Int64((signal.timestamp.timeIntervalSince1970 * 1000).rounded())
        let firstOpen = (signalMs + 59_999) / 60_000 * 60_000
        let candles = try await mexc.klines(symbol: signal.cexSymbol + "USDT", startMs: firstOpen,
                                            endMs: firstOpen + Int64(window) * 60_000 - 1, limit: window)
        #expect(candles.map(\.openTime) == (0..<window).map { firstOpen + Int64($0) * 60_000 })
        let highest = try #require(candles.compactMap(\.high).max())
        let lowest = try #require(candles.compactMap(\.low).min())
        let close = try #require(candles.last?.close)
        let entry = signal.cexPrice
        let measured: [Double] = signal.signalType == .buy
            ? [highest / entry - 1, lowest / entry - 1, close / entry - 1]
            : [1 - lowest / entry, 1 - highest / entry, 1 - close / entry]
        return measured + [measured[2] - 2 * feePct / 100]
    }

    static func stored(_ signal: SignalRecord) -> [Double?] {
        [signal.actualReward, signal.rewardMae, signal.rewardClose, signal.rewardNet]
    }

    @Test func scanPollRewardStoresWhatTheMarketsCandlesSayAndASecondRunChangesNothing() async throws {
        try await LoopbackRig.with { rig in
            rig.expectClean(await rig.scan())
            rig.expectClean(await rig.poll())
            let signals = try rig.signals()
            let expected = ExpectedObservation.signalling(ExpectedObservation.scannedPairs(rig.market.pairs)).map(\.side)
            #expect(expected.count == 6, "ALPHA BUY, BRAVO SELL, and (by v1's rules) XRAY, YANKEE, ZULU, SIGMA")
            #expect(signals.map(\.signalType).sorted { $0.rawValue < $1.rawValue } == expected.sorted { $0.rawValue < $1.rawValue })
            let settings = rig.values.reward
            rig.clock.advance(by: (settings.delayMinutes + 1) * 60)

            rig.expectClean(await rig.reward())
            let measured = try rig.signals()
            #expect(measured.count == signals.count)
            for signal in measured {
                #expect(signal.rewardStatus == .done, "\(signal.cexSymbol) \(signal.signalType.rawValue)")
                #expect(signal.rewardComputedAt == rig.clock.now())
                let expected = try await Self.handMeasured(signal, window: settings.windowMinutes, feePct: settings.feePct, mexc: rig.mexc)
                let stored = Self.stored(signal)
                #expect(stored.allSatisfy { $0 != nil })
                for (column, (value, want)) in zip(["actual_reward", "reward_mae", "reward_close", "reward_net"], zip(stored, expected)) {
                    #expect(abs((value ?? .nan) - want) < 1e-9, "\(signal.cexSymbol) \(column): stored \(value ?? .nan), candles say \(want)")
                }
            }

            let klinesBefore = await rig.market.requestCount(.mexcKlines)
            rig.expectClean(await rig.reward())
            #expect(await rig.market.requestCount(.mexcKlines) == klinesBefore)
            #expect(try rig.signals() == measured)
        }
    }

    /// Signals of one symbol share kline requests: many signals, one request per symbol.
    @Test func requestsGrowWithSymbolsNotSignals() async throws {
        try await LoopbackRig.with({ $0.signal.cooldownMinutes = 0 }) { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            let runs = 4
            for _ in 0..<runs {
                rig.expectClean(await rig.poll())
                rig.clock.advance(by: 2 * 60)
            }
            let signals = try rig.signals()
            let symbols = Set(signals.map { $0.cexSymbol + "USDT" })
            let signalling = ExpectedObservation.signalling(rig.market.watchlistPairs)
            #expect(symbols == Set(signalling.map { $0.pair.baseSymbol + "USDT" }))
            #expect(signals.count == signalling.count * runs)
            rig.clock.advance(by: (rig.values.reward.delayMinutes + 1) * 60)
            await rig.market.resetRequestLog()

            rig.expectClean(await rig.reward())

            #expect(await rig.market.requestCount() == symbols.count)
            let asked = await rig.market.requestLog().filter { $0.endpoint == .mexcKlines }
            #expect(Set(asked.compactMap { request in
                URLComponents(string: "?" + request.query)?.queryItems?.first { $0.name == "symbol" }?.value
            }) == symbols)
            #expect(try rig.signals().allSatisfy { $0.rewardStatus == .done })
        }
    }

    /// `ats reward --as-of`: at a time before the signals are due, nothing is measured
    /// or asked for, even though the clock says they are due.
    @Test func anAsOfBeforeTheDueTimeLeavesSignalsPending() async throws {
        try await LoopbackRig.with { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            rig.expectClean(await rig.poll())
            let delay = rig.values.reward.delayMinutes
            rig.clock.advance(by: (delay + 1) * 60)

            let early = await rig.reward(asOf: LoopbackRig.start.addingTimeInterval(delay * 60 - 1))

            #expect(early.exit == .ok)
            #expect(early.summary == "reward: nothing due")
            #expect(await rig.market.requestCount(.mexcKlines) == 0)
            let signals = try rig.signals()
            #expect(signals.count == ExpectedObservation.signalling(rig.market.watchlistPairs).count)
            #expect(signals.allSatisfy { $0.rewardStatus == .pending && $0.actualReward == nil && $0.rewardComputedAt == nil })

            rig.expectClean(await rig.reward())
            #expect(try rig.signals().allSatisfy { $0.rewardStatus == .done }, "due by the clock")
        }
    }
}
