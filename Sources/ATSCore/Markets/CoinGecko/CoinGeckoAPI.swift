import Foundation

/// The CoinGecko endpoints `ats` uses. Keyless use is shared and IP-limited; a demo
/// key (from the environment variable the config names) goes in a header, never a URL.
public struct CoinGeckoAPI: Sendable {
    public static let source = "coingecko"
    public static let keyHeader = "x-cg-demo-api-key"
    public let client: SourceClient

    public init(client: SourceClient) {
        self.client = client
    }

    /// The headers for a key read from `variable` (none when unset or empty).
    public static func headers(keyFrom variable: String, in environment: [String: String]) -> [String: String] {
        guard !variable.isEmpty, let key = environment[variable], !key.isEmpty else { return [:] }
        return [keyHeader: key]
    }

    /// The coin list's size cap: the real list is a few MB; a body many times that is
    /// refused before it is held in memory.
    public static let coinsListMaxBytes = 32 << 20

    /// Every coin with its contract addresses (several MB; refreshed at most daily).
    public func coinsList() async throws -> [CoinGeckoCoin] {
        try await client.getJSON(LossyArray<CoinGeckoCoin>.self, "/coins/list", query: [("include_platform", "true")],
                                 endpoint: "coins_list", maxBytes: Self.coinsListMaxBytes).value.elements
    }

    /// USD prices of many ids in one call.
    public func simplePrices(ids: [String]) async throws -> (prices: [String: CoinGeckoPrice], latencyMs: Int) {
        let (prices, latency) = try await client.getJSON(
            [String: LossyValue<CoinGeckoPrice>].self, "/simple/price",
            query: [("ids", ids.joined(separator: ",")), ("vs_currencies", "usd"), ("include_last_updated_at", "true")],
            endpoint: "simple_price")
        return (prices.compactMapValues(\.value), latency)
    }
}

/// A value that is dropped (nil) instead of failing its container when malformed.
public struct LossyValue<Value: Decodable>: Decodable {
    public let value: Value?

    public init(from decoder: any Decoder) throws {
        value = try? Value(from: decoder)
    }
}
