import Foundation
import Testing
@testable import ATSCore

/// product.md's poll rules with the default thresholds: max deviation 2 %, DEX liquidity
/// ≥ $50k, CEX 24h quote volume ≥ $1M, DEX 24h volume ≥ $1k, 0.5 % ≤ |spread| ≤ 50 %, cooldown 15 min.
@Suite struct PairEvaluatorTests {
    static let now = Date(timeIntervalSince1970: 1_795_265_700)
    static let rules = PollRules(ATSConfig())

    /// A pair that signals BUY at +2 %; each case changes what it names.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var dexPrice: Double? = 1.0
        var cexPrice: Double? = 1.02
        var liquidity: Double? = 250_000
        var dexVolume: Double? = 80_000
        var cexQuoteVolume: Double? = 5_000_000
        var verifier: VerifierReading = .price(1.021)
        var dexMissing = false
        var cexMissing = false
        var outcome: PairOutcome
        var rule: String
        var side: SignalType? = nil

        var testDescription: String { name }

        var evidence: PairEvidence {
            PairEvidence(
                dex: dexMissing ? .missing("dexscreener failed: HTTP 503 server error")
                    : .value(DexQuote(source: "dexscreener", priceUSD: dexPrice, liquidityUSD: liquidity, volume24hUSD: dexVolume, latencyMs: 40)),
                cex: cexMissing ? .missing("mexc has no ticker for ALPHAUSDT")
                    : .value(CexQuote(market: "ALPHAUSDT", price: cexPrice, quoteVolume24h: cexQuoteVolume, changeFraction24h: 0.01, latencyMs: 90)),
                verifiers: [VerifierCheck(verifier: "coingecko", reading: verifier, latencyMs: 120)])
        }
    }

    static let cases: [Case] = [
        // signal, each side
        Case(name: "spread +2% → BUY", outcome: .signal, rule: "signal", side: .buy),
        Case(name: "spread −2% → SELL", cexPrice: 0.98, verifier: .price(0.98), outcome: .signal, rule: "signal", side: .sell),
        // min spread, inclusive, both sides
        Case(name: "spread exactly +0.5% signals", cexPrice: 1.005, verifier: .price(1.005), outcome: .signal, rule: "signal", side: .buy),
        Case(name: "spread +0.499% is no signal", cexPrice: 1.00499, verifier: .price(1.005), outcome: .noSignal, rule: "spread below minimum"),
        Case(name: "spread exactly −0.5% signals", cexPrice: 0.995, verifier: .price(0.995), outcome: .signal, rule: "signal", side: .sell),
        Case(name: "spread −0.499% is no signal", cexPrice: 0.99501, verifier: .price(0.995), outcome: .noSignal, rule: "spread below minimum"),
        Case(name: "spread 0 is no signal", cexPrice: 1.0, verifier: .price(1.0), outcome: .noSignal, rule: "spread below minimum"),
        // max spread, inclusive, both sides
        Case(name: "spread exactly +50% signals", cexPrice: 1.5, verifier: .price(1.5), outcome: .signal, rule: "signal", side: .buy),
        Case(name: "spread +50.001% is a mismatch", cexPrice: 1.50001, verifier: .price(1.5), outcome: .mismatch, rule: "spread beyond maximum"),
        Case(name: "spread exactly −50% signals", cexPrice: 0.5, verifier: .price(0.5), outcome: .signal, rule: "signal", side: .sell),
        Case(name: "spread −50.001% is a mismatch", cexPrice: 0.49999, verifier: .price(0.5), outcome: .mismatch, rule: "spread beyond maximum"),
        // DEX 24h volume: at least the minimum
        Case(name: "dex volume exactly $1000 signals", dexVolume: 1000, outcome: .signal, rule: "signal", side: .buy),
        Case(name: "dex volume $999.99 is no signal", dexVolume: 999.99, outcome: .noSignal, rule: "dex 24h volume below minimum"),
        Case(name: "dex volume unknown is no signal", dexVolume: nil, outcome: .noSignal, rule: "dex 24h volume unknown"),
        // risk: below the minimum
        Case(name: "liquidity exactly $50k passes", liquidity: 50_000, outcome: .signal, rule: "signal", side: .buy),
        Case(name: "liquidity $49,999.99 is risk", liquidity: 49_999.99, outcome: .risk, rule: "dex liquidity below minimum"),
        Case(name: "liquidity unknown is risk", liquidity: nil, outcome: .risk, rule: "dex liquidity unknown"),
        Case(name: "cex quote volume exactly $1M passes", cexQuoteVolume: 1_000_000, outcome: .signal, rule: "signal", side: .buy),
        Case(name: "cex quote volume $999,999.99 is risk", cexQuoteVolume: 999_999.99, outcome: .risk, rule: "cex 24h quote volume below minimum"),
        Case(name: "cex quote volume null is risk", cexQuoteVolume: nil, outcome: .risk, rule: "cex 24h quote volume unknown"),
        // cross-verification: more than 2 % from the CEX price, above and below
        Case(name: "verifier exactly 2% above passes", verifier: .price(1.0404), outcome: .signal, rule: "signal", side: .buy),
        Case(name: "verifier 2.01% above is a glitch", verifier: .price(1.0405), outcome: .glitch, rule: "verifier disagrees with cex"),
        Case(name: "verifier exactly 2% below passes", verifier: .price(0.9996), outcome: .signal, rule: "signal", side: .buy),
        Case(name: "verifier 2.01% below is a glitch", verifier: .price(0.9995), outcome: .glitch, rule: "verifier disagrees with cex"),
        Case(name: "verifier that could not answer does not block", verifier: .unverified("coingecko could not answer: HTTP 429"),
             outcome: .signal, rule: "signal", side: .buy),
        // missing data is an error, never a signal
        Case(name: "dex source failed", dexMissing: true, outcome: .error, rule: "dex data missing"),
        Case(name: "cex ticker absent", cexMissing: true, outcome: .error, rule: "cex data missing"),
        Case(name: "dex price missing", dexPrice: nil, outcome: .error, rule: "dex data missing"),
        Case(name: "dex price zero", dexPrice: 0, outcome: .error, rule: "dex data missing"),
        Case(name: "dex price negative", dexPrice: -1, outcome: .error, rule: "dex data missing"),
        Case(name: "cex price zero", cexPrice: 0, outcome: .error, rule: "cex data missing"),
        Case(name: "cex price infinite", cexPrice: .infinity, outcome: .error, rule: "cex data missing"),
        // order: error, then glitch, then risk, then signal rules
        Case(name: "error beats glitch", verifier: .price(5), dexMissing: true, outcome: .error, rule: "dex data missing"),
        Case(name: "glitch beats risk", liquidity: 10, verifier: .price(2), outcome: .glitch, rule: "verifier disagrees with cex"),
        Case(name: "glitch beats mismatch", cexPrice: 3, verifier: .price(2), outcome: .glitch, rule: "verifier disagrees with cex"),
        Case(name: "risk beats mismatch", cexPrice: 3, liquidity: 10, verifier: .price(3), outcome: .risk, rule: "dex liquidity below minimum"),
        Case(name: "risk beats low spread", cexPrice: 1.001, cexQuoteVolume: 10, verifier: .price(1.001), outcome: .risk,
             rule: "cex 24h quote volume below minimum"),
        Case(name: "liquidity is checked before cex volume", liquidity: 10, cexQuoteVolume: 10, outcome: .risk, rule: "dex liquidity below minimum"),
        Case(name: "mismatch beats low dex volume", cexPrice: 3, dexVolume: 1, verifier: .price(3), outcome: .mismatch, rule: "spread beyond maximum"),
    ]

    @Test(arguments: cases)
    func outcome(_ example: Case) {
        let decision = PairEvaluator.evaluate(example.evidence, rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.outcome == example.outcome, "\(decision.reason)")
        #expect(decision.rule == example.rule)
        #expect(decision.side == example.side)
    }

    @Test func spreadIsCexMinusDexOverDexInPercent() {
        let decision = PairEvaluator.evaluate(Case(name: "", cexPrice: 1.03, verifier: .price(1.03), outcome: .signal, rule: "").evidence,
                                              rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(abs(decision.spread! - 3) < 1e-9)
    }

    @Test func errorCarriesTheSourcesReason() {
        let decision = PairEvaluator.evaluate(Case(name: "", dexMissing: true, outcome: .error, rule: "").evidence,
                                              rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.reason == "dex data missing: dexscreener failed: HTTP 503 server error")
        #expect(decision.spread == nil)
    }

    @Test func nullQuoteVolumeReasonIsExact() {
        let decision = PairEvaluator.evaluate(Case(name: "", cexQuoteVolume: nil, outcome: .risk, rule: "").evidence,
                                              rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.reason == "cex 24h quote volume unknown")
    }

    @Test func signalNotesSayWhatPassedAndWhatWasNotVerified() {
        var evidence = Case(name: "", outcome: .signal, rule: "").evidence
        evidence.verifiers.append(VerifierCheck(verifier: "binance", reading: .unverified("binance does not list ALPHAUSDT")))
        let decision = PairEvaluator.evaluate(evidence, rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.notes.contains("verified: coingecko within 0.098%"))
        #expect(decision.notes.contains("unverified: binance does not list ALPHAUSDT"))
        #expect(decision.notes.contains("risk ok: dex liquidity $250k, cex 24h quote volume $5M"))
        #expect(!decision.notes.contains("\n"))
    }

    @Test func glitchNamesTheVerifierAndItsDeviation() {
        let decision = PairEvaluator.evaluate(Case(name: "", verifier: .price(1.2), outcome: .glitch, rule: "").evidence,
                                              rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.reason == "verifier disagrees with cex: coingecko 1.2 is 17.6471% from cex 1.02 (max 2%)")
    }

    @Test(arguments: [(0.05, "up"), (0.0499, "flat"), (0.0, "flat"), (-0.0499, "flat"), (-0.05, "down"), (0.31, "up")])
    func marketRegime(_ change: Double, _ label: String) {
        #expect(MarketRegime.label(changeFraction: change) == label)
    }

    @Test func marketRegimeUnknownWithoutChange() {
        #expect(MarketRegime.label(changeFraction: nil) == nil)
    }
}
