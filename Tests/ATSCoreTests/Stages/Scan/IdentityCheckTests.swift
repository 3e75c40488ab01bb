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

    struct PublishedCase: Sendable, CustomStringConvertible {
        let name: String
        let published: String
        var fullName = "Jupiter"
        var base = ScanFixtures.jupSolana
        /// The coin the proof went through, or nil when unproven with a reason containing `why`.
        var proven: String?
        var why = ""
        var description: String { name }
    }

    /// product.md "Identity": a published contract that is not an address of the pair's chain's
    /// kind (MEXC publishes placeholders), or that CoinGecko does not know, proves nothing either
    /// way, so the CoinGecko route is still tried; a real one still proves or disproves.
    static let publishedCases: [PublishedCase] = [
        PublishedCase(name: "a placeholder does not block the CoinGecko proof", published: "xtokens", proven: "jupiter-exchange-solana"),
        PublishedCase(name: "an EVM address on a Solana pair does not block it", published: ScanFixtures.jupEthereum,
                      proven: "jupiter-exchange-solana"),
        PublishedCase(name: "a Solana address CoinGecko does not know does not block it",
                      published: ScanFixtures.unknownSolana, proven: "jupiter-exchange-solana"),
        PublishedCase(name: "a real matching contract still proves it", published: ScanFixtures.jupSolana, proven: "jupiter-exchange-solana"),
        PublishedCase(name: "a real matching contract proves it whatever the exchange's name", published: ScanFixtures.jupSolana,
                      fullName: "Jupiter Project", proven: "jupiter-exchange-solana"),
        PublishedCase(name: "nor does a placeholder prove an ambiguous ticker", published: "xtokens", fullName: "Jupiter Project",
                      why: "2 CoinGecko coins share the ticker jup and the exchange's name for it does not single this one out; the exchange's contract xtokens is not a solana address, so it proves nothing"),
        PublishedCase(name: "an unknown contract says so beside a failed CoinGecko route",
                      published: ScanFixtures.unknownSolana, fullName: "Jupiter Project",
                      why: "CoinGecko does not know the exchange's contract \(ScanFixtures.unknownSolana), so it proves nothing"),
        PublishedCase(name: "a known contract of the chain's kind that is another token disproves it", published: ScanFixtures.jupSolana,
                      base: ScanFixtures.unknownSolana, why: "the exchange's JUP contract is not this token on solana"),
    ]

    @Test(arguments: publishedCases)
    func aPublishedContractProvesOnlyWhenItIsARealAddressOfTheChain(_ testCase: PublishedCase) throws {
        let candidate = ScanFixtures.candidate(chain: "solana", base: testCase.base, symbol: "JUP")
        let verdict = try verdict(candidate, ScanFixtures.market("JUP", contract: testCase.published, fullName: testCase.fullName))
        switch verdict {
        case .proven(let id):
            #expect(id == testCase.proven)
        case .unproven(let why):
            #expect(testCase.proven == nil, "unproven: \(why)")
            #expect(why.contains(testCase.why))
        }
    }

    @Test func aPlaceholderOnAnEVMPairDoesNotBlockTheProofEither() throws {
        let candidate = ScanFixtures.candidate(chain: "bsc", base: "0x55d398326F99059fF775485246999027B3197955", symbol: "USDT")
        for placeholder in ["xtokens", "0x", "0x55d398326F99059fF775485246999027B319795", ScanFixtures.jupSolana] {
            #expect(try verdict(candidate, ScanFixtures.market("USDT", quote: "USDC", contract: placeholder)) == .proven(coingeckoID: "tether"),
                    "published \(placeholder)")
        }
    }

    @Test func anUnknownChainCannotBeProvenThroughCoinGecko() throws {
        let candidate = ScanFixtures.candidate(chain: "zksync", base: "0x1111111111111111111111111111111111111111", symbol: "USDT")
        guard case .unproven(let why) = try verdict(candidate, ScanFixtures.market("USDT", quote: "USDC")) else { Issue.record("admitted"); return }
        #expect(why.contains("no CoinGecko platform is known for chain zksync"))
    }
}
