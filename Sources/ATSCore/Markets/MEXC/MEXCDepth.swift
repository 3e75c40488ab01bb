import Foundation

/// `GET /api/v3/depth?symbol=&limit=` (weight 1): `{"lastUpdateId":…,"bids":[["0.4711","1520.11"],…],"asks":[…]}`,
/// `[price, quantity in base units]` as strings, best first. A captured answer also
/// carried an undocumented `timestamp` (ms), which is not relied on.
/// Reference: MEXC spot v3 "Order Book" (mexcdevelop.github.io/apidocs/spot_v3_en/#order-book).
public struct MEXCDepth: Decodable, Sendable, Equatable {
    public let bids: [[MarketNumber]]
    public let asks: [[MarketNumber]]

    enum CodingKeys: String, CodingKey { case bids, asks }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bids = (try? container.decode(LossyArray<[MarketNumber]>.self, forKey: .bids).elements) ?? []
        asks = (try? container.decode(LossyArray<[MarketNumber]>.self, forKey: .asks).elements) ?? []
    }

    /// The book as the poll walks it: levels without a usable price and quantity are dropped,
    /// and each side is put best first whatever order it came in.
    public var book: OrderBook {
        OrderBook(bids: Self.levels(bids).sorted { $0.price > $1.price },
                  asks: Self.levels(asks).sorted { $0.price < $1.price })
    }

    private static func levels(_ rows: [[MarketNumber]]) -> [BookLevel] {
        rows.compactMap { row in
            guard row.count >= 2, let price = row[0].positive, let quantity = row[1].positive else { return nil }
            return BookLevel(price: price, quantity: quantity)
        }
    }
}

extension MEXCAPI {
    /// One market's order book, `levels` deep (weight 1; MEXC allows 1–5000).
    public func depth(symbol: String, levels: Int) async throws -> (book: OrderBook, latencyMs: Int) {
        let (depth, latency) = try await client.getJSON(
            MEXCDepth.self, "/api/v3/depth", query: [("symbol", symbol), ("limit", String(levels))], endpoint: "depth", weight: 1)
        return (depth.book, latency)
    }
}
