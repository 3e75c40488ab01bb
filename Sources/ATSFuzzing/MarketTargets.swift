import ATSCore
import Foundation

/// The market targets: one API call each, answered with the fuzzer's bytes through the
/// HTTP seam (`HTTPTransport`), then the translation the stage applies to the answer.
enum MarketTargets {
    /// Runs `body` on `bytes` to its end and waits for it: libFuzzer's callback is
    /// synchronous. The input is released here, on libFuzzer's thread, not when the task
    /// is torn down on another after the signal: libFuzzer counts mallocs against frees
    /// when the callback returns, and LeakSanitizer cannot see a `Data` whose only
    /// reference is a task's context mid-teardown (the enum tag sits in the pointer's
    /// spare bits), so that race was reported as a leak of the input.
    static func blocking(_ bytes: Data, _ body: @escaping @Sendable (Data) async -> Int) -> Int {
        let run = Run(bytes)
        Task {
            run.value = await body(run.bytes)
            run.done.signal()
        }
        run.done.wait()
        run.bytes = Data()
        return run.value
    }

    /// Written by the task before the semaphore is signalled, read and cleared after the wait.
    final class Run: @unchecked Sendable {
        var bytes: Data
        var value = 0
        let done = DispatchSemaphore(value: 0)
        init(_ bytes: Data) { self.bytes = bytes }
    }

    /// A client of `source` whose one request is answered 200 with `bytes`, no retries.
    static func client(_ source: String, _ bytes: Data) -> SourceClient {
        SourceClient(source: source, baseURL: "http://fuzz.invalid", transport: Answer(body: bytes),
                     policy: RequestPolicy(timeout: 5, retries: 0), budget: LocalBudget.unlimited, recorder: RequestRecorder(stage: .poll))
    }

    static let addresses = ["0x58f876857a02d6762e0101bb5c46a8c1ed44dc16", "8sLbNZoA1cfnvMJLPfp98ZLAnFSYCFApfJKMbiXNLwxj"]

    static func dexScreenerSearch(_ bytes: Data) async -> Int {
        guard let (pairs, _) = try? await DexScreenerAPI(client: client(DexScreenerAPI.source, bytes)).search("solana usdc") else { return 0 }
        return pairs.map(\.dexPair).compactMap { ScanCandidate(source: DexScreenerAPI.source, pair: $0) }.count
    }

    static func dexScreenerPairs(_ bytes: Data) async -> Int {
        guard let (pairs, _) = try? await DexScreenerAPI(client: client(DexScreenerAPI.source, bytes)).pairs(chain: "solana", addresses: addresses)
        else { return 0 }
        return pairs.map(\.dexPair).filter { $0.chainId == "solana" }.count
    }

    static func geckoTerminalTrending(_ bytes: Data) async -> Int {
        guard let (response, _) = try? await GeckoTerminalAPI(client: client(GeckoTerminalAPI.source, bytes)).trendingPools(network: "solana")
        else { return 0 }
        return response.dexPairs(network: "solana").compactMap { ScanCandidate(source: GeckoTerminalAPI.source, pair: $0) }.count
    }

    static func geckoTerminalPoolsMulti(_ bytes: Data) async -> Int {
        guard let (response, _) = try? await GeckoTerminalAPI(client: client(GeckoTerminalAPI.source, bytes)).pools(network: "solana", addresses: addresses)
        else { return 0 }
        return response.dexPairs(network: "solana").count
    }

    static func mexcExchangeInfo(_ bytes: Data) async -> Int {
        guard let info = try? await MEXCAPI(client: client(MEXCAPI.source, bytes)).exchangeInfo() else { return 0 }
        let listing = CEXListing(markets: info.symbols.map(\.market), quoteAsset: "USDT")
        _ = ["BTC", "PEPE", ""].map { listing.market(base: $0) }
        return info.symbols.count
    }

    static func mexcTickers(_ bytes: Data) async -> Int {
        guard let (tickers, _) = try? await MEXCAPI(client: client(MEXCAPI.source, bytes)).allTickers() else { return 0 }
        return Dictionary(tickers.map { ($0.symbol, $0.ticker) }, uniquingKeysWith: { first, _ in first }).count
    }

    static func mexcDepth(_ bytes: Data) async -> Int {
        guard let (book, _) = try? await MEXCAPI(client: client(MEXCAPI.source, bytes)).depth(symbol: "PEPEUSDT", levels: 100) else { return 0 }
        return book.bids.count + book.asks.count
    }

    static func mexcKlines(_ bytes: Data) async -> Int {
        guard let klines = try? await MEXCAPI(client: client(MEXCAPI.source, bytes)).klines(symbol: "PEPEUSDT", startMs: 0, endMs: 60_000_000)
        else { return 0 }
        _ = CandleSeries(klines, realNowMs: Int64.max / 2)
        return klines.count
    }

    static func coinGeckoList(_ bytes: Data) async -> Int {
        guard let coins = try? await CoinGeckoAPI(client: client(CoinGeckoAPI.source, bytes)).coinsList() else { return 0 }
        return coins.map(\.listing).count
    }

    static func coinGeckoPrices(_ bytes: Data) async -> Int {
        let verifier = CoinGeckoVerifier(api: CoinGeckoAPI(client: client(CoinGeckoAPI.source, bytes)))
        guard let (readings, _) = try? await verifier.readings(for: [pair("PEPE", coingeckoID: "pepe"), pair("BTC", coingeckoID: "bitcoin")]) else { return 0 }
        return readings.count
    }

    static func binancePrices(_ bytes: Data) async -> Int {
        let verifier = BinanceVerifier(api: BinanceAPI(client: client(BinanceAPI.source, bytes)), quoteAsset: "USDT")
        guard let (readings, _) = try? await verifier.readings(for: [pair("PEPE", coingeckoID: nil), pair("BTC", coingeckoID: nil)]) else { return 0 }
        return readings.count
    }

    static func pair(_ symbol: String, coingeckoID: String?) -> WatchlistEntry {
        WatchlistEntry(rank: 1, cexSymbol: symbol, baseSymbol: symbol, quoteSymbol: "USDC", chainId: "solana", pairAddress: addresses[1],
                       baseAddress: addresses[0], dexId: "raydium", coingeckoId: coingeckoID, priceUsd: 1, liquidityUsd: 1,
                       finalScore: 1, confirmations: 1, sources: DexScreenerAPI.source, scannedAt: Date(timeIntervalSince1970: 0))
    }

    /// The one seam: every request gets the fuzzer's bytes, as a JSON 200.
    struct Answer: HTTPTransport {
        let body: Data

        func get(_ request: HTTPRequest, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse {
            guard body.count <= maxBytes else { throw TransportError.tooLarge(limit: maxBytes) }
            return HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: body)
        }

        func post(_ request: HTTPRequest, body: Data, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse {
            try await get(request, timeout: timeout, maxBytes: maxBytes)
        }
    }
}
