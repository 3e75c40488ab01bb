import Foundation

/// `/latest/dex/search` and `/latest/dex/pairs/...`: `{"schemaVersion","pairs":[…]|null}`.
public struct DexScreenerPairsResponse: Decodable, Sendable {
    /// `null` (unknown addresses) decodes as an empty list.
    public let pairs: [DexScreenerPair]
    public let dropped: Int

    enum CodingKeys: String, CodingKey { case pairs }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let lossy = try container.decodeIfPresent(LossyArray<DexScreenerPair>.self, forKey: .pairs)
        pairs = lossy?.elements ?? []
        dropped = lossy?.dropped ?? 0
    }
}

/// One DexScreener pair. Prices are strings; windows without data are omitted;
/// `priceUsd`, `liquidity` and more are often missing.
public struct DexScreenerPair: Decodable, Sendable, Equatable {
    public struct Token: Decodable, Sendable, Equatable {
        public let address: String
        public let name: String
        public let symbol: String

        enum CodingKeys: String, CodingKey { case address, name, symbol }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            address = try container.decode(String.self, forKey: .address)
            name = (try? container.decodeIfPresent(String.self, forKey: .name)) ?? ""
            symbol = try container.decode(String.self, forKey: .symbol)
        }

        public init(address: String, name: String, symbol: String) {
            self.address = address
            self.name = name
            self.symbol = symbol
        }
    }

    public let chainId: String
    public let dexId: String?
    public let url: String?
    public let pairAddress: String
    public let baseToken: Token
    public let quoteToken: Token
    public let priceUsd: Double?
    /// The base token's price in quote-token units (a string on the wire).
    public let priceNative: Double?
    public let liquidityUsd: Double?
    public let volumeH24: Double?
    public let priceChangeH1: Double?
    public let buysH1: Int?
    public let sellsH1: Int?

    enum CodingKeys: String, CodingKey {
        case chainId, dexId, url, pairAddress, baseToken, quoteToken, priceUsd, priceNative, liquidity, volume, priceChange, txns
    }

    private enum Window: String, CodingKey { case m5, h1, h6, h24, usd }
    private enum Counts: String, CodingKey { case buys, sells }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        chainId = try container.decode(String.self, forKey: .chainId)
        dexId = container.text(.dexId)
        url = container.text(.url)
        pairAddress = try container.decode(String.self, forKey: .pairAddress)
        baseToken = try container.decode(Token.self, forKey: .baseToken)
        quoteToken = try container.decode(Token.self, forKey: .quoteToken)
        priceUsd = container.number(.priceUsd)
        priceNative = container.number(.priceNative)
        liquidityUsd = (try? container.nestedContainer(keyedBy: Window.self, forKey: .liquidity))?.number(.usd)
        volumeH24 = (try? container.nestedContainer(keyedBy: Window.self, forKey: .volume))?.number(.h24)
        priceChangeH1 = (try? container.nestedContainer(keyedBy: Window.self, forKey: .priceChange))?.number(.h1)
        let h1 = try? container.nestedContainer(keyedBy: Window.self, forKey: .txns).nestedContainer(keyedBy: Counts.self, forKey: .h1)
        buysH1 = h1?.whole(.buys)
        sellsH1 = h1?.whole(.sells)
    }

    /// The pair as the stages use it. DexScreener's chain ids are the canonical ones.
    public var dexPair: DexPair {
        DexPair(
            chainId: chainId, pairAddress: pairAddress, dexId: dexId,
            base: DexToken(address: baseToken.address, symbol: baseToken.symbol),
            quote: DexToken(address: quoteToken.address, symbol: quoteToken.symbol),
            priceUSD: priceUsd, priceNative: priceNative, liquidityUSD: liquidityUsd, volume24hUSD: volumeH24, priceChangeH1: priceChangeH1,
            buysH1: buysH1, sellsH1: sellsH1)
    }
}
