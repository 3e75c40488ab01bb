import Foundation

/// One entry of `coins/list?include_platform=true`. Symbols are lowercase and not unique;
/// some platform entries are `{"":""}` or null.
public struct CoinGeckoCoin: Decodable, Sendable, Equatable {
    public let id: String
    public let symbol: String
    public let name: String
    public let platforms: [String: String]

    enum CodingKeys: String, CodingKey { case id, symbol, name, platforms }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        symbol = try container.decode(String.self, forKey: .symbol)
        name = container.text(.name) ?? ""
        let raw = (try? container.decodeIfPresent([String: String?].self, forKey: .platforms)) ?? nil
        platforms = (raw ?? [:]).reduce(into: [:]) { result, entry in
            if !entry.key.isEmpty, let address = entry.value, !address.isEmpty { result[entry.key] = address }
        }
    }

    public var listing: CoinListing {
        CoinListing(id: id, symbol: symbol, name: name, platforms: platforms)
    }
}

/// `simple/price` answer for one id; unknown ids are absent from the answer.
public struct CoinGeckoPrice: Decodable, Sendable, Equatable {
    public let usd: Double?
    public let lastUpdatedAt: Int64?

    enum CodingKeys: String, CodingKey {
        case usd
        case lastUpdatedAt = "last_updated_at"
    }

    public init(usd: Double?, lastUpdatedAt: Int64?) {
        self.usd = usd
        self.lastUpdatedAt = lastUpdatedAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        usd = container.number(.usd)
        lastUpdatedAt = container.whole(.lastUpdatedAt)
    }
}
