import Foundation

/// CoinGecko `simple/price` for every pair's coin id in one call. The id is the one
/// the scan proved by contract address (`watchlist.coingecko_id`); a bare ticker is
/// never mapped to an id, because tickers collide.
public struct CoinGeckoVerifier: PriceVerifier {
    let api: CoinGeckoAPI

    public init(api: CoinGeckoAPI) {
        self.api = api
    }

    public static func make(_ context: StageContext) -> CoinGeckoVerifier? {
        let settings = context.values.verifiers.coingecko
        guard settings.enabled else { return nil }
        let headers = CoinGeckoAPI.headers(keyFrom: settings.apiKeyEnv, in: context.environment.variables)
        return CoinGeckoVerifier(api: CoinGeckoAPI(client: context.client(CoinGeckoAPI.source, baseURL: settings.baseURL, headers: headers)))
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
            readings[pair.cexSymbol] = .from(prices[id]?.usd, otherwise: "coingecko has no usd price for \(id.singleLine(limit: 60))")
        }
        return (readings, latency)
    }
}
