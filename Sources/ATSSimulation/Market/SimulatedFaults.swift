import ATSCore
import Foundation

/// The endpoints the simulated market serves, each a target for fault switches and
/// request counts. Raw values are the names the HTTP control path accepts.
public enum SimulatedEndpoint: String, Sendable, CaseIterable, Codable {
    case dexscreenerSearch = "dexscreener_search"
    case dexscreenerPairs = "dexscreener_pairs"
    case dexscreenerTokens = "dexscreener_tokens"
    case geckoterminalTrendingPools = "geckoterminal_trending_pools"
    case geckoterminalPools = "geckoterminal_pools_multi"
    case mexcExchangeInfo = "mexc_exchange_info"
    case mexcTickers = "mexc_ticker_24hr"
    case mexcKlines = "mexc_klines"
    case mexcDepth = "mexc_depth"
    case coingeckoCoinsList = "coingecko_coins_list"
    case coingeckoSimplePrice = "coingecko_simple_price"
    case binanceTickerPrice = "binance_ticker_price"

    /// The source (and path prefix) the endpoint belongs to.
    public var source: String {
        String(rawValue.prefix { $0 != "_" })
    }
}

/// A misbehaviour an endpoint can be switched to.
public enum SimulatedFault: Sendable, Equatable {
    /// HTTP 429 with the source's body; `Retry-After: seconds` when given.
    case rateLimited(retryAfter: Int?)
    /// HTTP 418, MEXC's and Binance's IP ban, with `Retry-After: seconds` when given.
    case banned(retryAfter: Int?)
    /// The given 5xx status.
    case serverError(status: Int)
    /// HTTP 200 with an HTML challenge page (what a CDN in front of an API sends).
    case htmlChallenge
    /// HTTP 200 with the normal answer cut in half (`Content-Length` matches the cut body).
    case truncatedJSON
    /// HTTP 200 with no body at all.
    case emptyBody
    /// HTTP 200 with valid JSON of another shape (an object where an array belongs, or the reverse).
    case wrongShape
    /// The connection is accepted and never answered (until the market stops).
    case hang
    /// The normal answer, after a delay.
    case latency(milliseconds: Int)
    /// A 4xx other than 429 (418 is MEXC's and Binance's IP ban) with the source's error
    /// body; `message` (default: the source's usual text) is what the API says, verbatim.
    case clientError(status: Int, message: String?)
    /// HTTP 200 with the JSON literal `null` where an object or array belongs.
    case nullBody
    /// The normal answer with every price (DexScreener `priceUsd` and `priceNative`,
    /// GeckoTerminal `base_token_price_usd` and `base_token_price_quote_token`, MEXC
    /// `lastPrice`, `bidPrice`, `askPrice`, kline prices and depth level prices, CoinGecko
    /// `usd`, Binance `price`) replaced; answers without prices are unchanged.
    case badNumbers(SimulatedBadNumber)
    /// HTTP 200 streaming `bytes` bytes (chunked, no `Content-Length`) that never end
    /// in valid JSON; the market counts what it actually sent (`largeBodyBytesSent`).
    case huge(bytes: Int)
    /// The normal answer whose links (DexScreener pair `url`, `info` image, websites and
    /// socials; GeckoTerminal `image_url`) point at `base`: nothing may ever fetch them.
    case foreignLinks(base: String)
}

/// One request the market received.
public struct SimulatedRequest: Sendable, Equatable {
    public let endpoint: SimulatedEndpoint?
    public let method: String
    /// Path including the source prefix (`/mexc/api/v3/klines`), percent-decoded.
    public let path: String
    /// The raw query string, as sent.
    public let query: String
    /// Request headers, names lowercased (where an API key travels).
    public let headers: [String: String]

    public init(endpoint: SimulatedEndpoint?, method: String, path: String, query: String, headers: [String: String] = [:]) {
        self.endpoint = endpoint
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }
}

/// Fault switches and request bookkeeping, shared by every connection.
actor SimulationControl {
    /// The notification receivers (Telegram, Discord, a webhook) and what they received.
    nonisolated let receivers = SimulatedReceivers()
    private struct Rule {
        let fault: SimulatedFault
        var remaining: Int?
    }

    private var rules: [SimulatedEndpoint: Rule] = [:]
    private var counts: [SimulatedEndpoint: Int] = [:]
    private var log: [SimulatedRequest] = []
    static let logLimit = 20_000

    func setFault(_ fault: SimulatedFault, on endpoints: [SimulatedEndpoint], times: Int?) {
        for endpoint in endpoints { rules[endpoint] = Rule(fault: fault, remaining: times) }
    }

    func clearFaults(on endpoints: [SimulatedEndpoint]? = nil) {
        guard let endpoints else { return rules.removeAll() }
        for endpoint in endpoints { rules[endpoint] = nil }
    }

    /// Records the request and returns the fault to apply to it, if any (a rule
    /// limited to N requests is used up by them).
    func admit(_ request: SimulatedRequest) -> SimulatedFault? {
        log.append(request)
        // `ats simulate` may serve cron for days: keep the recent requests only.
        if log.count > Self.logLimit { log.removeFirst(log.count - Self.logLimit / 2) }
        guard let endpoint = request.endpoint else { return nil }
        counts[endpoint, default: 0] += 1
        guard var rule = rules[endpoint] else { return nil }
        if let remaining = rule.remaining {
            if remaining <= 1 { rules[endpoint] = nil } else {
                rule.remaining = remaining - 1
                rules[endpoint] = rule
            }
        }
        return rule.fault
    }

    func requestCount(_ endpoint: SimulatedEndpoint?) -> Int {
        guard let endpoint else { return counts.values.reduce(0, +) }
        return counts[endpoint, default: 0]
    }

    func requestCounts() -> [SimulatedEndpoint: Int] { counts }

    func requestLog() -> [SimulatedRequest] { log }

    func resetRequests() {
        counts.removeAll()
        log.removeAll()
    }
}

/// The JSON body of `POST /_sim/faults`:
/// `{"endpoint": "mexc_ticker_24hr" | "*", "fault": "rate_limited", "retry_after": 2, "times": 1}`.
/// Faults: `rate_limited` (`retry_after`), `banned` (418, `retry_after`), `server_error` (`status`, default 503),
/// `html`, `truncated`, `empty`, `wrong_shape`, `hang`, `latency` (`milliseconds`),
/// `client_error` (`status`, default 418; `message`), `null`, `bad_numbers` (`value`),
/// `huge` (`bytes`, default 50 MB), `links` (`url`).
struct FaultCommand: Decodable {
    let endpoint: String
    let fault: String
    let status: Int?
    let retryAfter: Int?
    let milliseconds: Int?
    let times: Int?
    let message: String?
    let value: String?
    let bytes: Int?
    let url: String?

    enum CodingKeys: String, CodingKey {
        case endpoint, fault, status, times, milliseconds, message, value, bytes, url
        case retryAfter = "retry_after"
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    func resolve() throws -> (SimulatedFault, [SimulatedEndpoint], Int?) {
        let endpoints: [SimulatedEndpoint]
        if endpoint == "*" {
            endpoints = SimulatedEndpoint.allCases
        } else if let one = SimulatedEndpoint(rawValue: endpoint) {
            endpoints = [one]
        } else if SimulatedEndpoint.allCases.contains(where: { $0.source == endpoint }) {
            endpoints = SimulatedEndpoint.allCases.filter { $0.source == endpoint }
        } else {
            throw Invalid(description: "unknown endpoint '\(endpoint)'; one of: *, "
                + (SimulatedEndpoint.allCases.map(\.rawValue) + ["dexscreener", "geckoterminal", "mexc", "coingecko", "binance"]).joined(separator: ", "))
        }
        if let times, times < 1 { throw Invalid(description: "times must be at least 1") }
        let resolved: SimulatedFault
        switch fault {
        case "rate_limited": resolved = .rateLimited(retryAfter: retryAfter)
        case "banned": resolved = .banned(retryAfter: retryAfter)
        case "server_error":
            let code = status ?? 503
            guard (500...599).contains(code) else { throw Invalid(description: "status must be a 5xx code") }
            resolved = .serverError(status: code)
        case "html": resolved = .htmlChallenge
        case "truncated": resolved = .truncatedJSON
        case "empty": resolved = .emptyBody
        case "wrong_shape": resolved = .wrongShape
        case "hang": resolved = .hang
        case "latency": resolved = .latency(milliseconds: max(0, milliseconds ?? 1_000))
        case "client_error":
            let code = status ?? 418
            guard (400...499).contains(code), code != 429 else { throw Invalid(description: "status must be a 4xx code other than 429") }
            resolved = .clientError(status: code, message: message)
        case "null": resolved = .nullBody
        case "bad_numbers":
            guard let bad = SimulatedBadNumber(rawValue: value ?? "") else {
                throw Invalid(description: "value must be one of: " + SimulatedBadNumber.allCases.map(\.rawValue).joined(separator: ", "))
            }
            resolved = .badNumbers(bad)
        case "huge": resolved = .huge(bytes: max(1, bytes ?? 50 << 20))
        case "links":
            guard let url, URL(string: url)?.host != nil else { throw Invalid(description: "url must be an absolute URL") }
            resolved = .foreignLinks(base: url)
        default:
            throw Invalid(description: "unknown fault '\(fault)'; one of: rate_limited, banned, server_error, html, truncated, empty, wrong_shape, "
                + "hang, latency, client_error, null, bad_numbers, huge, links")
        }
        return (resolved, endpoints, times)
    }
}
