import Foundation

/// CoinGecko's coin list with platforms, cached in the database and refreshed at most daily.
struct CoinListCache {
    static let maxAge: TimeInterval = 24 * 3600

    /// Refreshes the cache when it is older than a day. Returns a warning when the
    /// refresh failed (an older cache, if any, stays in use).
    static func refreshIfStale(_ context: StageContext) async -> String? {
        let refreshed: Date?
        do {
            refreshed = try context.database.coinListRefreshedAt()
        } catch {
            return "cannot read the coin list cache: \(StageRunner.describe(error))"
        }
        if let refreshed, context.now().timeIntervalSince(refreshed) < maxAge { return nil }
        let api = CoinGeckoAPI(client: context.coinGeckoClient())
        context.console.progress("refreshing the CoinGecko coin list (daily)")
        do {
            let coins = try await api.coinsList()
            guard !coins.isEmpty else { return "CoinGecko returned an empty coin list; keeping the cached one" }
            try context.database.replaceCoinList(coins.map(\.listing), at: context.now())
            return nil
        } catch is CancellationError {
            return nil
        } catch {
            let fallback = refreshed.map { "using the cache from \($0.iso8601)" } ?? "no cache yet, so identity can only be proven by the exchange's own contracts"
            return "coin list refresh failed (\(StageRunner.describe(error))); \(fallback)"
        }
    }
}
