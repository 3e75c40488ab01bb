import Foundation
import GRDB
import Testing
@testable import ATSCore

/// The scan's two contract proofs end to end: the quote token (product.md "Quote tokens")
/// and the exchange's published contract (product.md "Identity"), with the fixtures of market-apis.md.
@Suite struct ScanProofStageTests {
    static let fakeUSDC = "FakeUSDCmint7xKXtg2CW87d97TXJSDpbD5jBkheTqA8"

    /// One scan against the healthy fixtures, one of which (`fixture`, served at `path`) is edited.
    func scan(_ setup: TestSetup, _ path: String, _ fixture: String, replacing old: String, with new: String) async throws -> StageRunner.Outcome {
        var answers = try ScanStageTests.healthyMarket()
        let text = String(decoding: try Fixtures.data(fixture), as: UTF8.self)
        #expect(text.contains(old), "\(fixture) holds \(old)")
        answers[path] = .json(text.replacingOccurrences(of: old, with: new))
        return await ScanStage.run(config: setup.config, environment: setup.environment(StubTransport(byPath: answers)))
    }

    /// DexScreener's JUP pool is now quoted in a token called USDC at another mint: that pool
    /// is excluded as `quote`; GeckoTerminal's real-USDC pool still puts JUP on the watchlist.
    @Test func aTokenCalledUSDCAtAnotherMintIsExcludedAndTheRealOneStillCounts() async throws {
        let setup = try TestSetup()
        let outcome = try await scan(
            setup, "/latest/dex/search", "dexscreener-search",
            replacing: "\"address\": \"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v\"", with: "\"address\": \"\(Self.fakeUSDC)\"")
        #expect(outcome.status == .ok)
        let jup = try #require(try setup.database().watchlist().first)
        #expect(jup.confirmations == 1)
        #expect(jup.sources == "geckoterminal")
        #expect(jup.quoteAddress == "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
        let details = try await setup.database().reader.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM scan_exclusions WHERE source = 'dexscreener' AND base_symbol = 'JUP' AND reason = 'quote'")
        }
        #expect(details == ["quote USDC at \(Self.fakeUSDC) is not USDC's contract on solana"])
    }

    /// With SOL accepted, a pool DexScreener labels `WSOL` at the real wrapped-SOL mint is
    /// admitted, and the row stores the table's symbol (`SOL`) and the proven mint.
    @Test func theWatchlistRowStoresTheProvenQuoteContract() async throws {
        let setup = try TestSetup {
            $0.watchlist.quoteSymbols = ["USDC", "USDT", "SOL"]
            $0.scanners.geckoterminal.enabled = false
        }
        let outcome = try await scan(
            setup, "/latest/dex/search", "dexscreener-search",
            replacing: "\"address\": \"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v\",\n    \"name\": \"USD Coin\",\n    \"symbol\": \"USDC\"",
            with: "\"address\": \"So11111111111111111111111111111111111111112\",\n    \"name\": \"Wrapped SOL\",\n    \"symbol\": \"WSOL\"")
        #expect(outcome.status == .ok)
        let jup = try #require(try setup.database().watchlist().first { $0.cexSymbol == "JUP" })
        #expect(jup.quoteSymbol == "SOL")
        #expect(jup.quoteAddress == "So11111111111111111111111111111111111111112")
        #expect(jup.pairSymbol == "JUP/SOL")
    }

    /// MEXC has published placeholders for contracts, and contracts of other chains: neither
    /// proves anything, so CoinGecko's coin list still proves JUP.
    @Test(arguments: ["xtokens", ScanFixtures.jupEthereum])
    func aPublishedContractThatIsNoSolanaAddressDoesNotBlockTheProof(_ published: String) async throws {
        let setup = try TestSetup()
        let outcome = try await scan(
            setup, "/api/v3/exchangeInfo", "mexc-exchange-info",
            replacing: "\"contractAddress\": \"\(ScanFixtures.jupSolana)\"", with: "\"contractAddress\": \"\(published)\"")
        #expect(outcome.status == .ok)
        let jup = try #require(try setup.database().watchlist().first)
        #expect(jup.cexSymbol == "JUP")
        #expect(jup.confirmations == 2)
        #expect(jup.coingeckoId == "jupiter-exchange-solana")
    }
}
