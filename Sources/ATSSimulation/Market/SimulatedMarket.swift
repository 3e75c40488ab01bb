import FlyingFox
import FlyingSocks
import ATSCore
import Foundation

/// The simulated market served over HTTP on 127.0.0.1: DexScreener, GeckoTerminal,
/// MEXC, CoinGecko and Binance, each under its own path prefix, answering from a
/// deterministic model (see `SimulatedMarketModel` and docs/simulated-market.md).
///
///     let market = try await SimulatedMarket.start(seed: 7)
///     market.configure(&config.values)          // every base_url, query and network
///     await market.setFault(.rateLimited(retryAfter: 1), on: .mexcTickers, times: 1)
///     ...
///     await market.stop()
public final class SimulatedMarket: Sendable {
    public let model: SimulatedMarketModel
    /// `http://127.0.0.1:<port>`, no trailing slash.
    public let baseURL: String
    public let port: UInt16
    let control: SimulationControl
    let limits: SimulatedLimitKeeper
    private let server: HTTPServer
    private let serving: Task<Void, Never>
    private let largeBodyBytes: ByteCounter

    private init(
        model: SimulatedMarketModel, port: UInt16, control: SimulationControl, limits: SimulatedLimitKeeper, server: HTTPServer,
        serving: Task<Void, Never>, largeBodyBytes: ByteCounter
    ) {
        self.limits = limits
        self.model = model
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.control = control
        self.server = server
        self.serving = serving
        self.largeBodyBytes = largeBodyBytes
    }

    /// Starts serving on 127.0.0.1:`port` (0 = any free port; read `port` afterwards).
    /// `now` is the market's clock: klines never go past it, tickers are its present.
    /// `limits`: the published limits are enforced (429, 418) unless told to count only;
    /// they are counted on the real clock, whatever `now` says.
    public static func start(
        seed: UInt64 = 1, now: @escaping Now = Clocks.system, extraPairs: Int = 0, port: UInt16 = 0,
        limits: SimulatedLimits = .published
    ) async throws -> SimulatedMarket {
        let model = SimulatedMarketModel(seed: seed, extraPairs: extraPairs)
        let control = SimulationControl()
        let keeper = SimulatedLimitKeeper(limits: limits)
        let largeBodyBytes = ByteCounter()
        let handler = SimulatedHTTPHandler(router: SimulatedRouter(model: model), control: control, limits: keeper, now: now,
                                           largeBodyBytes: largeBodyBytes)
        let address: sockaddr_in
        do {
            address = try .inet(ip4: "127.0.0.1", port: port)
        } catch {
            throw SimulatedMarketError.cannotListen(port: port, reason: "invalid address")
        }
        // A long handler timeout: the `hang` fault must hang, not turn into a 500.
        let server = HTTPServer(address: address, timeout: 86_400, logger: .disabled, handler: handler)
        let failure = FailureBox()
        let serving = Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        let deadline = ContinuousClock.now + .seconds(5)
        while await !server.isListening {
            if let error = failure.error {
                throw SimulatedMarketError.cannotListen(port: port, reason: Self.describe(error))
            }
            guard ContinuousClock.now < deadline else {
                serving.cancel()
                throw SimulatedMarketError.cannotListen(port: port, reason: "the server did not start within 5 s")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        guard case .ip4(_, let bound)? = await server.listeningAddress else {
            await server.stop()
            throw SimulatedMarketError.cannotListen(port: port, reason: "no listening address")
        }
        return SimulatedMarket(model: model, port: bound, control: control, limits: keeper, server: server, serving: serving,
                               largeBodyBytes: largeBodyBytes)
    }

    /// Stops at once: open connections (a hanging request included) are dropped.
    public func stop() async {
        await server.stop(timeout: 0)
        serving.cancel()
        _ = await serving.value
    }

    // MARK: Where each source is

    public var dexScreenerURL: String { baseURL + "/dexscreener" }
    public var geckoTerminalURL: String { baseURL + "/geckoterminal/api/v2" }
    public var mexcURL: String { baseURL + "/mexc" }
    public var coinGeckoURL: String { baseURL + "/coingecko/api/v3" }
    public var binanceURL: String { baseURL + "/binance" }

    /// Points a config at this market: every `base_url`, the DexScreener queries and
    /// GeckoTerminal networks whose answers hold the scenario pools, and a watchlist
    /// that can hold every scenario pair `scan` admits (its size, and SOL among the
    /// quote symbols for the SOL-quoted one). Leaves enabled flags, thresholds and paths alone.
    public func configure(_ config: inout ATSConfig) {
        config.watchlist.size = SimulatedMarketModel.watchlistSize
        config.watchlist.quoteSymbols = SimulatedMarketModel.quoteSymbols
        config.scanners.dexscreener.baseURL = dexScreenerURL
        config.scanners.dexscreener.queries = SimulatedMarketModel.searchQueries
        config.scanners.geckoterminal.baseURL = geckoTerminalURL
        config.scanners.geckoterminal.networks = SimulatedMarketModel.geckoTerminalNetworks
        config.exchange.mexc.baseURL = mexcURL
        config.exchange.mexc.quoteAsset = SimulatedMarketModel.quoteAsset
        config.verifiers.coingecko.baseURL = coinGeckoURL
        config.verifiers.binance.baseURL = binanceURL
    }

    // MARK: Pairs

    /// Every pool (scenario and filler), with what the watchlist table needs.
    public var pairs: [SimulatedPair] { model.pairs }
    /// The pairs `scan` should admit to the watchlist.
    public var watchlistPairs: [SimulatedPair] { model.watchlistPairs }

    /// The first pair of a scenario (`pair(.buySignal)` is ALPHA's watchlist pair).
    public func pair(_ scenario: SimulatedScenario) -> SimulatedPair? {
        let matching = pairs.filter { $0.scenario == scenario }
        return matching.first(where: \.isWatchlistPair) ?? matching.first
    }

    // MARK: Faults and requests

    /// Switches an endpoint to misbehave, for the next `times` requests (nil: until cleared).
    public func setFault(_ fault: SimulatedFault, on endpoint: SimulatedEndpoint, times: Int? = nil) async {
        await control.setFault(fault, on: [endpoint], times: times)
    }

    /// Switches several endpoints (e.g. `SimulatedEndpoint.allCases`) at once.
    public func setFault(_ fault: SimulatedFault, on endpoints: [SimulatedEndpoint], times: Int? = nil) async {
        await control.setFault(fault, on: endpoints, times: times)
    }

    public func clearFaults() async {
        await control.clearFaults()
    }

    public func clearFault(on endpoint: SimulatedEndpoint) async {
        await control.clearFaults(on: [endpoint])
    }

    /// Requests received by one endpoint (nil: by all API endpoints), faulted ones included.
    public func requestCount(_ endpoint: SimulatedEndpoint? = nil) async -> Int {
        await control.requestCount(endpoint)
    }

    /// Every request received, in order (control requests included, with a nil endpoint).
    public func requestLog() async -> [SimulatedRequest] {
        await control.requestLog()
    }

    public func resetRequestLog() async {
        await control.resetRequests()
    }

    /// Per source and bucket: what the market received, the heaviest window of the limit's
    /// length, and how much it refused (`GET /_sim/budget`).
    public func budgetUse() async -> [SimulatedBucketUse] {
        await limits.use()
    }

    /// Every request as the limits counted it (real time, weight, refusal).
    public func budgetLog() async -> [SimulatedBudgetEntry] {
        await limits.entries()
    }

    /// Forgets what was counted, warnings and bans included.
    public func resetBudget() async {
        await limits.reset()
    }

    /// The most bytes a single `huge` answer has sent so far (a client that refuses a
    /// huge answer hangs up long before its end).
    public var largeBodyBytesSent: Int { largeBodyBytes.value }

    static func describe(_ error: any Error) -> String {
        if case SocketError.failed(_, let errno, _) = error, errno == EADDRINUSE { return "address already in use" }
        if case SocketError.failed(_, let errno, _) = error, errno == EACCES { return "permission denied" }
        return String(describing: error).singleLine(limit: 160)
    }
}

public enum SimulatedMarketError: Error, CustomStringConvertible, Equatable {
    case cannotListen(port: UInt16, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let port, let reason):
            return "cannot serve the simulated market on 127.0.0.1:\(port): \(reason)"
                + (port == 0 ? "" : " (choose another port with --port, or 0 for any free port)")
        }
    }
}

/// The first error of the server task, read while waiting for it to listen.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    var error: (any Error)? { lock.withLock { stored } }
    func set(_ error: any Error) { lock.withLock { stored = error } }
}
