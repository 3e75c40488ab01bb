import Foundation
import Testing
@testable import ATSCore

/// product.md's poll rules (v2) with the default thresholds: ticker at most 120 s old,
/// DEX liquidity ≥ $50k, CEX 24h quote volume ≥ $1M, book spread ≤ 1 %, DEX 24h volume
/// ≥ $1k, 0.5 % ≤ |spread| ≤ 50 %, cooldown 15 min, max deviation 2 %, a 1000 USDT order
/// within 0.5 % of the mid.
@Suite struct PairEvaluatorTests {
    static let now = Date(timeIntervalSince1970: 1_795_265_700)
    static let rules = PollRules(ATSConfig())

    /// A pair that signals BUY at +2 % (DEX 1.0 in USDT, book mid 1.02, 0.04 % wide, deep);
    /// each case changes what it names.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var native: Double? = 1.0
        var rate: Double? = 1
        var mid: Double = 1.02
        /// (ask − bid) / mid × 100.
        var bookSpreadPct: Double = 0.04
        var bidMissing = false
        /// Seconds between the ticker's own time and the answer's arrival; nil: no closeTime.
        var tickerAge: Double? = 5
        var liquidity: Double? = 250_000
        var dexVolume: Double? = 80_000
        var cexQuoteVolume: Double? = 5_000_000
        var verifier: VerifierReading = .price(1.021)
        /// Quote-asset value at the best level of each side of the book.
        var depth: Double = 1_000_000
        var dexMissing = false
        var cexMissing = false
        var outcome: PairOutcome
        var rule: String
        var side: SignalType? = nil

        var testDescription: String { name }

        var bid: Double { mid * (1 - bookSpreadPct / 200) }
        var ask: Double { mid * (1 + bookSpreadPct / 200) }

        var evidence: PairEvidence {
            let arrived = PairEvaluatorTests.now
            let ticker = ExchangeTicker(
                symbol: "ALPHAUSDT", lastPrice: mid, bid: bidMissing ? nil : bid, ask: ask, quoteVolume24h: cexQuoteVolume,
                changeFraction24h: 0.01, time: tickerAge.map { arrived.addingTimeInterval(-$0) })
            return PairEvidence(
                dex: dexMissing ? .missing("dexscreener failed: HTTP 503 server error")
                    : .value(DexQuote(source: "dexscreener", priceNative: native, liquidityUSD: liquidity, volume24hUSD: dexVolume, latencyMs: 40)),
                cex: cexMissing ? .missing("mexc has no ticker for ALPHAUSDT")
                    : .value(CexQuote(market: "ALPHAUSDT", ticker: ticker, arrivedAt: arrived, latencyMs: 90)),
                rate: rate.map { .value($0) } ?? .missing("mexc has no USDCUSDT book for the quote token's rate"),
                verifiers: [VerifierCheck(verifier: "coingecko", reading: verifier, latencyMs: 120)],
                book: .value(OrderBook(bids: [BookLevel(price: bid, quantity: depth / bid)], asks: [BookLevel(price: ask, quantity: depth / ask)])),
                bookLatencyMs: 70)
        }
    }

    static let cases: [Case] = [
        // signal, each side
        Case(name: "spread +2% → BUY", outcome: .signal, rule: "signal", side: .buy),
        Case(name: "spread −2% → SELL", mid: 0.98, verifier: .price(0.98), outcome: .signal, rule: "signal", side: .sell),
        Case(name: "spread exactly +0.5% signals", mid: 1.005, verifier: .price(1.005), outcome: .signal, rule: "signal", side: .buy),
        Case(name: "spread +0.499% is no signal", mid: 1.00499, verifier: .price(1.005), outcome: .noSignal, rule: "spread below minimum"),
        Case(name: "spread exactly −0.5% signals", mid: 0.995, verifier: .price(0.995), outcome: .signal, rule: "signal", side: .sell),
        Case(name: "spread −0.499% is no signal", mid: 0.99501, verifier: .price(0.995), outcome: .noSignal, rule: "spread below minimum"),
        Case(name: "spread 0 is no signal", mid: 1.0, verifier: .price(1.0), outcome: .noSignal, rule: "spread below minimum"),
        Case(name: "spread exactly +50% signals", mid: 1.5, verifier: .price(1.5), outcome: .signal, rule: "signal", side: .buy),
        Case(name: "spread +50.001% is a mismatch", mid: 1.50001, verifier: .price(1.5), outcome: .mismatch, rule: "spread beyond maximum"),
        Case(name: "spread exactly −50% signals", mid: 0.5, verifier: .price(0.5), outcome: .signal, rule: "signal", side: .sell),
        Case(name: "spread −50.001% is a mismatch", mid: 0.49999, verifier: .price(0.5), outcome: .mismatch, rule: "spread beyond maximum"),
        // one currency: the DEX price in its quote token times the exchange's rate for it
        Case(name: "USDC at 1.006 USDT: 1.0 USDC vs mid 1.006 is no spread", rate: 1.006, mid: 1.006, verifier: .price(1.006),
             outcome: .noSignal, rule: "spread below minimum"),
        Case(name: "SOL-quoted: 0.01 SOL at 102 USDT vs mid 1.0404 is +2%", native: 0.01, rate: 102, mid: 1.0404, verifier: .price(1.0404),
             outcome: .signal, rule: "signal", side: .buy),
        Case(name: "no rate for the quote token is an error", rate: nil, outcome: .error, rule: "no quote rate"),
        // stale
        Case(name: "ticker 10 minutes old is stale", tickerAge: 600, outcome: .stale, rule: "ticker too old"),
        Case(name: "ticker exactly 120 s old is fresh", tickerAge: 120, outcome: .signal, rule: "signal", side: .buy),
        Case(name: "ticker without a time is stale", tickerAge: nil, outcome: .stale, rule: "ticker has no time"),
        // risk
        Case(name: "liquidity exactly at minimum passes", liquidity: 50_000, outcome: .signal, rule: "signal", side: .buy),
        Case(name: "liquidity below minimum is risk", liquidity: 49_999, outcome: .risk, rule: "dex liquidity below minimum"),
        Case(name: "liquidity unknown is risk", liquidity: nil, outcome: .risk, rule: "dex liquidity unknown"),
        Case(name: "cex volume exactly at minimum passes", cexQuoteVolume: 1_000_000, outcome: .signal, rule: "signal", side: .buy),
        Case(name: "cex volume below minimum is risk", cexQuoteVolume: 999_999, outcome: .risk, rule: "cex 24h quote volume below minimum"),
        Case(name: "a 10% book spread is risk", bookSpreadPct: 10, outcome: .risk, rule: "book spread above maximum"),
        Case(name: "a book spread of exactly 1% passes", bookSpreadPct: 1, outcome: .signal, rule: "signal", side: .buy),
        Case(name: "a one-sided book is risk", bidMissing: true, outcome: .risk, rule: "one-sided book"),
        Case(name: "a crossed book is an error", bookSpreadPct: -1, outcome: .error, rule: "crossed book"),
        // dex volume
        Case(name: "dex volume exactly at minimum signals", dexVolume: 1_000, outcome: .signal, rule: "signal", side: .buy),
        Case(name: "dex volume below minimum is no signal", dexVolume: 999, outcome: .noSignal, rule: "dex 24h volume below minimum"),
        // verification (would-be signals only)
        Case(name: "verifier exactly 2% above passes", verifier: .price(1.0404), outcome: .signal, rule: "signal", side: .buy),
        Case(name: "verifier 2.01% above is a glitch", verifier: .price(1.0405), outcome: .glitch, rule: "verifier disagrees with cex", side: .buy),
        Case(name: "unverified still signals without require_verified", verifier: .unverified("not verifiable"), outcome: .signal,
             rule: "signal", side: .buy),
        // the order book at size
        Case(name: "a book holding 300 of 1000 USDT is thin", depth: 300, outcome: .thin, rule: "book cannot fill the order", side: .buy),
        Case(name: "a book holding exactly the order fills", depth: 1000, outcome: .signal, rule: "signal", side: .buy),
        // missing data
        Case(name: "dex missing", dexMissing: true, outcome: .error, rule: "dex data missing"),
        Case(name: "cex missing", cexMissing: true, outcome: .error, rule: "cex data missing"),
        Case(name: "dex price negative", native: -1, outcome: .error, rule: "dex data missing"),
        Case(name: "a price times its rate past Double's range is no price", native: 1e308, rate: 1e10, outcome: .error, rule: "dex data missing"),
        // order: error, then stale, then risk, then signal rules, then verification, then the book
        Case(name: "error beats stale", tickerAge: 600, dexMissing: true, outcome: .error, rule: "dex data missing"),
        Case(name: "stale beats risk", tickerAge: 600, liquidity: 10, outcome: .stale, rule: "ticker too old"),
        Case(name: "risk beats glitch", liquidity: 10, verifier: .price(2), outcome: .risk, rule: "dex liquidity below minimum"),
        Case(name: "mismatch beats glitch", mid: 3, verifier: .price(2), outcome: .mismatch, rule: "spread beyond maximum"),
        Case(name: "risk beats mismatch", mid: 3, liquidity: 10, verifier: .price(3), outcome: .risk, rule: "dex liquidity below minimum"),
        Case(name: "glitch beats thin", verifier: .price(2), depth: 10, outcome: .glitch, rule: "verifier disagrees with cex", side: .buy),
        Case(name: "liquidity is checked before cex volume", liquidity: 10, cexQuoteVolume: 10, outcome: .risk, rule: "dex liquidity below minimum"),
        Case(name: "mismatch beats low dex volume", mid: 3, dexVolume: 1, verifier: .price(3), outcome: .mismatch, rule: "spread beyond maximum"),
    ]

    @Test(arguments: cases)
    func outcome(_ example: Case) {
        let decision = PairEvaluator.evaluate(example.evidence, rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.outcome == example.outcome, "\(decision.reason)")
        #expect(decision.rule == example.rule)
        #expect(decision.side == example.side)
    }

    @Test func spreadIsTheMidMinusTheDexPriceInTheQuoteAssetOverTheDexPrice() {
        // 0.5 USDC × 1.006 = 0.503 USDT; mid 0.5181 → (0.5181 − 0.503) / 0.503 × 100 = 3.0019880715705765 (python3).
        let decision = PairEvaluator.evaluate(Case(name: "", native: 0.5, rate: 1.006, mid: 0.5181, verifier: .price(0.5181), outcome: .signal, rule: "").evidence,
                                              rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(abs(decision.spread! - 3.0019880715705765) < 1e-9)
        #expect(decision.dexPrice == 0.503)
        #expect(decision.cexPrice == 0.5181)
    }

    @Test func theEntryIsTheWalkedAverageFillAndTheImpactItsDistanceFromTheMid() {
        // 1000 USDT over asks 500 USDT at 1.00 and 500 USDT at 1.01: 1000 / (500 + 500/1.01)
        // = 1.0049751243781095, impact 0.4975124378109541 % from a mid of 1.0 (python3).
        var example = Case(name: "", native: 0.98, mid: 1.0, verifier: .price(1.0), outcome: .signal, rule: "")
        example.bookSpreadPct = 0
        var evidence = example.evidence
        evidence.book = .value(OrderBook(bids: [], asks: [BookLevel(price: 1.0, quantity: 500), BookLevel(price: 1.01, quantity: 500 / 1.01)]))
        let decision = PairEvaluator.evaluate(evidence, rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.outcome == .signal)
        #expect(abs(decision.entryPrice! - 1.0049751243781095) < 1e-12)
        #expect(abs(decision.impactPct! - 0.4975124378109541) < 1e-9)
    }

    @Test func aFillBeyondTheImpactLimitIsThin() {
        var example = Case(name: "", native: 0.98, mid: 1.0, verifier: .price(1.0), outcome: .thin, rule: "")
        example.bookSpreadPct = 0
        var evidence = example.evidence
        evidence.book = .value(OrderBook(bids: [], asks: [BookLevel(price: 1.0, quantity: 100), BookLevel(price: 1.02, quantity: 1000)]))
        let decision = PairEvaluator.evaluate(evidence, rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.outcome == .thin)
        #expect(decision.rule == "impact above maximum")
    }

    @Test func aMaxTickerAgeOfZeroTurnsTheStaleRuleOff() {
        var rules = Self.rules
        rules.maxTickerAgeSeconds = 0
        let decision = PairEvaluator.evaluate(Case(name: "", tickerAge: nil, outcome: .signal, rule: "").evidence,
                                              rules: rules, lastSignals: [:], now: Self.now)
        #expect(decision.outcome == .signal)
    }

    @Test func requireVerifiedRefusesASignalNoVerifierConfirmed() {
        var rules = Self.rules
        rules.requireVerified = true
        let decision = PairEvaluator.evaluate(Case(name: "", verifier: .unverified("coingecko price is 18 h old"), outcome: .unverified, rule: "").evidence,
                                              rules: rules, lastSignals: [:], now: Self.now)
        #expect(decision.outcome == .unverified)
        #expect(decision.reason == "no verifier confirmed the price: coingecko price is 18 h old")
    }

    @Test func aMissingBookIsAnError() {
        var evidence = Case(name: "", outcome: .error, rule: "").evidence
        evidence.book = .missing("mexc depth failed: HTTP 503 server error")
        let decision = PairEvaluator.evaluate(evidence, rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.outcome == .error)
        #expect(decision.reason == "order book missing: mexc depth failed: HTTP 503 server error")
    }

    @Test func errorCarriesTheSourcesReason() {
        let decision = PairEvaluator.evaluate(Case(name: "", dexMissing: true, outcome: .error, rule: "").evidence,
                                              rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.reason == "dex data missing: dexscreener failed: HTTP 503 server error")
        #expect(decision.spread == nil)
    }

    @Test func anEstimatedQuoteVolumeIsNotedOnTheSignal() {
        var evidence = Case(name: "", outcome: .signal, rule: "").evidence
        if case .value(var quote) = evidence.cex {
            quote.ticker.quoteVolumeEstimated = true
            evidence.cex = .value(quote)
        }
        let decision = PairEvaluator.evaluate(evidence, rules: Self.rules, lastSignals: [:], now: Self.now)
        #expect(decision.outcome == .signal)
        #expect(decision.notes.contains("(estimated: volume × last price)"))
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
