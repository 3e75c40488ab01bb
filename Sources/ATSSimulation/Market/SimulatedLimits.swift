import ATSCore
import Foundation

/// The published limits, enforced by the simulated market as the real APIs do (and as
/// docs/market-apis.md and docs/simulated-market.md describe): a request past its
/// window's limit is a 429 with `Retry-After`; at MEXC and Binance, a client that keeps
/// asking before that `Retry-After` has passed is banned: 418 with `Retry-After`, two
/// minutes the first time, doubling for a repeat offender (MEXC: "from 2 minutes to 3 days").
public struct SimulatedLimits: Sendable {
    public var enforced: Bool

    public static let published = SimulatedLimits(enforced: true)
    /// Counting only: nothing is refused (for tests that measure a naive client).
    public static let countOnly = SimulatedLimits(enforced: false)

    /// How one request is counted: its source, the bucket the API counts it in, its weight
    /// and the bucket's limit.
    public struct Rule: Sendable, Equatable {
        public var source: String
        public var bucket: String
        public var weight: Double
        public var limit: Double
        public var windowSeconds: Double
        /// MEXC and Binance ban a client that ignores their 429.
        public var bans: Bool
    }

    static func rule(_ endpoint: SimulatedEndpoint, query: [String: String], headers: [String: String]) -> Rule {
        switch endpoint {
        case .mexcExchangeInfo: return mexc(endpoint, 10)
        // ticker/24hr: 1 for one symbol, 40 for all (MEXC spot v3, "24hr Ticker").
        case .mexcTickers: return mexc(endpoint, query["symbol"] == nil ? 40 : 1)
        case .mexcKlines, .mexcDepth: return mexc(endpoint, 1)
        case .dexscreenerSearch, .dexscreenerPairs, .dexscreenerTokens:
            return Rule(source: "dexscreener", bucket: "latest", weight: 1, limit: 300, windowSeconds: 60, bans: false)
        case .geckoterminalTrendingPools, .geckoterminalPools:
            return Rule(source: "geckoterminal", bucket: "all", weight: 1, limit: 30, windowSeconds: 60, bans: false)
        case .coingeckoCoinsList, .coingeckoSimplePrice:
            // By the key's plan: Pro 500/min (Analyst), Demo 30/min, keyless the top of "5–30".
            let limit: Double = headers["x-cg-pro-api-key"] != nil ? 500 : 30
            return Rule(source: "coingecko", bucket: "all", weight: 1, limit: limit, windowSeconds: 60, bans: false)
        case .binanceTickerPrice:
            return Rule(source: "binance", bucket: "all", weight: query["symbol"] == nil ? 4 : 2, limit: 6000, windowSeconds: 60, bans: true)
        }
    }

    private static func mexc(_ endpoint: SimulatedEndpoint, _ weight: Double) -> Rule {
        Rule(source: "mexc", bucket: endpoint.rawValue, weight: weight, limit: 500, windowSeconds: 10, bans: true)
    }
}

/// One request as the market's limits counted it.
public struct SimulatedBudgetEntry: Sendable, Equatable {
    /// Unix seconds, by the real clock (the APIs count real time, whatever the model's clock says).
    public var at: Double
    public var source: String
    public var bucket: String
    public var weight: Double
    /// 429 or 418 when the market refused it, else nil.
    public var refusedWith: Int?
}

/// What one bucket received, as `GET /_sim/budget` reports it.
public struct SimulatedBucketUse: Sendable, Equatable {
    public var source: String
    public var bucket: String
    public var limit: Double
    public var windowSeconds: Double
    public var requests: Int
    public var weight: Double
    /// The most weight received in any window of the limit's length.
    public var maxWindowWeight: Double
    public var refused: Int
}

/// The market's limits at work: windows per bucket, warnings and bans per source.
actor SimulatedLimitKeeper {
    private let limits: SimulatedLimits
    private let clock: Now
    private var accepted: [String: [(at: Double, weight: Double)]] = [:]
    private var warnedUntil: [String: Double] = [:]
    private var bannedUntil: [String: Double] = [:]
    private var bans: [String: Int] = [:]
    private var log: [SimulatedBudgetEntry] = []
    private var rules: [String: SimulatedLimits.Rule] = [:]
    static let logLimit = 500_000

    init(limits: SimulatedLimits, clock: @escaping Now = Clocks.system) {
        self.limits = limits
        self.clock = clock
    }

    /// Counts the request; returns the refusal (status and `Retry-After` seconds) or nil.
    func admit(_ rule: SimulatedLimits.Rule) -> (status: Int, retryAfter: Int)? {
        let t = clock().timeIntervalSince1970
        let key = rule.source + " " + rule.bucket
        rules[key] = rule
        let refusal = limits.enforced ? judge(rule, key: key, at: t) : nil
        if refusal == nil { accepted[key, default: []].append((t, rule.weight)) }
        log.append(SimulatedBudgetEntry(at: t, source: rule.source, bucket: rule.bucket, weight: rule.weight, refusedWith: refusal?.status))
        if log.count > Self.logLimit { log.removeFirst(log.count - Self.logLimit / 2) }
        return refusal
    }

    private func judge(_ rule: SimulatedLimits.Rule, key: String, at t: Double) -> (status: Int, retryAfter: Int)? {
        if let until = bannedUntil[rule.source], t < until { return (418, Int((until - t).rounded(.up))) }
        if rule.bans, let until = warnedUntil[rule.source], t < until {
            bans[rule.source, default: 0] += 1
            let seconds = min(120 * pow(2, Double(bans[rule.source]! - 1)), 3 * 86_400)
            bannedUntil[rule.source] = t + seconds
            return (418, Int(seconds.rounded(.up)))
        }
        let live = (accepted[key] ?? []).filter { $0.at > t - rule.windowSeconds }
        accepted[key] = live
        var used = live.reduce(0) { $0 + $1.weight }
        guard used + rule.weight > rule.limit else { return nil }
        var wait = rule.windowSeconds
        for grant in live {
            used -= grant.weight
            if used + rule.weight <= rule.limit { wait = grant.at + rule.windowSeconds - t; break }
        }
        let seconds = max(1, Int(wait.rounded(.up)))
        warnedUntil[rule.source] = t + Double(seconds)
        return (429, seconds)
    }

    func entries() -> [SimulatedBudgetEntry] { log }

    func reset() {
        log.removeAll()
        accepted.removeAll()
        warnedUntil.removeAll()
        bannedUntil.removeAll()
        bans.removeAll()
    }

    /// Per bucket: what arrived, refused or not, and the heaviest window of the limit's length.
    func use() -> [SimulatedBucketUse] {
        Dictionary(grouping: log) { $0.source + " " + $0.bucket }.compactMap { key, entries in
            guard let rule = rules[key] else { return nil }
            return SimulatedBucketUse(
                source: rule.source, bucket: rule.bucket, limit: rule.limit, windowSeconds: rule.windowSeconds, requests: entries.count,
                weight: entries.reduce(0) { $0 + $1.weight }, maxWindowWeight: Self.heaviestWindow(entries, seconds: rule.windowSeconds),
                refused: entries.filter { $0.refusedWith != nil }.count)
        }.sorted { ($0.source, $0.bucket) < ($1.source, $1.bucket) }
    }

    /// The most weight in any window `[t, t + seconds)` that starts at a request.
    static func heaviestWindow(_ entries: [SimulatedBudgetEntry], seconds: Double) -> Double {
        let sorted = entries.sorted { $0.at < $1.at }
        var best = 0.0, sum = 0.0, end = 0
        for start in sorted.indices {
            while end < sorted.count, sorted[end].at < sorted[start].at + seconds {
                sum += sorted[end].weight
                end += 1
            }
            best = max(best, sum)
            sum -= sorted[start].weight
        }
        return best
    }
}
