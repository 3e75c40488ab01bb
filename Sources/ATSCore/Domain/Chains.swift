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

    /// Whether `address` could be an address on `chainID` at all: EVM `0x` + 40 hex digits,
    /// Solana 32–44 base58 characters. An exchange publishes placeholders (MEXC: `xtokens`)
    /// and contracts of other chains; such a string is no evidence about a token on this
    /// chain. A chain the table does not know has no known kind, so nothing is plausible on it.
    /// Only ASCII counts: a fullwidth digit or a lookalike letter is not an address.
    public static func isPlausible(_ address: String, chainID: String) -> Bool {
        guard let kind = Chain.byID(chainID)?.addressKind else { return false }
        let bytes = Array(address.trimmingCharacters(in: .whitespaces).utf8)
        switch kind {
        case .evm:
            return bytes.count == 42 && bytes[0] == UInt8(ascii: "0") && (bytes[1] | 0x20) == UInt8(ascii: "x")
                && bytes.dropFirst(2).allSatisfy(isHexDigit)
        case .solana:
            return (32...44).contains(bytes.count) && bytes.allSatisfy(base58.contains)
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    /// Bitcoin's alphabet, which Solana uses: no `0`, `O`, `I` or `l`.
    private static let base58 = Set("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
}

/// How a chain spells its addresses (see `ChainAddress.isPlausible`).
public enum AddressKind: Sendable, Equatable {
    case evm, solana
}

/// One chain as each source names it. The one mapping table of product.md's "Identity".
public struct Chain: Sendable, Equatable {
    /// Canonical id, DexScreener's (`solana`, `ethereum`, `bsc`, ...). Stored in the database.
    public let id: String
    public let geckoTerminalNetwork: String
    public let coinGeckoPlatform: String
    public let addressKind: AddressKind

    public static let all: [Chain] = [
        Chain(id: "solana", geckoTerminalNetwork: "solana", coinGeckoPlatform: "solana", addressKind: .solana),
        Chain(id: "ethereum", geckoTerminalNetwork: "eth", coinGeckoPlatform: "ethereum", addressKind: .evm),
        Chain(id: "bsc", geckoTerminalNetwork: "bsc", coinGeckoPlatform: "binance-smart-chain", addressKind: .evm),
        Chain(id: "base", geckoTerminalNetwork: "base", coinGeckoPlatform: "base", addressKind: .evm),
        Chain(id: "arbitrum", geckoTerminalNetwork: "arbitrum", coinGeckoPlatform: "arbitrum-one", addressKind: .evm),
        Chain(id: "polygon", geckoTerminalNetwork: "polygon_pos", coinGeckoPlatform: "polygon-pos", addressKind: .evm),
        Chain(id: "avalanche", geckoTerminalNetwork: "avax", coinGeckoPlatform: "avalanche", addressKind: .evm),
        Chain(id: "optimism", geckoTerminalNetwork: "optimism", coinGeckoPlatform: "optimistic-ethereum", addressKind: .evm),
    ]

    public static func byID(_ id: String) -> Chain? { all.first { $0.id == id } }
    public static func byGeckoTerminalNetwork(_ network: String) -> Chain? { all.first { $0.geckoTerminalNetwork == network } }

    /// The canonical id for a GeckoTerminal network; an unknown network keeps its own name.
    public static func canonicalID(geckoTerminalNetwork network: String) -> String {
        byGeckoTerminalNetwork(network)?.id ?? network
    }
}
