import Foundation

/// GeckoTerminal trending pools: one request per configured network (page 1, 20 pools).
struct GeckoTerminalScanner: DEXScanner {
    let settings: ATSConfig.Scanners.GeckoTerminal
    var name: String { GeckoTerminalAPI.source }

    func scan(_ context: StageContext) async -> ScannerOutput {
        let api = GeckoTerminalAPI(client: context.client(name, baseURL: settings.baseURL))
        return await gather(settings.networks, asking: "trending pools", per: ("network", "networks")) { network in
            let response = try await api.trendingPools(network: network).response
            return response.pools.compactMap { Self.candidate($0, tokens: response.tokens, network: network) }
        }
    }

    /// A pool whose tokens are not in `included` cannot be judged and is dropped.
    static func candidate(_ pool: GeckoTerminalPool, tokens: [String: GeckoTerminalToken], network: String) -> ScanCandidate? {
        guard let base = pool.baseTokenID.flatMap({ tokens[$0] }), let quote = pool.quoteTokenID.flatMap({ tokens[$0] }) else {
            return nil
        }
        let transactions: Int? = (pool.buysH1 == nil && pool.sellsH1 == nil) ? nil : (pool.buysH1 ?? 0) + (pool.sellsH1 ?? 0)
        return ScanCandidate(
            source: GeckoTerminalAPI.source, chainId: Chain.canonicalID(geckoTerminalNetwork: network),
            pairAddress: pool.address, baseAddress: base.address, baseSymbol: base.symbol, quoteSymbol: quote.symbol,
            dexId: pool.dexID, priceUSD: pool.baseTokenPriceUSD, liquidityUSD: pool.reserveUSD,
            volume24hUSD: pool.volumeH24USD, priceChangeH1: pool.priceChangeH1, transactionsH1: transactions)
    }
}
