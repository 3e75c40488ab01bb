import Foundation

/// GeckoTerminal trending pools: one request per configured network (page 1, 20 pools).
/// A pool whose tokens are not in `included` cannot be judged and is dropped.
struct GeckoTerminalScanner: DEXScanner {
    let settings: ATSConfig.Scanners.GeckoTerminal

    static func make(_ config: ATSConfig) -> GeckoTerminalScanner? {
        config.scanners.geckoterminal.enabled ? GeckoTerminalScanner(settings: config.scanners.geckoterminal) : nil
    }
    var name: String { GeckoTerminalAPI.source }

    func scan(_ context: StageContext) async -> ScannerOutput {
        let api = GeckoTerminalAPI(client: context.client(name, baseURL: settings.baseURL))
        return await gather(settings.networks, asking: "trending pools", per: ("network", "networks")) { network in
            try await api.trendingPools(network: network).response.dexPairs(network: network)
        }
    }
}
