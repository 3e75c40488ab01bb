import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// Issue 14: scan, a 10-burst poll of 1000 pairs, reward with a backlog over 600 symbols
/// and a second scan, all at once on one database (each run opens the file on its own,
/// as separate processes do), against the simulated market on the real clock with the
/// real published limits. The market's own count shows no window over a limit and
/// nothing refused, although together they asked for more than the limits hold: the
/// shared budget made them wait, or record what did not fit as errors.
@Suite(.serialized) struct SideBySideBudgetTests {
    static let pairs = 1000
    static let backlog = 600

    @Test func stagesSideBySideStayInsideEveryPublishedLimit() async throws {
        try await LoopbackRig.with(extraPairs: Self.pairs, { $0.verifiers.coingecko.cacheSeconds = 60 }) { rig in
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

            // The poll reads the watchlist first; the scans replace it while it polls.
            async let poll = PollStage.run(bursts: 10, intervalSeconds: 1, config: rig.setup.config, environment: rig.environment)
            try await Task.sleep(for: .milliseconds(300))
            async let scan = rig.scan()
            async let reward = rig.reward()
            async let secondScan = rig.scan()
            let outcomes = await [poll, scan, reward, secondScan]

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
            #expect(klines.weight >= Double(Self.backlog), "the backlog asked more than one window holds: the budget made it wait")
            #expect(try rig.signals().allSatisfy { $0.rewardStatus == .done }, "every signal of the backlog measured")
            let dexScreener = try #require(use.first { $0.source == "dexscreener" })
            #expect(dexScreener.maxWindowWeight <= 300)
            let tickers = try #require(use.first { $0.bucket == SimulatedEndpoint.mexcTickers.rawValue })
            #expect(tickers.maxWindowWeight <= 500 && tickers.requests == 10, "one all-tickers call (weight 40) per burst")
            // 10 bursts need ~35 DexScreener batches each: more than 300 a minute. What did
            // not fit before the next burst was due is an error naming the budget.
            let notAsked = try rig.observations().filter { $0.outcome == .error && $0.reason.contains("budget (300 requests per 60 s)") }
            #expect(!notAsked.isEmpty)
        }
    }
}
