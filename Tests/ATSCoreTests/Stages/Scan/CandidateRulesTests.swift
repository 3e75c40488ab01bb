import Foundation
import Testing
@testable import ATSCore

@Suite struct CandidateRulesTests {
    static let listing = ScanFixtures.listing([
        ScanFixtures.market("JUP"),
        ScanFixtures.market("PAUSED", status: "2"),
        ScanFixtures.market("OFFLINE", status: "3"),
        ScanFixtures.market("NOSPOT", spot: false),
        ScanFixtures.market("CLOSED", side: "4"),
        ScanFixtures.market("BUYONLY", side: "2"),
    ])

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let candidate: ScanCandidate
        let expected: ExclusionReason?
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a clean candidate passes", candidate: ScanFixtures.candidate(), expected: nil),
        Case(name: "quote USDT passes", candidate: ScanFixtures.candidate(quote: "USDT"), expected: nil),
        Case(name: "quote compared case-insensitively", candidate: ScanFixtures.candidate(quote: "usdc"), expected: nil),
        Case(name: "quote WBNB is refused", candidate: ScanFixtures.candidate(quote: "WBNB"), expected: .quote),
        Case(name: "quote is checked before liquidity", candidate: ScanFixtures.candidate(quote: "SOL", liquidity: 1), expected: .quote),
        Case(name: "liquidity exactly the minimum passes", candidate: ScanFixtures.candidate(liquidity: 50_000), expected: nil),
        Case(name: "liquidity a cent below fails", candidate: ScanFixtures.candidate(liquidity: 49_999.99), expected: .liquidity),
        Case(name: "missing liquidity fails", candidate: ScanFixtures.candidate(liquidity: nil), expected: .liquidity),
        Case(name: "negative reserve fails", candidate: ScanFixtures.candidate(liquidity: -100.05), expected: .liquidity),
        Case(name: "missing price fails", candidate: ScanFixtures.candidate(price: nil), expected: .price),
        Case(name: "zero price fails", candidate: ScanFixtures.candidate(price: 0), expected: .price),
        Case(name: "1h change exactly +300 passes", candidate: ScanFixtures.candidate(change: 300), expected: nil),
        Case(name: "1h change exactly -300 passes", candidate: ScanFixtures.candidate(change: -300), expected: nil),
        Case(name: "1h change beyond +300 is a pump", candidate: ScanFixtures.candidate(change: 300.01), expected: .pump),
        Case(name: "1h change beyond -300 is a dump", candidate: ScanFixtures.candidate(change: -388.2), expected: .pump),
        Case(name: "an omitted 1h window is no pump", candidate: ScanFixtures.candidate(change: nil), expected: nil),
        Case(name: "no market on the exchange", candidate: ScanFixtures.candidate(symbol: "NOPE"), expected: .notListed),
        Case(name: "ticker matched case-insensitively", candidate: ScanFixtures.candidate(symbol: "jup"), expected: nil),
        Case(name: "a bidi override in the ticker never matches", candidate: ScanFixtures.candidate(symbol: "JUP\u{202E}"), expected: .notListed),
        Case(name: "paused market (status 2)", candidate: ScanFixtures.candidate(symbol: "PAUSED"), expected: .cexClosed),
        Case(name: "offline market (status 3)", candidate: ScanFixtures.candidate(symbol: "OFFLINE"), expected: .cexClosed),
        Case(name: "spot trading not allowed", candidate: ScanFixtures.candidate(symbol: "NOSPOT"), expected: .cexClosed),
        Case(name: "both sides closed (tradeSideType 4)", candidate: ScanFixtures.candidate(symbol: "CLOSED"), expected: .cexClosed),
        Case(name: "buy-only market is still open", candidate: ScanFixtures.candidate(symbol: "BUYONLY"), expected: nil),
    ]

    @Test(arguments: cases)
    func filtersApplyInProductOrder(_ testCase: Case) {
        let failure = CandidateRules.filter(testCase.candidate, config: ATSConfig(), listing: Self.listing).exclusion
        #expect(failure?.reason == testCase.expected)
    }

    @Test func theExclusionDetailSaysWhatWasSeen() {
        let failure = CandidateRules.filter(ScanFixtures.candidate(liquidity: 31_200), config: ATSConfig(), listing: Self.listing).exclusion
        #expect(failure?.detail == "liquidity 31200 USD < 50000")
    }

    @Test(arguments: [
        (0.85 as Double?, 109 as Int?, 76.555),
        (-10, 10, 4.0),
        (-100, 10, -23.0),
        (nil, 10, 7.0),
        (5, nil, 1.5),
        (nil, nil, 0.0),
    ])
    func scoreIsThirtyPercentChangePlusSeventyPercentTransactions(_ change: Double?, _ transactions: Int?, _ expected: Double) {
        let score = CandidateRules.score(ScanFixtures.candidate(change: change, transactions: transactions))
        #expect(abs(score - expected) < 1e-9)
    }
}
