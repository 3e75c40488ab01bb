import Foundation

/// Binance's last price of `<BASE><quote asset>` (the exchange's quote asset, USDT by
/// default, so both prices are in the same unit), all symbols in one call.
/// A symbol Binance does not list is simply unverified.
public struct BinanceVerifier: PriceVerifier {
    let api: BinanceAPI
    let quoteAsset: String

    public init(api: BinanceAPI, quoteAsset: String) {
        self.api = api
        self.quoteAsset = quoteAsset
    }

    public static func make(_ context: StageContext) -> BinanceVerifier? {
        let settings = context.values.verifiers.binance
        guard settings.enabled else { return nil }
        return BinanceVerifier(api: BinanceAPI(client: context.client(BinanceAPI.source, baseURL: settings.baseURL)),
                               quoteAsset: context.values.exchange.mexc.quoteAsset)
    }

    public var name: String { BinanceAPI.source }

    public func unverifiable(_ pair: WatchlistEntry) -> String? { nil }

    public func readings(for pairs: [WatchlistEntry]) async throws -> (readings: [String: VerifierReading], latencyMs: Int) {
        let (prices, latency) = try await api.allPrices()
        let bySymbol = Dictionary(prices.map { ($0.symbol, $0.price) }, uniquingKeysWith: { first, _ in first })
        var readings: [String: VerifierReading] = [:]
        for pair in pairs {
            let symbol = pair.cexSymbol.uppercased() + quoteAsset.uppercased()
            let shown = symbol.singleLine(limit: 40)
            if let listed = bySymbol[symbol] {
                readings[pair.cexSymbol] = .from(listed, otherwise: "binance has no usable price for \(shown)")
            } else {
                readings[pair.cexSymbol] = .unverified("binance does not list \(shown)")
            }
        }
        return (readings, latency)
    }
}
