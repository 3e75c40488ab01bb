import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import ATSCore
@testable import ATSSimulation

/// Records the waits a `SourceClient` asks for instead of sleeping (retries stay fast).
final class RecordedSleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var _seconds: [Double] = []

    var seconds: [Double] { lock.withLock { _seconds } }

    var sleep: @Sendable (Double) async throws -> Void {
        { [self] seconds in lock.withLock { _seconds.append(seconds) } }
    }
}

enum Sim {
    /// A fixed instant (mid-minute) so answers are the same on every run.
    static let instant = Date(timeIntervalSince1970: 1_795_267_845.25)

    /// Runs `body` against a freshly started market and always stops it.
    static func withMarket<T>(
        seed: UInt64 = 7, now: @escaping Now = { Sim.instant }, extraPairs: Int = 0,
        _ body: (SimulatedMarket) async throws -> T
    ) async throws -> T {
        let market = try await SimulatedMarket.start(seed: seed, now: now, extraPairs: extraPairs)
        do {
            let result = try await body(market)
            await market.stop()
            return result
        } catch {
            await market.stop()
            throw error
        }
    }

    /// A real client over loopback: live transport, short timeout, no pacing wait.
    static func client(
        _ source: String, _ baseURL: String, timeout: Double = 2, retries: Int = 0,
        sleeps: RecordedSleeps = RecordedSleeps(), recorder: RequestRecorder = RequestRecorder(stage: .poll)
    ) -> SourceClient {
        SourceClient(
            source: source, baseURL: baseURL, transport: LiveHTTPTransport(),
            policy: RequestPolicy(timeout: timeout, retries: retries, backoffBase: 0.01),
            limiter: RateLimiter(capacity: 100_000, refillPerSecond: 100_000), recorder: recorder, sleep: sleeps.sleep)
    }

    static func dexScreener(_ market: SimulatedMarket) -> DexScreenerAPI { DexScreenerAPI(client: client("dexscreener", market.dexScreenerURL)) }
    static func geckoTerminal(_ market: SimulatedMarket) -> GeckoTerminalAPI { GeckoTerminalAPI(client: client("geckoterminal", market.geckoTerminalURL)) }
    static func mexc(_ market: SimulatedMarket) -> MEXCAPI { MEXCAPI(client: client("mexc", market.mexcURL)) }
    static func coinGecko(_ market: SimulatedMarket) -> CoinGeckoAPI { CoinGeckoAPI(client: client("coingecko", market.coinGeckoURL)) }

    /// The raw answer of a GET (status, headers, bytes), without `SourceClient`.
    static func get(_ url: String, timeout: Duration = .seconds(2)) async throws -> ATSCore.HTTPResponse {
        try await LiveHTTPTransport().get(ATSCore.HTTPRequest(url: URL(string: url)!), timeout: timeout, maxBytes: 64 << 20)
    }

    /// A request with a method and body (the control path), over async-http-client.
    static func send(_ method: HTTPMethod, _ url: String, body: String? = nil) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(2))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }
}

/// Binance's `ticker/price` element (no wrapper in Markets/: it is a verifier only).
struct BinancePrice: Decodable, Equatable {
    let symbol: String
    let price: MarketNumber
}
