import Foundation
import Testing
@testable import ATSCore

/// "unless the same symbol and side signalled within cooldown_minutes" (15 by default).
@Suite struct CooldownTests {
    static let now = PairEvaluatorTests.now

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var cexPrice: Double
        var last: [SignalType: TimeInterval]
        var cooldownMinutes = 15.0
        var outcome: PairOutcome
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "BUY 5 min after a BUY is blocked", cexPrice: 1.02, last: [.buy: 300], outcome: .cooldown),
        Case(name: "SELL 5 min after a SELL is blocked", cexPrice: 0.98, last: [.sell: 300], outcome: .cooldown),
        Case(name: "BUY 5 min after a SELL is allowed", cexPrice: 1.02, last: [.sell: 300], outcome: .signal),
        Case(name: "SELL 5 min after a BUY is allowed", cexPrice: 0.98, last: [.buy: 300], outcome: .signal),
        Case(name: "BUY 14:59 after a BUY is blocked", cexPrice: 1.02, last: [.buy: 899], outcome: .cooldown),
        Case(name: "BUY exactly 15 min after a BUY is allowed (expired)", cexPrice: 1.02, last: [.buy: 900], outcome: .signal),
        Case(name: "BUY an hour after a BUY is allowed", cexPrice: 1.02, last: [.buy: 3600], outcome: .signal),
        Case(name: "cooldown 0 never blocks", cexPrice: 1.02, last: [.buy: 0], cooldownMinutes: 0, outcome: .signal),
    ]

    @Test(arguments: cases)
    func cooldown(_ example: Case) {
        var rules = PairEvaluatorTests.rules
        rules.cooldownMinutes = example.cooldownMinutes
        let evidence = PairEvaluatorTests.Case(name: "", mid: example.cexPrice, verifier: .price(example.cexPrice), outcome: .signal, rule: "").evidence
        let last = example.last.mapValues { Self.now.addingTimeInterval(-$0) }
        let decision = PairEvaluator.evaluate(evidence, rules: rules, lastSignals: last, now: Self.now)
        #expect(decision.outcome == example.outcome, "\(decision.reason)")
    }

    @Test func latestSignalsFindsEachSymbolAndSideSinceTheCutoff() throws {
        let database = try AppDatabase.inMemory()
        let rows = [
            ("ALPHA", SignalType.buy, -600.0), ("ALPHA", .buy, -120), ("ALPHA", .sell, -2000), ("BETA", .sell, -60),
        ].map { symbol, side, offset in
            BurstRow(observation: PollRecordingTests.observation(symbol),
                     signal: PollRecordingTests.signal(symbol, side, at: Self.now.addingTimeInterval(offset)))
        }
        try database.recordBurst(rows)
        let latest = try database.latestSignals(since: Self.now.addingTimeInterval(-900))
        #expect(latest["ALPHA"] == [.buy: Self.now.addingTimeInterval(-120)])
        #expect(latest["BETA"] == [.sell: Self.now.addingTimeInterval(-60)])
    }
}
