import Foundation

/// DexScreener search: one request per configured query, any chain.
struct DexScreenerScanner: DEXScanner {
    let settings: ATSConfig.Scanners.DexScreener
    var name: String { DexScreenerAPI.source }

    func scan(_ context: StageContext) async -> ScannerOutput {
        let api = DexScreenerAPI(client: context.client(name, baseURL: settings.baseURL))
        return await gather(settings.queries, asking: "search", per: ("query", "queries")) { query in
            try await api.search(query).pairs.map(Self.candidate)
        }
    }

    static func candidate(_ pair: DexScreenerPair) -> ScanCandidate {
        let transactions: Int? = (pair.buysH1 == nil && pair.sellsH1 == nil) ? nil : (pair.buysH1 ?? 0) + (pair.sellsH1 ?? 0)
        return ScanCandidate(
            source: DexScreenerAPI.source, chainId: pair.chainId, pairAddress: pair.pairAddress,
            baseAddress: pair.baseToken.address, baseSymbol: pair.baseToken.symbol, quoteSymbol: pair.quoteToken.symbol,
            dexId: pair.dexId, priceUSD: pair.priceUsd, liquidityUSD: pair.liquidityUsd, volume24hUSD: pair.volumeH24,
            priceChangeH1: pair.priceChangeH1, transactionsH1: transactions)
    }
}
