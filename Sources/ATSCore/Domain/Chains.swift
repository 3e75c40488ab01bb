/// Contract addresses compare by the chain's rules: EVM addresses come back
/// checksummed (mixed case) and compare lowercased; Solana's base58 is case-sensitive.
public enum ChainAddress {
    public static func normalize(_ address: String) -> String {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 42, trimmed.lowercased().hasPrefix("0x") { return trimmed.lowercased() }
        return trimmed
    }

    public static func same(_ a: String, _ b: String) -> Bool {
        !a.isEmpty && normalize(a) == normalize(b)
    }
}

/// One chain as each source names it. The one mapping table of product.md's "Identity".
public struct Chain: Sendable, Equatable {
    /// Canonical id, DexScreener's (`solana`, `ethereum`, `bsc`, ...). Stored in the database.
    public let id: String
    public let geckoTerminalNetwork: String
    public let coinGeckoPlatform: String

    public static let all: [Chain] = [
        Chain(id: "solana", geckoTerminalNetwork: "solana", coinGeckoPlatform: "solana"),
        Chain(id: "ethereum", geckoTerminalNetwork: "eth", coinGeckoPlatform: "ethereum"),
        Chain(id: "bsc", geckoTerminalNetwork: "bsc", coinGeckoPlatform: "binance-smart-chain"),
        Chain(id: "base", geckoTerminalNetwork: "base", coinGeckoPlatform: "base"),
        Chain(id: "arbitrum", geckoTerminalNetwork: "arbitrum", coinGeckoPlatform: "arbitrum-one"),
        Chain(id: "polygon", geckoTerminalNetwork: "polygon_pos", coinGeckoPlatform: "polygon-pos"),
        Chain(id: "avalanche", geckoTerminalNetwork: "avax", coinGeckoPlatform: "avalanche"),
        Chain(id: "optimism", geckoTerminalNetwork: "optimism", coinGeckoPlatform: "optimistic-ethereum"),
    ]

    public static func byID(_ id: String) -> Chain? { all.first { $0.id == id } }
    public static func byGeckoTerminalNetwork(_ network: String) -> Chain? { all.first { $0.geckoTerminalNetwork == network } }

    /// The canonical id for a GeckoTerminal network; an unknown network keeps its own name.
    public static func canonicalID(geckoTerminalNetwork network: String) -> String {
        byGeckoTerminalNetwork(network)?.id ?? network
    }
}
