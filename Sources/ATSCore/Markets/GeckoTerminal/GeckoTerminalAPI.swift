import Foundation

/// The GeckoTerminal endpoints `ats` uses (about 30 calls/min).
public struct GeckoTerminalAPI: Sendable {
    public static let source = "geckoterminal"
    /// Pools per `pools/multi` call; more is a 400.
    public static let batchLimit = 30
    public let client: SourceClient

    public init(client: SourceClient) {
        self.client = client
    }

    /// One page (20 pools) of a network's trending pools, with their tokens.
    public func trendingPools(network: String, page: Int = 1) async throws -> (response: GeckoTerminalPoolsResponse, latencyMs: Int) {
        let (response, latency) = try await client.getJSON(
            GeckoTerminalPoolsResponse.self, "/networks/\(SourceClient.encode(network))/trending_pools",
            query: [("include", "base_token,quote_token"), ("page", String(page))], endpoint: "trending_pools")
        return (response, latency)
    }

    /// Up to 30 pools of one network, with their tokens.
    public func pools(network: String, addresses: [String]) async throws -> (response: GeckoTerminalPoolsResponse, latencyMs: Int) {
        precondition(addresses.count <= Self.batchLimit, "GeckoTerminal takes at most 30 pools per call")
        let list = addresses.map(SourceClient.encode).joined(separator: ",")
        let (response, latency) = try await client.getJSON(
            GeckoTerminalPoolsResponse.self, "/networks/\(SourceClient.encode(network))/pools/multi/\(list)",
            query: [("include", "base_token,quote_token")], endpoint: "pools_multi")
        return (response, latency)
    }
}
