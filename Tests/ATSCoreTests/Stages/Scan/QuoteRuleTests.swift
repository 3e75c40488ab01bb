import Foundation
import Testing
@testable import ATSCore

/// product.md "Quote tokens": a quote is admitted only when `quote_symbols` names it AND its
/// address is that token's real contract on the pair's chain. Anyone can launch a token called USDC.
@Suite struct QuoteRuleTests {
    static let listing = ScanFixtures.listing([ScanFixtures.market("JUP")])
    static let fakeUSDC = "FakeUSDCmint7xKXtg2CW87d97TXJSDpbD5jBkheTqA8"
    static let baseUSDT = "0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2"  // bridged USDT on Base: not in the table

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let chain: String
        let quote: String
        let address: String
        var symbols: [String] = ["USDC", "USDT"]
        /// The table's symbol the address proved, or nil for a `quote` exclusion with `detail`.
        var proven: String?
        var detail: String?
        var description: String { name }
    }

    static func real(_ symbol: String, _ chain: String) -> String {
        QuoteTokens.token(symbol: symbol, chainID: chain)?.address ?? "missing from the table"
    }

    static let cases: [Case] = [
        Case(name: "real USDC on solana", chain: "solana", quote: "USDC", address: real("USDC", "solana"), proven: "USDC"),
        Case(name: "real USDT on solana", chain: "solana", quote: "USDT", address: real("USDT", "solana"), proven: "USDT"),
        Case(name: "a token named USDC at another address", chain: "solana", quote: "USDC", address: fakeUSDC,
             detail: "quote USDC at \(fakeUSDC) is not USDC's contract on solana"),
        Case(name: "USDC named at USDT's contract", chain: "solana", quote: "USDC", address: real("USDT", "solana"),
             detail: "quote USDC at Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB is not USDC's contract on solana"),
        Case(name: "Solana addresses are case-sensitive", chain: "solana", quote: "USDC", address: real("USDC", "solana").lowercased(),
             detail: "quote USDC at epjfwdd5aufqssqem2qn1xzybapc8g4weggkzwytdt1v is not USDC's contract on solana"),
        Case(name: "SOL-quoted without SOL in quote_symbols keeps today's wording", chain: "solana", quote: "SOL",
             address: real("SOL", "solana"), detail: "quote SOL is not one of USDC, USDT"),
        Case(name: "SOL-quoted with SOL in quote_symbols", chain: "solana", quote: "SOL", address: real("SOL", "solana"),
             symbols: ["USDC", "USDT", "SOL"], proven: "SOL"),
        Case(name: "WSOL is wrapped SOL's other name", chain: "solana", quote: "WSOL", address: real("SOL", "solana"),
             symbols: ["USDC", "USDT", "SOL"], proven: "SOL"),
        Case(name: "quote_symbols may say WSOL", chain: "solana", quote: "SOL", address: real("SOL", "solana"),
             symbols: ["WSOL"], proven: "SOL"),
        Case(name: "a WSOL at another address", chain: "solana", quote: "WSOL", address: fakeUSDC, symbols: ["SOL"],
             detail: "quote WSOL at \(fakeUSDC) is not SOL's contract on solana"),
        Case(name: "WETH on base, quote_symbols saying ETH", chain: "base", quote: "WETH", address: real("WETH", "base"),
             symbols: ["USDC", "ETH"], proven: "WETH"),
        Case(name: "WETH on base, quote_symbols saying WETH", chain: "base", quote: "WETH", address: real("WETH", "base"),
             symbols: ["USDC", "WETH"], proven: "WETH"),
        Case(name: "WETH on base without it in quote_symbols", chain: "base", quote: "WETH", address: real("WETH", "base"),
             detail: "quote WETH is not one of USDC, USDT"),
        Case(name: "Ethereum's WETH on base", chain: "base", quote: "WETH", address: real("WETH", "ethereum"), symbols: ["ETH"],
             detail: "quote WETH at 0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2 is not WETH's contract on base"),
        Case(name: "USDT on base, where the table has none", chain: "base", quote: "USDT", address: baseUSDT,
             detail: "quote USDT at \(baseUSDT) is not USDT's contract on base (no USDT contract is known there)"),
        Case(name: "USDC on a chain the table does not know", chain: "zksync", quote: "USDC", address: real("USDC", "ethereum"),
             detail: "quote USDC at 0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48 is not USDC's contract on zksync (no USDC contract is known there)"),
        Case(name: "EVM address lowercased", chain: "bsc", quote: "USDT", address: real("USDT", "bsc").lowercased(), proven: "USDT"),
        Case(name: "EVM address uppercased", chain: "bsc", quote: "USDT", address: "0x" + real("USDT", "bsc").dropFirst(2).uppercased(), proven: "USDT"),
        Case(name: "bridged USDC.e on arbitrum called USDC", chain: "arbitrum", quote: "USDC", address: "0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8",
             detail: "quote USDC at 0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8 is not USDC's contract on arbitrum"),
        Case(name: "a quote with no address", chain: "solana", quote: "USDC", address: "",
             detail: "quote USDC at an unnamed address is not USDC's contract on solana"),
    ]

    @Test(arguments: cases)
    func aQuoteIsAdmittedOnlyAtItsRealContract(_ testCase: Case) {
        var config = ATSConfig()
        config.watchlist.quoteSymbols = testCase.symbols
        let candidate = ScanFixtures.candidate(chain: testCase.chain, quote: testCase.quote, quoteAddress: testCase.address)
        switch CandidateRules.filter(candidate, config: config, listing: Self.listing) {
        case .passed(let quote, _):
            #expect(quote.symbol == testCase.proven)
            #expect(quote.chainID == testCase.chain)
            #expect(ChainAddress.same(quote.address, testCase.address))
        case .excluded(let exclusion):
            #expect(testCase.proven == nil, "excluded: \(exclusion.detail)")
            #expect(exclusion.reason == .quote)
            #expect(exclusion.detail == testCase.detail)
        }
    }

    /// Addresses and symbols are written by whoever launched the token: the detail shows them
    /// on one line, made visible and cut, as the other details do.
    @Test func aHostileAddressIsShownOnOneSafeLine() throws {
        let hostile = "\u{202E}Evil\n\u{1B}[31m" + String(repeating: "A", count: 5_000)
        let candidate = ScanFixtures.candidate(quote: "USDC", quoteAddress: hostile)
        let detail = try #require(CandidateRules.filter(candidate, config: ATSConfig(), listing: Self.listing).exclusion?.detail)
        #expect(detail.hasPrefix("quote USDC at \\u{202e}Evil\\u{a}\\u{1b}[31m"))
        #expect(detail.hasSuffix("… is not USDC's contract on solana"))
        #expect(detail.count < 150)
        #expect(!detail.contains("\u{202E}") && !detail.contains("\n") && !detail.contains("\u{1B}"))
    }

    /// The quote rule comes first: a fake USDC is `quote`, whatever else is wrong with the pair.
    @Test func theQuoteRuleComesBeforeLiquidity() {
        let candidate = ScanFixtures.candidate(quoteAddress: Self.fakeUSDC, liquidity: 1)
        #expect(CandidateRules.filter(candidate, config: ATSConfig(), listing: Self.listing).exclusion?.reason == .quote)
    }
}
