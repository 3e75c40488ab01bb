import Foundation

/// The Binance spot endpoint `ats` uses as a verifier (6000 weight/min).
public struct BinanceAPI: Sendable {
    public static let source = "binance"
    public let client: SourceClient

    public init(client: SourceClient) {
        self.client = client
    }

    /// The last price of every symbol in one call (weight 4). Asking for a list of
    /// symbols instead would fail the whole request on one unlisted symbol.
    public func allPrices() async throws -> (prices: [BinancePrice], latencyMs: Int) {
        let (prices, latency) = try await client.getJSON(LossyArray<BinancePrice>.self, "/api/v3/ticker/price", endpoint: "ticker_price_all", weight: 4)
        return (prices.elements, latency)
    }
}

/// One `ticker/price` entry: `{"symbol":"BTCUSDT","price":"73397.77"}` (price as a string).
public struct BinancePrice: Decodable, Sendable, Equatable {
    public let symbol: String
    public let price: Double?

    enum CodingKeys: String, CodingKey { case symbol, price }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try container.decode(String.self, forKey: .symbol)
        price = container.number(.price)
    }
}
