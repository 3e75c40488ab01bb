import Foundation

/// The CoinGecko endpoints `ats` uses. Keyless use is shared and IP-limited; a demo or
/// pro key (from the environment variable the config names) goes in the plan's header,
/// never a URL. A key sent to the wrong host is refused (error codes 10010/10011).
public struct CoinGeckoAPI: Sendable {
    public static let source = "coingecko"
    public static let keyHeader = "x-cg-demo-api-key"
    public static let proKeyHeader = "x-cg-pro-api-key"
    /// Ids per `simple/price` call: long lists fail on URL length (414) before any documented cap.
    public static let idsPerRequest = 200
    public let client: SourceClient

    public init(client: SourceClient) {
        self.client = client
    }

    /// The headers for a key read from `variable` (none when unset or empty).
    public static func headers(keyFrom variable: String, in environment: [String: String], header: String? = keyHeader) -> [String: String] {
        guard let header, !variable.isEmpty, let key = environment[variable], !key.isEmpty else { return [:] }
        return [header: key]
    }

    /// The coin list's size cap: the real list is a few MB; a body many times that is
    /// refused before it is held in memory.
    public static let coinsListMaxBytes = 32 << 20

    /// Every coin with its contract addresses (several MB; refreshed at most daily).
    public func coinsList() async throws -> [CoinGeckoCoin] {
        try await client.getJSON(LossyArray<CoinGeckoCoin>.self, "/coins/list", query: [("include_platform", "true")],
                                 endpoint: "coins_list", maxBytes: Self.coinsListMaxBytes, download: true).value.elements
    }

    /// USD prices of many ids, at most 200 per call (the calls one after another, so a
    /// spent budget stops the rest; the slowest call's latency is returned).
    public func simplePrices(ids: [String]) async throws -> (prices: [String: CoinGeckoPrice], latencyMs: Int) {
        var all: [String: CoinGeckoPrice] = [:]
        var slowest = 0
        for start in stride(from: 0, to: max(ids.count, 1), by: Self.idsPerRequest) {
            let batch = ids.isEmpty ? [] : Array(ids[start..<min(start + Self.idsPerRequest, ids.count)])
            let (prices, latency) = try await client.getJSON(
                [String: LossyValue<CoinGeckoPrice>].self, "/simple/price",
                query: [("ids", batch.joined(separator: ",")), ("vs_currencies", "usd"), ("include_last_updated_at", "true")],
                endpoint: "simple_price")
            all.merge(prices.compactMapValues(\.value)) { first, _ in first }
            slowest = max(slowest, latency)
        }
        return (all, slowest)
    }
}

/// A value that is dropped (nil) instead of failing its container when malformed.
public struct LossyValue<Value: Decodable>: Decodable {
    public let value: Value?

    public init(from decoder: any Decoder) throws {
        value = try? Value(from: decoder)
    }
}
