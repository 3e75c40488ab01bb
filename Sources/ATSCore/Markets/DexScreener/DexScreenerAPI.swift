import Foundation

/// The DexScreener endpoints `ats` uses (300 requests/min).
public struct DexScreenerAPI: Sendable {
    public static let source = "dexscreener"
    /// Addresses per `/latest/dex/pairs` call.
    public static let batchLimit = 30
    public let client: SourceClient

    public init(client: SourceClient) {
        self.client = client
    }

    /// At most 30 pairs, any chain.
    public func search(_ query: String) async throws -> (pairs: [DexScreenerPair], latencyMs: Int) {
        let (response, latency) = try await client.getJSON(DexScreenerPairsResponse.self, "/latest/dex/search", query: [("q", query)], endpoint: "search")
        return (response.pairs, latency)
    }

    /// Up to 30 pair addresses of one chain; unknown ones are simply absent.
    public func pairs(chain: String, addresses: [String]) async throws -> (pairs: [DexScreenerPair], latencyMs: Int) {
        precondition(addresses.count <= Self.batchLimit, "DexScreener takes at most 30 addresses per call")
        let list = addresses.map(SourceClient.encode).joined(separator: ",")
        let (response, latency) = try await client.getJSON(
            DexScreenerPairsResponse.self, "/latest/dex/pairs/\(SourceClient.encode(chain))/\(list)", endpoint: "pairs")
        return (response.pairs, latency)
    }
}
