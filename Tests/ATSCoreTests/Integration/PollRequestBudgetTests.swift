import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// "fetch all the data for all watchlist pairs in as few requests as the APIs allow":
/// requests per burst counted by the simulated market itself, for 10 and 100 pairs.
/// Serialized: the second test measures time, and should not share the CPU with the first.
@Suite(.serialized) struct PollRequestBudgetTests {
    static let sizes = [10, 100]

    /// A few fillers are GeckoTerminal finds, so `pools/multi` is batched too.
    static func sources(_ pair: SimulatedPair) -> String? {
        guard pair.scenario == .filler, let number = Int(pair.baseSymbol.dropFirst(3)) else { return nil }
        return number % 20 == 0 ? "geckoterminal" : "dexscreener"
    }

    /// ≤ ceil(n/30) per chain for DexScreener, the same for GeckoTerminal's pairs only,
    /// one all-tickers call; one call per verifier when the burst has would-be signals, and
    /// one order book per would-be signal still standing after them (signal or thin); nothing else.
    static func budget(_ watchlist: [WatchlistEntry], _ observed: [ObservationRecord]) -> [SimulatedEndpoint: Int] {
        func batches(_ entries: [WatchlistEntry]) -> Int {
            Dictionary(grouping: entries, by: \.chainId).values.map { ($0.count + 29) / 30 }.reduce(0, +)
        }
        let viaDexScreener = watchlist.filter { $0.sourceList.contains("dexscreener") }
        let viaGeckoTerminal = watchlist.filter { !$0.sourceList.contains("dexscreener") }
        let wouldBe = observed.filter { [.signal, .glitch, .thin, .unverified].contains($0.outcome) }.count
        let books = observed.filter { [.signal, .thin].contains($0.outcome) }.count
        var budget: [SimulatedEndpoint: Int] = [.dexscreenerPairs: batches(viaDexScreener), .geckoterminalPools: batches(viaGeckoTerminal),
                                                .mexcTickers: 1]
        if wouldBe > 0 { budget[.coingeckoSimplePrice] = 1; budget[.binanceTickerPrice] = 1 }
        if books > 0 { budget[.mexcDepth] = books }
        return budget.filter { $0.value > 0 }
    }

    static func counts(_ market: SimulatedMarket) async -> [SimulatedEndpoint: Int] {
        var counts: [SimulatedEndpoint: Int] = [:]
        for endpoint in SimulatedEndpoint.allCases {
            let count = await market.requestCount(endpoint)
            if count > 0 { counts[endpoint] = count }
        }
        return counts
    }

    /// The addresses of each batched request, from the paths the market received.
    static func batches(_ log: [SimulatedRequest], _ endpoint: SimulatedEndpoint) -> [[String]] {
        log.filter { $0.endpoint == endpoint }.map { request in
            request.path.split(separator: "/").last.map { $0.split(separator: ",").map { ChainAddress.normalize(String($0)) } } ?? []
        }
    }

    @Test func aBurstCostsAHandfulOfRequestsFor10And100PairsAlike() async throws {
        try await LoopbackRig.with(extraPairs: 100) { rig in
            var seen: [Int: [SimulatedEndpoint: Int]] = [:]
            for size in Self.sizes {
                try rig.fillWatchlist(Array(rig.market.watchlistPairs.prefix(size)), sources: Self.sources)
                let watchlist = try rig.database().watchlist()
                try #require(watchlist.count == size)
                await rig.market.resetRequestLog()

                rig.expectClean(await rig.poll())

                let counts = await Self.counts(rig.market)
                let run = try rig.lastRun(.poll).id
                let observed = try rig.observations().filter { $0.runId == run }
                #expect(counts == Self.budget(watchlist, observed), "\(size) pairs")
                let log = await rig.market.requestLog()
                for endpoint in [SimulatedEndpoint.dexscreenerPairs, .geckoterminalPools] {
                    let asked = Self.batches(log, endpoint)
                    #expect(asked.allSatisfy { $0.count <= 30 }, "\(endpoint.rawValue) batches of at most 30")
                    let wanted = watchlist.filter { LoopbackRig.feedingSource($0.sources) == endpoint.source }
                    #expect(asked.flatMap { $0 }.sorted() == wanted.map { ChainAddress.normalize($0.pairAddress) }.sorted(),
                            "every \(endpoint.source) pair asked exactly once")
                }
                #expect(observed.count == size)
                #expect(!observed.contains { $0.outcome == .error }, "no request failed: the count is the whole burst")
                seen[size] = counts
            }
            let small = try #require(seen[10]), large = try #require(seen[100])
            #expect(large[.dexscreenerPairs]! > small[.dexscreenerPairs]!, "100 pairs need more than one batch on some chain")
            let batched: Set<SimulatedEndpoint> = [.dexscreenerPairs, .geckoterminalPools, .mexcDepth]
            #expect(small.filter { !batched.contains($0.key) } == large.filter { !batched.contains($0.key) })
        }
    }

    /// Sources are asked concurrently: with every answer 500 ms late, a 100-pair burst
    /// takes about one round trip, far from the sum of its requests' latencies.
    @Test func aSlowMarketCostsAboutOneRoundTripNotOnePerRequest() async throws {
        let latency = 0.5
        try await LoopbackRig.with(extraPairs: 100) { rig in
            try rig.fillWatchlist(Array(rig.market.watchlistPairs.prefix(100)), sources: Self.sources)
            await rig.market.setFault(.latency(milliseconds: Int(latency * 1000)), on: SimulatedEndpoint.allCases)

            let (outcome, seconds) = await timed { await rig.poll() }

            rig.expectClean(outcome)
            let requests = await rig.market.requestCount()
            // Loopback shares one host, so the client's connections per host (16) may
            // take two rounds; a generous margin for a machine busy with other builds
            // still stays below what one request after another would cost.
            let bound = 3 * latency + 2.5
            try #require(bound < Double(requests) * latency, "the bound must tell concurrent from sequential (\(requests) requests)")
            #expect(seconds < bound, "took \(seconds) s for \(requests) requests")
            let rows = try rig.observations()
            #expect(rows.count == 100)
            #expect(rows.allSatisfy { ($0.latencyMs ?? 0) >= Int(latency * 1000) }, "the delay was served")
        }
    }
}
