import Foundation

/// A source request that failed in a burst, and how many pairs it left without data.
struct SourceFailure: Sendable, Equatable {
    var source: String
    var message: String
    var pairs: Int
}

/// Everything one burst fetched, per pair, plus what failed and what was slowest.
struct BurstSnapshot: Sendable {
    var dex: [String: Sourced<DexQuote>] = [:]
    var cex: [String: Sourced<CexQuote>] = [:]
    var rates: [String: Sourced<Double>] = [:]
    var verifiers: [String: [VerifierCheck]] = [:]
    var books: [String: (book: Sourced<OrderBook>, latencyMs: Int?)] = [:]
    /// DEX and CEX requests that failed (the run becomes partial).
    var failures: [SourceFailure] = []
    /// Verifier requests that failed (only a note on the pairs).
    var verifierFailures: [SourceFailure] = []
    var dexOrCexAnswered = false
    var slowest: (source: String, latencyMs: Int)?

    func evidence(for pair: WatchlistEntry) -> PairEvidence {
        PairEvidence(
            dex: dex[pair.cexSymbol] ?? .missing("no dex source asked"),
            cex: cex[pair.cexSymbol] ?? .missing("no cex answer"),
            rate: rates[pair.cexSymbol] ?? .missing("no rate: the exchange did not answer"),
            verifiers: verifiers[pair.cexSymbol] ?? [],
            book: books[pair.cexSymbol]?.book, bookLatencyMs: books[pair.cexSymbol]?.latencyMs)
    }

    mutating func answered(_ source: String, latencyMs: Int) {
        if slowest == nil || latencyMs > slowest!.latencyMs { slowest = (source, latencyMs) }
    }
}

/// Fetches one burst's data for every watchlist pair in a fixed handful of requests,
/// all at once: DexScreener pairs by chain (≤30 per call), GeckoTerminal `pools/multi`
/// by network (≤30, only for pairs the DexScreener scanner did not find) and one MEXC
/// all-tickers call. Then, for the would-be signals alone, one call per enabled verifier
/// (they cost monthly-limited credits) and one order book each (`confirm`).
struct BurstFetcher: Sendable {
    let dexScreener: DexScreenerAPI
    let geckoTerminal: GeckoTerminalAPI
    let mexc: MEXCAPI
    let quoteAsset: String
    let depthLevels: Int
    let verifiers: [any PriceVerifier]
    let now: Now

    init(context: StageContext) {
        let values = context.values
        dexScreener = DexScreenerAPI(client: context.client(DexScreenerAPI.source, baseURL: values.scanners.dexscreener.baseURL))
        geckoTerminal = GeckoTerminalAPI(client: context.client(GeckoTerminalAPI.source, baseURL: values.scanners.geckoterminal.baseURL))
        mexc = MEXCAPI(client: context.client(MEXCAPI.source, baseURL: values.exchange.mexc.baseURL))
        quoteAsset = values.exchange.mexc.quoteAsset
        depthLevels = values.exchange.mexc.depthLevels
        verifiers = VerifierRegistry.enabled(in: context)
        now = context.now
    }

    enum Job: Sendable {
        case dexScreener(chain: String, pairs: [WatchlistEntry])
        case geckoTerminal(network: String, pairs: [WatchlistEntry])
        case mexc(pairs: [WatchlistEntry])
    }

    enum JobResult: Sendable {
        case dex(source: String, quotes: [String: Sourced<DexQuote>], latencyMs: Int?, failure: SourceFailure?)
        case cex(quotes: [String: Sourced<CexQuote>], rates: [String: Sourced<Double>], latencyMs: Int?, failure: SourceFailure?)
        case verifier(name: String, checks: [String: VerifierCheck], latencyMs: Int?, failure: SourceFailure?)
    }

    func fetch(_ pairs: [WatchlistEntry]) async -> BurstSnapshot {
        var snapshot = BurstSnapshot()
        let jobs = plan(pairs)
        let results = await withTaskGroup(of: JobResult.self, returning: [JobResult].self) { group in
            for job in jobs { group.addTask { await run(job) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for result in results {
            switch result {
            case .dex(let source, let quotes, let latency, let failure):
                snapshot.dex.merge(quotes) { first, _ in first }
                record(source, latency, failure, into: &snapshot, failures: \.failures)
            case .cex(let quotes, let rates, let latency, let failure):
                snapshot.cex.merge(quotes) { first, _ in first }
                snapshot.rates.merge(rates) { first, _ in first }
                record(MEXCAPI.source, latency, failure, into: &snapshot, failures: \.failures)
            case .verifier(let name, let checks, let latency, let failure):
                for (symbol, check) in checks { snapshot.verifiers[symbol, default: []].append(check) }
                record(name, latency, failure, into: &snapshot, failures: \.verifierFailures)
            }
        }
        snapshot.dexOrCexAnswered = results.contains { result in
            switch result {
            case .dex(_, _, let latency, _), .cex(_, _, let latency, _): return latency != nil
            case .verifier: return false
            }
        }
        return snapshot
    }

    /// Step 5's requests for the would-be signals: one per enabled verifier, concurrently.
    func verify(_ pairs: [WatchlistEntry], into snapshot: inout BurstSnapshot) async {
        guard !pairs.isEmpty else { return }
        let results = await withTaskGroup(of: JobResult.self, returning: [JobResult].self) { group in
            for verifier in verifiers { group.addTask { await verifierResult(verifier, pairs) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for case .verifier(let name, let checks, let latency, let failure) in results {
            for (symbol, check) in checks { snapshot.verifiers[symbol, default: []].append(check) }
            record(name, latency, failure, into: &snapshot, failures: \.verifierFailures)
        }
        // Verifiers answer concurrently: list their checks in registry order.
        let order = Dictionary(verifiers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for symbol in snapshot.verifiers.keys {
            snapshot.verifiers[symbol]?.sort { order[$0.verifier, default: 0] < order[$1.verifier, default: 0] }
        }
    }

    /// One order book as a child task returns it.
    struct BookAnswer: Sendable {
        var symbol: String
        var answer: Result<(book: OrderBook, latencyMs: Int), any Error>
    }

    /// Step 6's requests: one order book per would-be signal still standing (weight 1 each),
    /// all at once. A failed book makes its pair an error, never a signal.
    func books(_ pairs: [WatchlistEntry], into snapshot: inout BurstSnapshot) async {
        // Children return a named type built after their await, never a tuple literal such
        // as `(symbol, try await …)`: Swift 6.3 at -O writes the part known before the
        // suspension and loses it (swiftlang/swift#91911, reverted in #92155, unfixed in
        // 6.3.1); a release build crashed here reading the corrupted symbol back.
        let answers = await withTaskGroup(of: BookAnswer.self) { group in
            for pair in pairs {
                let market = pair.cexSymbol.uppercased() + quoteAsset.uppercased()
                group.addTask {
                    let answer: Result<(book: OrderBook, latencyMs: Int), any Error>
                    do { answer = .success(try await mexc.depth(symbol: market, levels: depthLevels)) } catch { answer = .failure(error) }
                    return BookAnswer(symbol: pair.cexSymbol, answer: answer)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        var failed: [String: (message: String, pairs: Int)] = [:]
        for item in answers {
            switch item.answer {
            case .success(let (book, latency)):
                snapshot.books[item.symbol] = (.value(book), latency)
                snapshot.answered(MEXCAPI.source, latencyMs: latency)
            case .failure(let error):
                let (message, reason) = Self.explain(error, route: "/api/v3/depth")
                snapshot.books[item.symbol] = (.missing("mexc depth failed: \(reason)"), nil)
                failed[message, default: (message, 0)].pairs += 1
            }
        }
        for (message, entry) in failed.sorted(by: { $0.key < $1.key }) {
            snapshot.failures.append(SourceFailure(source: MEXCAPI.source, message: message, pairs: entry.pairs))
        }
    }

    private func record(_ source: String, _ latency: Int?, _ failure: SourceFailure?, into snapshot: inout BurstSnapshot,
                        failures: WritableKeyPath<BurstSnapshot, [SourceFailure]>) {
        if let latency { snapshot.answered(source, latencyMs: latency) }
        if let failure { snapshot[keyPath: failures].append(failure) }
    }

    /// The requests of one burst: their number grows with the pairs only through the 30-address batches.
    private func plan(_ pairs: [WatchlistEntry]) -> [Job] {
        var jobs: [Job] = []
        let viaDexScreener = pairs.filter { $0.sourceList.contains(DexScreenerAPI.source) }
        let viaGeckoTerminal = pairs.filter { !$0.sourceList.contains(DexScreenerAPI.source) }
        for (chain, group) in grouped(viaDexScreener, by: \.chainId) {
            for batch in group.chunked(DexScreenerAPI.batchLimit) { jobs.append(.dexScreener(chain: chain, pairs: batch)) }
        }
        for (network, group) in grouped(viaGeckoTerminal, by: { Chain.byID($0.chainId)?.geckoTerminalNetwork ?? $0.chainId }) {
            for batch in group.chunked(GeckoTerminalAPI.batchLimit) { jobs.append(.geckoTerminal(network: network, pairs: batch)) }
        }
        if !pairs.isEmpty { jobs.append(.mexc(pairs: pairs)) }
        return jobs
    }

    private func grouped(_ pairs: [WatchlistEntry], by key: (WatchlistEntry) -> String) -> [(String, [WatchlistEntry])] {
        Dictionary(grouping: pairs, by: key).sorted { $0.key < $1.key }
    }

    private func run(_ job: Job) async -> JobResult {
        switch job {
        case .dexScreener(let chain, let pairs):
            return await dexResult(DexScreenerAPI.source, route: "/latest/dex/pairs/*", pairs) {
                let (answer, latency) = try await dexScreener.pairs(chain: chain, addresses: pairs.map(\.pairAddress))
                return (answer.map(\.dexPair).filter { $0.chainId == chain }, latency)
            }
        case .geckoTerminal(let network, let pairs):
            return await dexResult(GeckoTerminalAPI.source, route: "/networks/*/pools/multi", pairs) {
                let (answer, latency) = try await geckoTerminal.pools(network: network, addresses: pairs.map(\.pairAddress))
                return (answer.dexPairs(network: network), latency)
            }
        case .mexc(let pairs):
            return await cexResult(pairs)
        }
    }
}

extension Array {
    fileprivate func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
