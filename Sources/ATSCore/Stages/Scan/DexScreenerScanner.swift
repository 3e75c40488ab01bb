import Foundation

/// DexScreener search: one request per configured query, any chain.
struct DexScreenerScanner: DEXScanner {
    let settings: ATSConfig.Scanners.DexScreener

    static func make(_ config: ATSConfig) -> DexScreenerScanner? {
        config.scanners.dexscreener.enabled ? DexScreenerScanner(settings: config.scanners.dexscreener) : nil
    }
    var name: String { DexScreenerAPI.source }

    func scan(_ context: StageContext) async -> ScannerOutput {
        let api = DexScreenerAPI(client: context.client(name, baseURL: settings.baseURL))
        return await gather(settings.queries, asking: "search", per: ("query", "queries")) { query in
            try await api.search(query).pairs.map(\.dexPair)
        }
    }
}
