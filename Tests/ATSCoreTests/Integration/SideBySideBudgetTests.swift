import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// Issue 14: scan, a 10-burst poll of 1000 pairs, reward with a backlog over 600 symbols
/// and a second scan, all at once on one database (each run opens the file on its own,
/// as separate processes do), against the simulated market on the real clock with the
/// real published limits. The market's own count shows no window over a limit and
/// nothing refused, although the reward alone asked for more klines weight than MEXC's
/// 10 s window holds: the shared budget made it wait (a burst that could not be served
/// before the next one would instead record errors naming the budget; on a fast machine
/// the poll's ~35 DexScreener lookups per burst, 350 in 10 bursts, reach that point).
@Suite(.serialized) struct SideBySideBudgetTests {
    static let pairs = 1000
    static let backlog = 600

    @Test func stagesSideBySideStayInsideEveryPublishedLimit() async throws {
        // A debug build serving 1000 pairs to four stages at once on a shared machine answers
        // slowly: a long timeout, so that what was sent is also answered.
        try await LoopbackRig.with(extraPairs: Self.pairs, timeout: 60, { $0.verifiers.coingecko.cacheSeconds = 60 }) { rig in
            let watchlist = Array(rig.market.watchlistPairs.prefix(Self.pairs))
            try #require(watchlist.count == Self.pairs)
            try rig.fillWatchlist(watchlist)
            let database = try rig.database()
            let symbols = watchlist.filter { $0.mexcSymbol != nil }.map(\.baseSymbol).prefix(Self.backlog)
            try #require(symbols.count == Self.backlog)
            for symbol in symbols {
                try insertSignal(database, symbol: symbol, at: LoopbackRig.start.addingTimeInterval(-3 * 3600))
            }
            await rig.market.resetBudget()

            // The poll reads the watchlist first; the scans replace it while it polls. Two
            // scans at once would be one run and a 75 (the stage's lock): the second scan
            // starts when the first ends, beside the poll and the reward still running.
            async let poll = PollStage.run(bursts: 10, intervalSeconds: 1, config: rig.setup.config, environment: rig.environment)
            try await Task.sleep(for: .milliseconds(300))
            async let scans = [await rig.scan(), await rig.scan()]
            async let reward = rig.reward()
            let outcomes = await [poll, reward] + scans

            for outcome in outcomes {
                #expect(outcome.exit == .ok, "\(outcome.summary) | \(rig.console.stderr.joined(separator: " | "))")
            }
            let use = await rig.market.budgetUse()
            for bucket in use {
                #expect(bucket.maxWindowWeight <= bucket.limit,
                        "\(bucket.source) \(bucket.bucket): \(bucket.maxWindowWeight) in \(bucket.windowSeconds) s, limit \(bucket.limit)")
                #expect(bucket.refused == 0, "\(bucket.source) \(bucket.bucket) refused \(bucket.refused)")
            }
            let klines = try #require(use.first { $0.bucket == SimulatedEndpoint.mexcKlines.rawValue })
            #expect(klines.weight >= Double(Self.backlog), "the backlog asked more than one window holds")
            // Unpaced, 600 small klines answers take a few seconds; the budget held the 501st
            // until the first had left MEXC's 10 s window.
            let arrivals = await rig.market.budgetLog().filter { $0.bucket == SimulatedEndpoint.mexcKlines.rawValue }.map(\.at).sorted()
            try #require(arrivals.count > 500)
            #expect(arrivals[500] - arrivals[0] >= 10, "the 501st klines request waited for the window")
            let backlog = try rig.signals().filter { $0.timestamp < LoopbackRig.start }
            #expect(backlog.count == Self.backlog && backlog.allSatisfy { $0.rewardStatus == .done }, "every signal of the backlog measured")
            let dexScreener = try #require(use.first { $0.source == "dexscreener" })
            #expect(dexScreener.maxWindowWeight <= 300)
            let tickers = try #require(use.first { $0.bucket == SimulatedEndpoint.mexcTickers.rawValue })
            #expect(tickers.maxWindowWeight <= 500 && tickers.requests == 10, "one all-tickers call (weight 40) per burst")
        }
    }
}
