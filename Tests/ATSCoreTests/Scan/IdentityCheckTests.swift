import Foundation
import Testing
@testable import ATSCore

@Suite struct IdentityCheckTests {
    func verdict(_ candidate: ScanCandidate, _ market: ExchangeMarket) throws -> IdentityVerdict {
        try IdentityCheck(database: ScanFixtures.databaseWithCoinList()).verdict(for: candidate, market: market)
    }

    @Test func theExchangesOwnContractProvesTheToken() throws {
        let candidate = ScanFixtures.candidate(chain: "solana", base: ScanFixtures.jupSolana, symbol: "JUP")
        let market = ScanFixtures.market("JUP", contract: ScanFixtures.jupSolana, fullName: "Jupiter")
        #expect(try verdict(candidate, market) == .proven(coingeckoID: "jupiter-exchange-solana"))
    }

    @Test func aSameTickerTokenOnAnotherChainIsNotTheListedAsset() throws {
        // CoinGecko's "jupiter" (Jupiter Project) on Ethereum is a different asset from MEXC's JUP (Solana).
        let candidate = ScanFixtures.candidate(chain: "ethereum", base: ScanFixtures.jupEthereum, symbol: "JUP")
        let market = ScanFixtures.market("JUP", contract: ScanFixtures.jupSolana, fullName: "Jupiter")
        guard case .unproven = try verdict(candidate, market) else { Issue.record("collision admitted"); return }
    }

    @Test func withoutAnExchangeContractAnAmbiguousTickerNeedsTheExchangesName() throws {
        let candidate = ScanFixtures.candidate(chain: "ethereum", base: ScanFixtures.jupEthereum, symbol: "JUP")
        guard case .unproven(let why) = try verdict(candidate, ScanFixtures.market("JUP", fullName: "Jupiter")) else {
            Issue.record("ambiguous ticker admitted"); return
        }
        #expect(why.contains("2 CoinGecko coins share the ticker jup"))
        #expect(try verdict(candidate, ScanFixtures.market("JUP", fullName: "Jupiter Project")) == .proven(coingeckoID: "jupiter"))
        guard case .unproven = try verdict(candidate, ScanFixtures.market("JUP")) else { Issue.record("no name admitted"); return }
    }

    @Test func evmAddressesCompareWithoutCaseAndChainsMapToCoinGeckoPlatforms() throws {
        let checksummed = "0x55d398326F99059fF775485246999027B3197955"
        let candidate = ScanFixtures.candidate(chain: "bsc", base: checksummed, symbol: "USDT")
        #expect(try verdict(candidate, ScanFixtures.market("USDT", quote: "USDC")) == .proven(coingeckoID: "tether"))
    }

    @Test func solanaAddressesAreCaseSensitive() throws {
        let candidate = ScanFixtures.candidate(chain: "solana", base: ScanFixtures.jupSolana.lowercased(), symbol: "JUP")
        guard case .unproven = try verdict(candidate, ScanFixtures.market("JUP", contract: ScanFixtures.jupSolana)) else {
            Issue.record("lowercased Solana address admitted"); return
        }
    }

    @Test func aTokenCoinGeckoDoesNotKnowIsUnproven() throws {
        let candidate = ScanFixtures.candidate(chain: "solana", base: "Bz4MhmVRQENiCou7ZpJ575wpjNFjBjVBSiVhuNg1Lpump", symbol: "WIFE")
        guard case .unproven(let why) = try verdict(candidate, ScanFixtures.market("WIFE")) else { Issue.record("admitted"); return }
        #expect(why.contains("lists no coin wife"))
    }

    @Test func anUnknownChainCannotBeProvenThroughCoinGecko() throws {
        let candidate = ScanFixtures.candidate(chain: "zksync", base: "0x1111111111111111111111111111111111111111", symbol: "USDT")
        guard case .unproven(let why) = try verdict(candidate, ScanFixtures.market("USDT", quote: "USDC")) else { Issue.record("admitted"); return }
        #expect(why.contains("no CoinGecko platform is known for chain zksync"))
    }
}
