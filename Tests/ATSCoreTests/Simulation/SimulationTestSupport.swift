import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
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

    /// `count` instants spread over a fortnight, the same for the same `seed`.
    static func instants(_ count: Int, seed: UInt64) -> [Int64] {
        var state = seed
        return (0..<count).map { _ in
            state = SimulationNoise.mix(state)
            return 1_790_000_000 + Int64(state % (14 * 86_400))
        }
    }

    /// Runs `body` against a freshly started market and always stops it.
    static func withMarket<T>(
        seed: UInt64 = 7, now: @escaping Now = { Sim.instant }, extraPairs: Int = 0, limits: SimulatedLimits = .published,
        _ body: (SimulatedMarket) async throws -> T
    ) async throws -> T {
        let market = try await SimulatedMarket.start(seed: seed, now: now, extraPairs: extraPairs, limits: limits)
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
            policy: RequestPolicy(timeout: timeout, retries: retries, backoffBase: 0.01, downloadTimeout: timeout),
            budget: LocalBudget.unlimited, recorder: recorder, sleep: sleeps.sleep)
    }

    static func dexScreener(_ market: SimulatedMarket) -> DexScreenerAPI { DexScreenerAPI(client: client("dexscreener", market.dexScreenerURL)) }
    static func geckoTerminal(_ market: SimulatedMarket) -> GeckoTerminalAPI { GeckoTerminalAPI(client: client("geckoterminal", market.geckoTerminalURL)) }
    static func mexc(_ market: SimulatedMarket) -> MEXCAPI { MEXCAPI(client: client("mexc", market.mexcURL)) }
    static func coinGecko(_ market: SimulatedMarket) -> CoinGeckoAPI { CoinGeckoAPI(client: client("coingecko", market.coinGeckoURL)) }

    /// The raw answer of a GET (status, headers, bytes), without `SourceClient`.
    static func get(_ url: String, timeout: Duration = .seconds(2)) async throws -> ATSCore.HTTPResponse {
        try await LiveHTTPTransport().get(ATSCore.HTTPRequest(url: URL(string: url)!), timeout: timeout, maxBytes: 64 << 20)
    }

    /// The JSON of a GET as Foundation parses it: for fields and quirks Markets/ does not decode.
    static func json(_ url: String) async throws -> Any {
        let answer = try await get(url)
        try #require(answer.status == 200, "\(url): HTTP \(answer.status)")
        return try JSONSerialization.jsonObject(with: answer.body, options: [.fragmentsAllowed])
    }

    /// A number the APIs send as a string (`"0.4712"`) or as a number.
    static func number(_ value: Any?) -> Double? {
        if let text = value as? String { return Double(text) }
        return (value as? NSNumber)?.doubleValue
    }

    /// `depth` levels `[["price","qty"], …]` as numbers, in the order served.
    static func levels(_ value: Any?) -> [(price: Double, quantity: Double)] {
        ((value as? [[String]]) ?? []).compactMap { row in
            guard row.count == 2, let price = Double(row[0]), let quantity = Double(row[1]) else { return nil }
            return (price, quantity)
        }
    }

    /// Walks `levels` (best first) until `quote` units of the quote asset are spent, as
    /// product.md's order-book step does: the average fill price, or nil when the book
    /// runs out first.
    static func averageFill(_ levels: [(price: Double, quantity: Double)], quote: Double) -> Double? {
        var spent = 0.0, bought = 0.0
        for level in levels {
            let take = min(quote - spent, level.price * level.quantity)
            spent += take
            bought += take / level.price
            if spent >= quote - 1e-9 { return spent / bought }
        }
        return nil
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
