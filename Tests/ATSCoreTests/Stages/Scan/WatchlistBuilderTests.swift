import Foundation
import Testing
@testable import ATSCore

@Suite struct WatchlistBuilderTests {
    /// The real USDC on Solana, from the code's table (a constant of the code, not API data).
    static let usdc = QuoteTokens.token(symbol: "USDC", chainID: "solana")!

    func admitted(_ symbol: String, _ source: String, score: Double, liquidity: Double = 100_000, pair: String? = nil, id: String? = nil) -> AdmittedCandidate {
        AdmittedCandidate(
            candidate: ScanFixtures.candidate(source: source, pair: pair ?? "\(symbol)-\(source)", symbol: symbol, liquidity: liquidity),
            score: score, coingeckoID: id, quote: Self.usdc)
    }

    func build(_ admitted: [AdmittedCandidate], size: Int = 10, bonus: Double = 150) -> WatchlistBuilder.Result {
        WatchlistBuilder.build(admitted, size: size, confirmationBonus: bonus, scannedAt: Date(timeIntervalSince1970: 100))
    }

    @Test func scoresSumAcrossScannersPlusTheBonusPerExtraConfirmation() {
        let entries = build([admitted("JUP", "dexscreener", score: 76.555), admitted("JUP", "geckoterminal", score: 70)]).entries
        #expect(entries.count == 1)
        #expect(abs(entries[0].finalScore - (76.555 + 70 + 150)) < 1e-9)
        #expect(entries[0].confirmations == 2)
        #expect(entries[0].sources == "dexscreener,geckoterminal")
    }

    @Test func aSingleScannerGetsNoBonus() {
        let entries = build([admitted("JUP", "dexscreener", score: 10)]).entries
        #expect(entries[0].finalScore == 10)
        #expect(entries[0].confirmations == 1)
    }

    @Test func oneScannerFindingSeveralPairsOfASymbolCountsItsBestScoreOnce() {
        let entries = build([admitted("JUP", "dexscreener", score: 10, pair: "a"), admitted("JUP", "dexscreener", score: 30, pair: "b")]).entries
        #expect(entries[0].finalScore == 30)
        #expect(entries[0].confirmations == 1)
    }

    @Test func theReferencePairIsTheMostLiquidFound() {
        let entries = build([
            admitted("JUP", "dexscreener", score: 50, liquidity: 60_000, pair: "thin"),
            admitted("JUP", "geckoterminal", score: 5, liquidity: 900_000, pair: "deep", id: "jupiter-exchange-solana"),
        ]).entries
        #expect(entries[0].pairAddress == "deep")
        #expect(entries[0].liquidityUsd == 900_000)
        #expect(entries[0].coingeckoId == "jupiter-exchange-solana")
    }

    /// The row keeps the table's spelling of the proven token (`SOL`, the mint as the table
    /// writes it), not the DEX's name for it (`WSOL`): poll and the report read one form.
    @Test func theEntryCarriesTheProvenQuoteTokenAsTheTableSpellsIt() throws {
        let sol = try #require(QuoteTokens.token(symbol: "SOL", chainID: "solana"))
        var wsol = admitted("JUP", "dexscreener", score: 10)
        wsol.candidate.quoteSymbol = "wsol"
        wsol.candidate.quoteAddress = sol.address
        wsol.quote = sol
        let entry = try #require(build([wsol]).entries.first)
        #expect(entry.quoteSymbol == "SOL")
        #expect(entry.quoteAddress == "So11111111111111111111111111111111111111112")
        #expect(entry.pairSymbol == "JUP/SOL")
    }

    @Test func theTopSizeAreKeptInScoreOrderAndTheRestAreReported() {
        let result = build([
            admitted("A", "dexscreener", score: 10), admitted("B", "dexscreener", score: 30),
            admitted("C", "dexscreener", score: 20), admitted("D", "dexscreener", score: 20),
        ], size: 3)
        #expect(result.entries.map(\.cexSymbol) == ["B", "C", "D"])
        #expect(result.entries.map(\.rank) == [1, 2, 3])
        #expect(result.belowCut.map(\.candidate.baseSymbol) == ["A"])
    }

    @Test func aConfirmationCanOutrankAHigherSingleScore() {
        let entries = build([
            admitted("SOLO", "dexscreener", score: 200),
            admitted("BOTH", "dexscreener", score: 30), admitted("BOTH", "geckoterminal", score: 30),
        ]).entries
        #expect(entries.map(\.cexSymbol) == ["BOTH", "SOLO"])
    }
}
