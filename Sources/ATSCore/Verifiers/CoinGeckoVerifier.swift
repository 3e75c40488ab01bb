import Foundation

/// CoinGecko `simple/price` for every pair's coin id in one call. The id is the one
/// the scan proved by contract address (`watchlist.coingecko_id`); a bare ticker is
/// never mapped to an id, because tickers collide.
public struct CoinGeckoVerifier: PriceVerifier {
    let api: CoinGeckoAPI
    /// A price CoinGecko last updated longer ago than this is no answer (`verifiers.max_age_seconds`).
    let maxAgeSeconds: Double
    let now: Now

    public init(api: CoinGeckoAPI, maxAgeSeconds: Double = 600, now: @escaping Now = Clocks.system) {
        self.api = api
        self.maxAgeSeconds = maxAgeSeconds
        self.now = now
    }

    public static func make(_ context: StageContext) -> CoinGeckoVerifier? {
        let settings = context.values.verifiers.coingecko
        guard settings.enabled else { return nil }
        let headers = CoinGeckoAPI.headers(keyFrom: settings.apiKeyEnv, in: context.environment.variables)
        return CoinGeckoVerifier(api: CoinGeckoAPI(client: context.client(CoinGeckoAPI.source, baseURL: settings.baseURL, headers: headers)),
                                 maxAgeSeconds: context.values.verifiers.maxAgeSeconds, now: context.now)
    }

    public var name: String { CoinGeckoAPI.source }

    public func unverifiable(_ pair: WatchlistEntry) -> String? {
        guard let id = pair.coingeckoId, !id.isEmpty else { return "not verifiable by coingecko (no proven coin id)" }
        return nil
    }

    public func readings(for pairs: [WatchlistEntry]) async throws -> (readings: [String: VerifierReading], latencyMs: Int) {
        let ids = Array(Set(pairs.compactMap(\.coingeckoId))).sorted()
        let (prices, latency) = try await api.simplePrices(ids: ids)
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

    /// `18 h`, `25 min`, `40 s`: how stale a price was, as an operator reads it.
    static func describe(age: Double) -> String {
        if age >= 7200 { return Format.shortest((age / 3600).rounded()) + " h" }
        if age >= 120 { return Format.shortest((age / 60).rounded()) + " min" }
        return Format.shortest(age.rounded()) + " s"
    }
}
