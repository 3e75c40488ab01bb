import Foundation
import Testing
@testable import ATSCore

/// `reward` end to end (issue 5): signals recorded by a real poll, measured on the
/// candles the simulated market serves over loopback, the clock shared with the market.
@Suite struct RewardLoopbackTests {
    /// product.md's reward table, computed here from the market's own candles: the window
    /// is the `window` one-minute candles opening at or after the signal's minute, the
    /// baseline an entry at each minute of the `baseline` before it, held `window` minutes.
    struct HandMeasured {
        /// actual_reward, reward_mae, reward_close, reward_cost, reward_net.
        var columns: [Double]
        var baseline: Double?
        var window: [MEXCKline]
    }

    static func handMeasured(_ signal: SignalRecord, _ settings: ATSConfig.Reward, mexc: MEXCAPI) async throws -> HandMeasured {
        let (window, baseline) = (Int64(settings.windowMinutes), Int64(settings.baselineMinutes))
        let signalMs = Int64((signal.timestamp.timeIntervalSince1970 * 1000).rounded())
        let firstOpen = (signalMs + 59_999) / 60_000 * 60_000
        let candles = try await mexc.klines(symbol: signal.cexSymbol + "USDT", startMs: firstOpen - baseline * 60_000,
                                            endMs: firstOpen + window * 60_000 - 1, limit: Int(baseline + window))
        let byOpen = Dictionary(candles.map { ($0.openTime, $0) }, uniquingKeysWith: { first, _ in first })
        let windowCandles = (0..<window).compactMap { byOpen[firstOpen + $0 * 60_000] }
        #expect(windowCandles.count == Int(window))
        let highest = try #require(windowCandles.compactMap(\.high).max())
        let lowest = try #require(windowCandles.compactMap(\.low).min())
        let close = try #require(windowCandles.last?.close)
        let entry = signal.entryPrice ?? signal.cexPrice
        let impact = (signal.impactPct ?? 0) / 100
        let cost = 2 * settings.feePct / 100 + impact
        let buy = signal.signalType == .buy
        let measured = buy
            ? [highest / entry - 1, lowest / entry - 1, close / entry - 1]
            : [1 - lowest / entry, 1 - highest / entry, 1 - close / entry]
        let entries: [Double] = (1...baseline).compactMap { back in
            let m = firstOpen - back * 60_000
            guard let open = byOpen[m]?.open, let last = byOpen[m + (window - 1) * 60_000]?.close else { return nil }
            return (buy ? last / open - 1 : 1 - last / open) - cost - impact
        }
        return HandMeasured(
            columns: measured + [cost, measured[2] - cost],
            baseline: entries.count * 2 >= Int(baseline) ? entries.reduce(0, +) / Double(entries.count) : nil,
            window: windowCandles)
    }

    static func stored(_ signal: SignalRecord) -> [Double?] {
        [signal.actualReward, signal.rewardMae, signal.rewardClose, signal.rewardCost, signal.rewardNet]
    }

    @Test func scanPollRewardStoresWhatTheMarketsCandlesSayAndASecondRunChangesNothing() async throws {
        try await LoopbackRig.with { rig in
            rig.expectClean(await rig.scan())
            rig.expectClean(await rig.poll())
            let signals = try rig.signals()
            let expected = ExpectedObservation.signalling(ExpectedObservation.scannedPairs(rig.market.pairs)).map(\.side)
            #expect(expected.count == 5, "ALPHA, YANKEE and GAMMA BUY; BRAVO and SIGMA SELL")
            #expect(signals.map(\.signalType).sorted { $0.rawValue < $1.rawValue } == expected.sorted { $0.rawValue < $1.rawValue })
            // A later burst inside the window (its pairs in cooldown): what the prices became.
            rig.clock.advance(by: 2 * 60)
            rig.expectClean(await rig.poll())
            let later = try rig.observations().filter { $0.observedAt == rig.clock.now() }
            let settings = rig.values.reward
            rig.clock.advance(by: (settings.delayMinutes + 1) * 60)

            rig.expectClean(await rig.reward())
            let measured = try rig.signals()
            #expect(measured.count == signals.count)
            for signal in measured {
                let name = "\(signal.cexSymbol) \(signal.signalType.rawValue)"
                #expect(signal.rewardStatus == .done, "\(name)")
                #expect(signal.rewardComputedAt == rig.clock.now())
                let expected = try await Self.handMeasured(signal, settings, mexc: rig.mexc)
                let stored = Self.stored(signal)
                #expect(stored.allSatisfy { $0 != nil })
                let columns = ["actual_reward", "reward_mae", "reward_close", "reward_cost", "reward_net"]
                for (column, (value, want)) in zip(columns, zip(stored, expected.columns)) {
                    #expect(abs((value ?? .nan) - want) < 1e-9, "\(name) \(column): stored \(value ?? .nan), candles say \(want)")
                }
                let baseline = try #require(expected.baseline, "the market serves the hour before the signal")
                #expect(abs((signal.rewardBaseline ?? .nan) - baseline) < 1e-9, "\(name) reward_baseline")
                let kept = try rig.database().signalCandles(signalID: try #require(signal.id))
                #expect(kept.map(\.openTime.millisecondsSince1970) == expected.window.map(\.openTime))
                #expect(kept.map { [$0.open, $0.high, $0.low, $0.close] } == expected.window.map { [$0.open, $0.high, $0.low, $0.close] })
                let after = try #require(later.first { $0.pairAddress == signal.pairAddress })
                #expect(signal.dexPriceAfter == after.dexPrice && signal.cexPriceAfter == after.cexPrice, "\(name) prices after")
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
