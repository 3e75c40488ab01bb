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

    @Test func anUnknownNetworkKeepsItsOwnName() {
        #expect(Chain.canonicalID(geckoTerminalNetwork: "zksync") == "zksync")
    }
}
