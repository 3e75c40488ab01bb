import Testing
@testable import ATSCore

@Suite struct ChainsTests {
    @Test(arguments: [
        ("solana", "solana", "solana"), ("eth", "ethereum", "ethereum"), ("bsc", "bsc", "binance-smart-chain"),
        ("arbitrum", "arbitrum", "arbitrum-one"), ("polygon_pos", "polygon", "polygon-pos"), ("base", "base", "base"),
    ])
    func oneTableMapsEverySourcesChainNames(_ geckoTerminal: String, _ canonical: String, _ coinGecko: String) {
        #expect(Chain.canonicalID(geckoTerminalNetwork: geckoTerminal) == canonical)
        #expect(Chain.byID(canonical)?.coinGeckoPlatform == coinGecko)
    }

    /// What an exchange may publish as a contract, and whether it could be an address of the
    /// chain at all (MEXC publishes placeholders such as `xtokens`).
    @Test(arguments: [
        ("So11111111111111111111111111111111111111112", "solana", true),
        ("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN", "solana", true),
        ("DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263", "solana", true),    // 44 characters, the longest
        ("11111111111111111111111111111111", "solana", true),               // 32, the shortest (the system program)
        ("1111111111111111111111111111111", "solana", false),               // 31
        ("DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB2633", "solana", false),  // 45
        ("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvC0", "solana", false),   // 0 is not base58
        ("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCl", "solana", false),   // nor is l
        (" JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN ", "solana", true),  // spaces around, as normalize trims
        ("xtokens", "solana", false),
        ("xtokens", "ethereum", false),
        ("", "solana", false),
        ("", "bsc", false),
        ("0x55d398326f99059fF775485246999027B3197955", "bsc", true),
        ("0x55d398326f99059ff775485246999027b3197955", "bsc", true),
        ("0X55D398326F99059FF775485246999027B3197955", "bsc", true),
        ("0x55d398326f99059fF775485246999027B319795", "bsc", false),        // 39 hex digits
        ("0x55d398326f99059fF775485246999027B31979555", "bsc", false),      // 41
        ("0x55d398326f99059fF775485246999027B319795g", "bsc", false),       // g is not hex
        ("0x55d398326f99059fF775485246999027B319795\u{FF11}", "bsc", false), // a fullwidth 1
        ("55d398326f99059fF775485246999027B3197955aa", "bsc", false),      // no 0x
        ("0x0000000000000000000000000000000000000000", "base", true),
        ("0x55d398326f99059fF775485246999027B3197955", "solana", false),    // an EVM address on Solana
        ("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN", "ethereum", false), // a Solana address on an EVM chain
        ("0x55d398326f99059fF775485246999027B3197955", "zksync", false),    // a chain of no known kind
    ])
    func aContractIsPlausibleOnlyInItsChainsAddressKind(_ address: String, _ chain: String, _ plausible: Bool) {
        #expect(ChainAddress.isPlausible(address, chainID: chain) == plausible)
    }

    @Test func everyChainHasAnAddressKindAndEveryQuoteTokenIsPlausibleOnItsChain() {
        #expect(Chain.byID("solana")?.addressKind == .solana)
        #expect(Chain.all.filter { $0.addressKind == .evm }.count == Chain.all.count - 1)
        for token in QuoteTokens.all {
            #expect(ChainAddress.isPlausible(token.address, chainID: token.chainID), "\(token.symbol) on \(token.chainID)")
        }
    }

    @Test func anUnknownNetworkKeepsItsOwnName() {
        #expect(Chain.canonicalID(geckoTerminalNetwork: "zksync") == "zksync")
    }
}
