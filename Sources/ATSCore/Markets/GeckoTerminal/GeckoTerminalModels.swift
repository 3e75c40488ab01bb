import Foundation

/// JSON:API answer of `trending_pools` and `pools/multi` with `include=base_token,quote_token`.
public struct GeckoTerminalPoolsResponse: Decodable, Sendable {
    public let pools: [GeckoTerminalPool]
    public let tokens: [String: GeckoTerminalToken]
    public let dropped: Int

    enum CodingKeys: String, CodingKey { case data, included }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let data = try container.decode(LossyArray<GeckoTerminalPool>.self, forKey: .data)
        pools = data.elements
        dropped = data.dropped
        let included = (try? container.decodeIfPresent(LossyArray<GeckoTerminalToken>.self, forKey: .included))??.elements ?? []
        tokens = Dictionary(included.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The pools of `network` as the stages use them. A pool whose id names another network
    /// is not one of them: its address would be looked up on the wrong chain.
    public func dexPairs(network: String) -> [DexPair] {
        let chain = Chain.canonicalID(geckoTerminalNetwork: network)
        return pools.filter { $0.network == network }.map { pool in
            DexPair(
                chainId: chain, pairAddress: pool.address, dexId: pool.dexID,
                base: pool.baseTokenID.map(token), quote: pool.quoteTokenID.map(token),
                priceUSD: pool.baseTokenPriceUSD, priceNative: pool.priceInQuoteToken, liquidityUSD: pool.reserveUSD, volume24hUSD: pool.volumeH24USD,
                priceChangeH1: pool.priceChangeH1, buysH1: pool.buysH1, sellsH1: pool.sellsH1)
        }
    }

    /// A token missing from `included` still has the address its id names, but no symbol.
    private func token(_ id: String) -> DexToken {
        guard let token = tokens[id] else { return DexToken(address: GeckoTerminalID(id).address, symbol: nil) }
        return DexToken(address: token.address, symbol: token.symbol)
    }
}

/// A pool. Money and percentages are strings, some `null`; `reserve_in_usd` has been
/// seen negative and prices as `"NaN"` (all of which read as no data here).
public struct GeckoTerminalPool: Decodable, Sendable, Equatable {
    public let id: String
    public let address: String
    public let name: String
    public let baseTokenPriceUSD: Double?
    public let quoteTokenPriceUSD: Double?
    /// `base_token_price_quote_token`: the pool's own price. (`…_native_currency` is in the
    /// network's coin, SOL or ETH, not the quote token, and is not used.)
    public let baseTokenPriceQuoteToken: Double?
    public let reserveUSD: Double?
    public let volumeH24USD: Double?
    public let priceChangeH1: Double?
    public let buysH1: Int?
    public let sellsH1: Int?
    public let baseTokenID: String?
    public let quoteTokenID: String?
    public let dexID: String?

    /// The base token in quote-token units; when the pool omits it, the two USD prices of
    /// the same answer divided (product.md "poll").
    public var priceInQuoteToken: Double? {
        if let direct = MarketNumber(baseTokenPriceQuoteToken).positive { return direct }
        guard let base = MarketNumber(baseTokenPriceUSD).positive, let quote = MarketNumber(quoteTokenPriceUSD).positive else { return nil }
        return MarketNumber(base / quote).positive
    }

    /// The network the pool's id names.
    public var network: String { GeckoTerminalID(id, address: address).network }

    enum CodingKeys: String, CodingKey { case id, attributes, relationships }
    enum Attributes: String, CodingKey {
        case address, name, base_token_price_usd, quote_token_price_usd, base_token_price_quote_token, reserve_in_usd, volume_usd, price_change_percentage, transactions
    }
    enum Window: String, CodingKey { case h1, h24 }
    enum Counts: String, CodingKey { case buys, sells }
    enum Relationships: String, CodingKey { case base_token, quote_token, dex }
    enum Relation: String, CodingKey { case data }
    enum Reference: String, CodingKey { case id }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        let attributes = try container.nestedContainer(keyedBy: Attributes.self, forKey: .attributes)
        address = try attributes.decode(String.self, forKey: .address)
        name = attributes.text(.name) ?? ""
        baseTokenPriceUSD = attributes.number(.base_token_price_usd)
        quoteTokenPriceUSD = attributes.number(.quote_token_price_usd)
        baseTokenPriceQuoteToken = attributes.number(.base_token_price_quote_token)
        reserveUSD = attributes.number(.reserve_in_usd)
        volumeH24USD = (try? attributes.nestedContainer(keyedBy: Window.self, forKey: .volume_usd))?.number(.h24)
        priceChangeH1 = (try? attributes.nestedContainer(keyedBy: Window.self, forKey: .price_change_percentage))?.number(.h1)
        let h1 = try? attributes.nestedContainer(keyedBy: Window.self, forKey: .transactions).nestedContainer(keyedBy: Counts.self, forKey: .h1)
        buysH1 = h1?.whole(.buys)
        sellsH1 = h1?.whole(.sells)
        let relationships = try? container.nestedContainer(keyedBy: Relationships.self, forKey: .relationships)
        func reference(_ key: Relationships) -> String? {
            (try? relationships?.nestedContainer(keyedBy: Relation.self, forKey: key).nestedContainer(keyedBy: Reference.self, forKey: .data))?.text(.id)
        }
        baseTokenID = reference(.base_token)
        quoteTokenID = reference(.quote_token)
        dexID = reference(.dex)
    }
}

/// An `included` token.
public struct GeckoTerminalToken: Decodable, Sendable, Equatable {
    public let id: String
    public let address: String
    public let name: String
    public let symbol: String
    public let coingeckoCoinID: String?

    enum CodingKeys: String, CodingKey { case id, attributes }
    enum Attributes: String, CodingKey { case address, name, symbol, coingecko_coin_id }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        let attributes = try container.nestedContainer(keyedBy: Attributes.self, forKey: .attributes)
        address = try attributes.decode(String.self, forKey: .address)
        name = attributes.text(.name) ?? ""
        symbol = try attributes.decode(String.self, forKey: .symbol)
        coingeckoCoinID = attributes.text(.coingecko_coin_id)
    }
}
