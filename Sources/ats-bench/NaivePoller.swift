import ATSCore
import Foundation

/// The approach `ats poll` avoids, for comparison only: one request per pair per source,
/// through the same API wrappers, one pair at a time — the DEX pair lookup with a single
/// address, the MEXC ticker of one symbol, the CoinGecko price of one id, the Binance price
/// of one symbol. It fetches only (no evaluation, no rows), so its cost is a lower bound.
///
/// It gets no pacing: with the product's DexScreener budget (300/min) 1000 pairs could not
/// even be asked once a minute. Its requests run as many at a time as the HTTP client keeps
/// connections per host, so it is not starved of concurrency either.
struct NaivePoller {
    let dexScreener: DexScreenerAPI
    let geckoTerminal: GeckoTerminalAPI
    let mexc: SourceClient
    let coinGecko: CoinGeckoAPI?
    let binance: SourceClient?
    let quoteAsset: String
    let concurrency: Int

    init(values: ATSConfig, concurrency: Int) {
        let recorder = RequestRecorder(stage: .poll)
        let policy = RequestPolicy(timeout: values.http.timeoutSeconds, retries: values.http.retries)
        func client(_ source: String, _ baseURL: String) -> SourceClient {
            SourceClient(source: source, baseURL: baseURL, transport: LiveHTTPTransport(), policy: policy,
                         budget: LocalBudget.unlimited, recorder: recorder)
        }
        dexScreener = DexScreenerAPI(client: client(DexScreenerAPI.source, values.scanners.dexscreener.baseURL))
        geckoTerminal = GeckoTerminalAPI(client: client(GeckoTerminalAPI.source, values.scanners.geckoterminal.baseURL))
        mexc = client(MEXCAPI.source, values.exchange.mexc.baseURL)
        coinGecko = values.verifiers.coingecko.enabled
            ? CoinGeckoAPI(client: client(CoinGeckoAPI.source, values.verifiers.coingecko.effectiveBaseURL)) : nil
        binance = values.verifiers.binance.enabled ? client(BinanceAPI.source, values.verifiers.binance.baseURL) : nil
        quoteAsset = values.exchange.mexc.quoteAsset
        self.concurrency = concurrency
    }

    /// Fetches every pair from every source; returns how many requests failed.
    func fetch(_ pairs: [WatchlistEntry]) async -> Int {
        let requests = pairs.flatMap(requests(for:))
        var failed = 0
        await withTaskGroup(of: Bool.self) { group in
            var pending = requests.makeIterator()
            for _ in 0..<concurrency {
                guard let request = pending.next() else { break }
                group.addTask { await Self.succeeds(request) }
            }
            while let succeeded = await group.next() {
                if !succeeded { failed += 1 }
                if let request = pending.next() { group.addTask { await Self.succeeds(request) } }
            }
        }
        return failed
    }

    private typealias Request = @Sendable () async throws -> Void

    private static func succeeds(_ request: Request) async -> Bool {
        do {
            try await request()
            return true
        } catch {
            return false
        }
    }

    private func requests(for pair: WatchlistEntry) -> [Request] {
        let (dexScreener, geckoTerminal, mexc, coinGecko, binance) = (self.dexScreener, self.geckoTerminal, self.mexc, self.coinGecko, self.binance)
        let market = pair.cexSymbol.uppercased() + quoteAsset.uppercased()
        var list: [Request] = []
        if pair.sourceList.contains(DexScreenerAPI.source) {
            list.append { _ = try await dexScreener.pairs(chain: pair.chainId, addresses: [pair.pairAddress]) }
        } else {
            let network = Chain.byID(pair.chainId)?.geckoTerminalNetwork ?? pair.chainId
            list.append { _ = try await geckoTerminal.pools(network: network, addresses: [pair.pairAddress]) }
        }
        list.append { _ = try await mexc.getJSON(MEXCTicker.self, "/api/v3/ticker/24hr", query: [("symbol", market)], endpoint: "ticker_24hr") }
        if let coinGecko, let id = pair.coingeckoId {
            list.append { _ = try await coinGecko.simplePrices(ids: [id]) }
        }
        if let binance {
            list.append { _ = try await binance.getJSON(BinancePrice.self, "/api/v3/ticker/price", query: [("symbol", market)], endpoint: "ticker_price") }
        }
        return list
    }
}
