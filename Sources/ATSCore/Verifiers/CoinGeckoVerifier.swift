import Foundation

/// CoinGecko `simple/price` for every pair's coin id in one call. The id is the one
/// the scan proved by contract address (`watchlist.coingecko_id`); a bare ticker is
/// never mapped to an id, because tickers collide.
public struct CoinGeckoVerifier: PriceVerifier {
    let api: CoinGeckoAPI
    /// A price CoinGecko last updated longer ago than this is no answer (`verifiers.max_age_seconds`).
    let maxAgeSeconds: Double
    let now: Now
    /// Prices are reused this long across bursts and runs (`cache_seconds`), from the database.
    let cache: AppDatabase?
    let cacheSeconds: Double

    public init(api: CoinGeckoAPI, maxAgeSeconds: Double = 600, now: @escaping Now = Clocks.system,
                cache: AppDatabase? = nil, cacheSeconds: Double = 0) {
        self.api = api
        self.maxAgeSeconds = maxAgeSeconds
        self.now = now
        self.cache = cache
        self.cacheSeconds = cacheSeconds
    }

    public static func make(_ context: StageContext) -> CoinGeckoVerifier? {
        let settings = context.values.verifiers.coingecko
        guard settings.enabled else { return nil }
        return CoinGeckoVerifier(api: CoinGeckoAPI(client: context.coinGeckoClient()),
                                 maxAgeSeconds: context.values.verifiers.maxAgeSeconds, now: context.now,
                                 cache: context.database, cacheSeconds: settings.cacheSeconds)
    }

    public var name: String { CoinGeckoAPI.source }

    public func unverifiable(_ pair: WatchlistEntry) -> String? {
        guard let id = pair.coingeckoId, !id.isEmpty else { return "not verifiable by coingecko (no proven coin id)" }
        return nil
    }

    public func readings(for pairs: [WatchlistEntry]) async throws -> (readings: [String: VerifierReading], latencyMs: Int) {
        let ids = Array(Set(pairs.compactMap(\.coingeckoId))).sorted()
        let (prices, latency) = try await pricesAskingOnlyUncached(ids)
        var readings: [String: VerifierReading] = [:]
        for pair in pairs {
            guard let id = pair.coingeckoId else { continue }
            if let updated = prices[id]?.lastUpdatedAt, prices[id]?.usd != nil {
                let age = now().timeIntervalSince1970 - Double(updated)
                if age > maxAgeSeconds {
                    readings[pair.cexSymbol] = .unverified(
                        "coingecko price of \(id.singleLine(limit: 60)) is \(Self.describe(age: age)) old (max \(Format.shortest(maxAgeSeconds))s)")
                    continue
                }
            }
            readings[pair.cexSymbol] = .from(prices[id]?.usd, otherwise: "coingecko has no usd price for \(id.singleLine(limit: 60))")
        }
        return (readings, latency)
    }

    /// The cached prices of `ids` younger than `cache_seconds`, and one `simple/price` (in
    /// batches of 200) for the rest, whose answers (an id without a price included) are
    /// cached for the next burst or run. All cached: no request, latency 0.
    func pricesAskingOnlyUncached(_ ids: [String]) async throws -> (prices: [String: CoinGeckoPrice], latencyMs: Int) {
        guard let cache, cacheSeconds > 0 else { return try await api.simplePrices(ids: ids) }
        let asked = now()
        let cached = try cache.cachedPrices(source: name, ids: ids, since: asked.addingTimeInterval(-cacheSeconds))
        var prices = cached.compactMapValues { entry in entry.price.map { CoinGeckoPrice(usd: $0, lastUpdatedAt: entry.lastUpdatedAt) } }
        let missing = ids.filter { cached[$0] == nil }
        guard !missing.isEmpty else { return (prices, 0) }
        let (fresh, latency) = try await api.simplePrices(ids: missing)
        try cache.storePrices(source: name, missing.map { AppDatabase.CachedPrice(coinID: $0, price: fresh[$0]?.usd, lastUpdatedAt: fresh[$0]?.lastUpdatedAt) },
                              fetchedAt: asked)
        prices.merge(fresh) { _, new in new }
        return (prices, latency)
    }

    /// `18 h`, `25 min`, `40 s`: how stale a price was, as an operator reads it.
    static func describe(age: Double) -> String {
        if age >= 7200 { return Format.shortest((age / 3600).rounded()) + " h" }
        if age >= 120 { return Format.shortest((age / 60).rounded()) + " min" }
        return Format.shortest(age.rounded()) + " s"
    }
}

extension StageContext {
    /// The CoinGecko client of the configured plan: its host (unless `base_url` says
    /// otherwise), its key header, its rate limit and the month's credits.
    func coinGeckoClient() -> SourceClient {
        let settings = values.verifiers.coingecko
        let headers = CoinGeckoAPI.headers(keyFrom: settings.apiKeyEnv, in: environment.variables, header: settings.keyHeader)
        return client(CoinGeckoAPI.source, baseURL: settings.effectiveBaseURL, headers: headers)
    }
}
