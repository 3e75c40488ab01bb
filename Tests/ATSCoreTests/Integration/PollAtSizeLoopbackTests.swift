import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The v2 numbers of a poll, read back against what the simulated market serves at the
/// same instant over loopback: the entry is the walked fill of the book it sent, and a
/// null `quoteVolume` is estimated from the same ticker's volume and last price.
@Suite struct PollAtSizeLoopbackTests {
    @Test func eachSignalsEntryIsTheAverageFillOfTheBookTheExchangeServed() async throws {
        try await LoopbackRig.with { rig in
            rig.expectClean(await rig.scan())
            rig.expectClean(await rig.poll())
            let signals = try rig.signals()
            try #require(!signals.isEmpty)
            let tradeSize = rig.values.signal.tradeSize
            for signal in signals {
                let book = try await rig.mexc.depth(symbol: signal.cexSymbol + "USDT", levels: rig.values.exchange.mexc.depthLevels).book
                let fill = OrderBookWalk.fill(signal.signalType == .buy ? book.asks : book.bids, quoteAmount: tradeSize)
                let entry = try #require(signal.entryPrice, "\(signal.cexSymbol)")
                #expect(abs(entry - (fill.averagePrice ?? 0)) <= 1e-12 * entry, "\(signal.cexSymbol)")
                #expect(signal.tradeSize == tradeSize)
                let impact = abs(entry / signal.cexPrice - 1) * 100
                #expect(abs((signal.impactPct ?? -1) - impact) < 1e-9, "\(signal.cexSymbol)")
                #expect(signal.cexPrice == ((signal.cexBid ?? 0) + (signal.cexAsk ?? 0)) / 2)
            }
            // YANKEE's book is built so a 1000 USDT BUY fills measurably above the mid.
            let yankee = try #require(signals.first { $0.cexSymbol == "YANKEE" })
            #expect((yankee.impactPct ?? 0) > 0.1)
        }
    }

    @Test func aNullQuoteVolumeIsEstimatedFromTheSameTicker() async throws {
        try await LoopbackRig.with { rig in
            rig.expectClean(await rig.scan())
            rig.expectClean(await rig.poll())
            let tickers = try await rig.mexc.allTickers().tickers
            let kappa = try #require(tickers.first { $0.symbol == "KAPPAUSDT" })
            #expect(kappa.quoteVolume == nil)
            let row = try #require(try rig.observations().first { $0.cexSymbol == "KAPPA" })
            let expected = try #require(kappa.baseVolume) * (try #require(kappa.lastPrice))
            #expect(abs((row.cexVolume24hUsd ?? 0) - expected) <= 1e-9 * expected)
            #expect(row.outcome != .risk)
        }
    }
}
