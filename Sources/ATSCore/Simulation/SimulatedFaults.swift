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
}

/// One request the market received.
public struct SimulatedRequest: Sendable, Equatable {
    public let endpoint: SimulatedEndpoint?
    public let method: String
    /// Path including the source prefix (`/mexc/api/v3/klines`), percent-decoded.
    public let path: String
    /// The raw query string, as sent.
    public let query: String
}

/// Fault switches and request bookkeeping, shared by every connection.
actor SimulationControl {
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
/// Faults: `rate_limited` (`retry_after`), `server_error` (`status`, default 503),
/// `html`, `truncated`, `empty`, `wrong_shape`, `hang`, `latency` (`milliseconds`).
struct FaultCommand: Decodable {
    let endpoint: String
    let fault: String
    let status: Int?
    let retryAfter: Int?
    let milliseconds: Int?
    let times: Int?

    enum CodingKeys: String, CodingKey {
        case endpoint, fault, status, times, milliseconds
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
        default:
            throw Invalid(description: "unknown fault '\(fault)'; one of: rate_limited, server_error, html, truncated, empty, wrong_shape, hang, latency")
        }
        return (resolved, endpoints, times)
    }
}
