import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The simulated market served on 127.0.0.1, a config in a temporary folder pointed
/// at it (a real SQLite file beside it), and ONE frozen clock shared by the market
/// and the stages: a test moves time forward with `clock.advance(by:)`, and the
/// market's tickers and candles move with it. Stages use the live HTTP transport.
final class LoopbackRig: Sendable {
    /// Mid-minute, so a signal's reward window starts at the NEXT minute.
    static let start = Date(timeIntervalSince1970: 1_795_267_845.25)

    let market: SimulatedMarket
    let clock: SimulationClock
    let setup: TestSetup
    let console = ConsoleCapture()

    private init(market: SimulatedMarket, clock: SimulationClock, setup: TestSetup) {
        self.market = market
        self.clock = clock
        self.setup = setup
    }

    /// Runs `body` against a fresh rig and always stops the market (a hanging request included).
    /// Defaults: both verifiers on, no retries (a failure is final at once). The timeout only
    /// costs time when a test makes the market hang; a healthy answer on a machine busy with
    /// other tests can take a while, so it stays the product's default unless a test says so.
    static func with<T>(
        extraPairs: Int = 0, timeout: Double = 5, retries: Int = 0, notify: Bool = false, _ edit: (inout ATSConfig) -> Void = { _ in },
        _ body: (LoopbackRig) async throws -> T
    ) async throws -> T {
        let clock = SimulationClock(start: start, frozen: true)
        let market = try await SimulatedMarket.start(seed: 11, now: clock.now, extraPairs: extraPairs)
        do {
            let setup = try TestSetup { values in
                market.configure(&values)
                values.verifiers.binance.enabled = true
                values.http.timeoutSeconds = timeout
                values.http.downloadTimeoutSeconds = timeout
                values.http.retries = retries
                // Each poll asks CoinGecko afresh unless a test is about the cache; tests
                // poll far faster than cron, so CoinGecko's budget is the pro plan's (no key
                // is set, so no key header is sent).
                values.verifiers.coingecko.cacheSeconds = 0
                values.verifiers.coingecko.plan = "pro"
                if notify { _ = market.configureNotify(&values) }
                edit(&values)
            }
            let result = try await body(LoopbackRig(market: market, clock: clock, setup: setup))
            await market.stop()
            return result
        } catch {
            await market.stop()
            throw error
        }
    }

    var values: ATSConfig { setup.config.values }

    /// The command line's seams, except the clock (shared with the market) and the console (captured).
    var environment: StageEnvironment {
        StageEnvironment(transport: LiveHTTPTransport(), now: clock.now, console: console.console(terminal: false),
                         variables: market.notifyVariables(values.notify))
    }

    func database() throws -> AppDatabase { try setup.database() }

    // MARK: Stages, as the commands call them

    func scan() async -> StageRunner.Outcome {
        await ScanStage.run(config: setup.config, environment: environment)
    }

    func poll(bursts: Int = 1) async -> StageRunner.Outcome {
        await PollStage.run(bursts: bursts, intervalSeconds: 0, config: setup.config, environment: environment)
    }

    func notify() async -> StageRunner.Outcome {
        await NotifyStage.run(config: setup.config, environment: environment)
    }

    func reward(asOf: Date? = nil) async -> StageRunner.Outcome {
        await RewardStage.run(config: setup.config, environment: environment, asOf: asOf)
    }

    /// A step against a healthy market: done, nothing failed. On failure the message
    /// carries what the operator would have read.
    func expectClean(_ outcome: StageRunner.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.exit == .ok && outcome.status == .ok,
                "\(outcome.summary) | \(console.stderr.joined(separator: " | "))", sourceLocation: sourceLocation)
    }

    // MARK: The watchlist without a scan

    /// Puts `pairs` on the watchlist as `scan` would store them. `sources` says which
    /// scanners "found" each pair (default: the scanners the market shows it to;
    /// fillers, shown to none, count as DexScreener finds).
    func fillWatchlist(_ pairs: [SimulatedPair], sources: (SimulatedPair) -> String? = { _ in nil }) throws {
        let entries = Self.watchlistEntries(pairs, in: market, at: clock.now(), sources: sources)
        try database().replaceWatchlist(entries, exclusions: [], runID: 0)
    }

    /// `pairs` as `scan` would store them, ranked in order.
    static func watchlistEntries(
        _ pairs: [SimulatedPair], in market: SimulatedMarket, at date: Date, sources: (SimulatedPair) -> String? = { _ in nil }
    ) -> [WatchlistEntry] {
        pairs.enumerated().map { index, pair in
            WatchlistEntry(
                rank: index + 1, cexSymbol: pair.baseSymbol, baseSymbol: pair.baseSymbol, quoteSymbol: pair.quoteSymbol,
                chainId: pair.chainID, pairAddress: pair.pairAddress, baseAddress: pair.baseAddress, dexId: pair.dexID,
                coingeckoId: pair.coingeckoID, priceUsd: nil, liquidityUsd: nil, finalScore: Double(1_000 - index),
                confirmations: 1, sources: sources(pair) ?? scanners(showing: pair, in: market), scannedAt: date)
        }
    }

    /// `dexscreener`, `geckoterminal` or both (sorted, comma-separated, as `scan` writes them).
    func scannersShowing(_ pair: SimulatedPair) -> String { Self.scanners(showing: pair, in: market) }

    static func scanners(showing pair: SimulatedPair, in market: SimulatedMarket) -> String {
        guard let pool = market.model.pools.first(where: { $0.pairAddress == pair.pairAddress }) else { return "dexscreener" }
        let found: [String] = (pool.inSearch ? ["dexscreener"] : []) + (pool.inTrending ? ["geckoterminal"] : [])
        return found.isEmpty ? "dexscreener" : found.joined(separator: ",")
    }

    /// The DEX source `poll` asks for a pair: DexScreener whenever it found the pair.
    func feedingSource(_ pair: SimulatedPair) -> String { Self.feedingSource(scannersShowing(pair)) }

    static func feedingSource(_ sources: String) -> String {
        sources.split(separator: ",").contains("dexscreener") ? "dexscreener" : "geckoterminal"
    }

    // MARK: Rows

    func observations() throws -> [ObservationRecord] {
        try database().reader.read { try ObservationRecord.order(Column("id")).fetchAll($0) }
    }

    func signals() throws -> [SignalRecord] {
        try database().reader.read { try SignalRecord.order(Column("id")).fetchAll($0) }
    }

    func lastRun(_ stage: Stage) throws -> RunRecord {
        try #require(try database().lastRuns(stage: stage, limit: 1).first)
    }

    /// The market's own API, over loopback, outside any stage (for the test's expectations).
    var mexc: MEXCAPI { MEXCAPI(client: Sim.client(MEXCAPI.source, market.mexcURL)) }
}

/// What `poll` must record for each scenario of the simulated market with the default
/// thresholds (docs/simulated-market.md, product.md's poll rules).
struct ExpectedObservation: Equatable, CustomStringConvertible {
    var outcome: PairOutcome
    var side: SignalType?
    /// The stable rule the reason starts with.
    var rule: String

    var description: String { "\(outcome.rawValue) \(side?.rawValue ?? "-") \(rule)" }

    static func forScenario(_ scenario: SimulatedScenario) -> ExpectedObservation? {
        switch scenario {
        case .buySignal: return .init(outcome: .signal, side: .buy, rule: "signal")
        case .sellSignal: return .init(outcome: .signal, side: .sell, rule: "signal")
        case .priceGlitch: return .init(outcome: .glitch, rule: "verifier disagrees with cex")
        case .lowCEXVolume: return .init(outcome: .risk, rule: "cex 24h quote volume below minimum")
        case .thinLiquidity: return .init(outcome: .risk, rule: "dex liquidity below minimum")
        case .priceMismatch: return .init(outcome: .mismatch, rule: "spread beyond maximum")
        case .lowDEXVolume: return .init(outcome: .noSignal, rule: "dex 24h volume below minimum")
        case .quiet, .plain, .filler: return .init(outcome: .noSignal, rule: "spread below minimum")
        // The v2 scenarios (issue 13; docs/simulated-market.md gives each one's numbers).
        case .staleTicker: return .init(outcome: .stale, rule: "ticker too old")
        case .wideBook: return .init(outcome: .risk, rule: "book spread above maximum")
        case .thinBook: return .init(outcome: .thin, rule: "book cannot fill the order")
        case .bookImpact: return .init(outcome: .signal, side: .buy, rule: "signal")
        case .depeggedQuote, .nullQuoteVolume, .placeholderContract: return .init(outcome: .noSignal, rule: "spread below minimum")
        case .solQuoted: return .init(outcome: .signal, side: .sell, rule: "signal")
        // Its CoinGecko price is 18 h old: no answer, so a signal noted unverified, not a glitch.
        case .staleVerifier: return .init(outcome: .signal, side: .buy, rule: "signal")
        default: return nil  // scan keeps these off the watchlist (the fake USDC among them)
        }
    }

    /// The pairs that reach cross-verification (would-be signals): every pair the table
    /// expects to signal, to be a glitch, or to be thin (the book is walked after the verifiers).
    static func verified(_ pairs: [SimulatedPair]) -> [SimulatedPair] {
        pairs.filter { pair in [.signal, .glitch, .thin].contains(forScenario(pair.scenario)?.outcome) }
    }

    /// The pairs of `pairs` that poll records a signal for, by this table.
    static func signalling(_ pairs: [SimulatedPair]) -> [(pair: SimulatedPair, side: SignalType)] {
        pairs.compactMap { pair in forScenario(pair.scenario)?.side.map { (pair, $0) } }
    }

    /// The pairs the scan puts on the watchlist.
    static func scannedPairs(_ pairs: [SimulatedPair]) -> [SimulatedPair] {
        pairs.filter { $0.isWatchlistPair && $0.scenario != .filler }
    }

    /// What a stored observation says, in the same terms.
    static func stored(_ row: ObservationRecord, signals: [SignalRecord]) -> ExpectedObservation {
        let side = row.signalId.flatMap { id in signals.first { $0.id == id }?.signalType }
        let rule = row.reason.split(separator: ":", maxSplits: 1).first.map(String.init) ?? row.reason
        return .init(outcome: row.outcome, side: side, rule: rule)
    }
}

extension ConsoleCapture {
    var warnings: [String] { stderr.filter { $0.hasPrefix("warning: ") } }
}

/// Elapsed wall time of `work`, in seconds.
func timed<T>(_ work: () async throws -> T) async rethrows -> (value: T, seconds: Double) {
    let start = ContinuousClock.now
    let value = try await work()
    let elapsed = start.duration(to: .now)
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
