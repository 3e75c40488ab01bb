import Foundation

extension PairEvaluator {
    /// Steps 5–7 of product.md's poll rules, for a would-be signal from `screen`.
    public static func confirm(_ wouldBe: PairDecision, verifiers: [VerifierCheck], book: Sourced<OrderBook>, rules: PollRules) -> PairDecision {
        sizeUp(verify(wouldBe, verifiers: verifiers, rules: rules), book: book, rules: rules)
    }

    /// Step 5, cross-verification: a glitch when a verifier disagrees, unverified when
    /// `require_verified` and none confirmed; otherwise still a would-be signal, noted.
    public static func verify(_ wouldBe: PairDecision, verifiers: [VerifierCheck], rules: PollRules) -> PairDecision {
        guard wouldBe.isWouldBeSignal, let cex = wouldBe.cexPrice else { return wouldBe }
        var decision = wouldBe

        // 5. cross-verification
        var agreed: [String] = []
        var unverified: [String] = []
        var deviations: [String] = []
        for check in verifiers {
            switch check.reading {
            case .unverified(let why):
                unverified.append(why)
            case .price(let price):
                let deviation = abs(price - cex) * 100 / cex
                if exceeds(deviation, rules.maxDeviationPct) {
                    deviations.append("\(check.verifier) \(Format.significant(price)) is \(Format.shortPercent(deviation)) "
                        + "from cex \(Format.significant(cex)) (max \(Format.shortPercent(rules.maxDeviationPct)))")
                } else {
                    agreed.append("\(check.verifier) within \(Format.shortPercent(deviation))")
                }
            }
        }
        if !deviations.isEmpty {
            return decision.with(.glitch, "verifier disagrees with cex", deviations.joined(separator: "; "))
        }
        if rules.requireVerified && agreed.isEmpty {
            let why = verifiers.isEmpty ? "no verifier enabled" : unverified.joined(separator: "; ")
            return decision.with(.unverified, "no verifier confirmed the price", why)
        }
        let verification = (agreed.isEmpty ? [] : ["verified: " + agreed.joined(separator: ", ")])
            + (unverified.isEmpty ? [] : ["unverified: " + unverified.joined(separator: "; ")])
            + (verifiers.isEmpty ? ["no verifier enabled"] : [])
        decision.notes = (verification + [decision.notes]).joined(separator: "; ")
        return decision
    }

    /// Steps 6–7: the order walked through the book (asks for a BUY, bids for a SELL) at
    /// `trade_size`; thin when it cannot fill or fills too far from the mid; else a signal.
    public static func sizeUp(_ wouldBe: PairDecision, book: Sourced<OrderBook>, rules: PollRules) -> PairDecision {
        guard wouldBe.isWouldBeSignal, let cex = wouldBe.cexPrice, let side = wouldBe.side else { return wouldBe }
        var decision = wouldBe
        let levels: OrderBook
        switch book {
        case .missing(let why): return decision.with(.error, "order book missing", why)
        case .value(let value): levels = value
        }
        let fill = OrderBookWalk.fill(side == .buy ? levels.asks : levels.bids, quoteAmount: rules.tradeSize)
        guard let entry = fill.averagePrice, fill.filled >= rules.tradeSize * (1 - 1e-9) else {
            return decision.with(.thin, "book cannot fill the order",
                                 "\(side == .buy ? "asks" : "bids") hold \(Format.compactUSD(fill.filled)) of \(Format.compactUSD(rules.tradeSize))")
        }
        let impact = abs(entry / cex - 1) * 100
        decision.entryPrice = entry
        decision.impactPct = impact
        if exceeds(impact, rules.maxImpactPct) {
            return decision.with(.thin, "impact above maximum",
                                 "\(Format.compactUSD(rules.tradeSize)) fills at \(Format.significant(entry)), \(Format.shortPercent(impact)) "
                                    + "from mid (max \(Format.shortPercent(rules.maxImpactPct)))")
        }

        // 7. signal
        decision.notes += "; entry \(Format.significant(entry)) for \(Format.compactUSD(rules.tradeSize)), impact \(Format.shortPercent(impact))"
        return decision
    }
}

/// Walking one side of a book, best level first, until an order of `quoteAmount` (in the
/// quote asset) is filled: a BUY spends it on the asks, a SELL receives it from the bids.
public enum OrderBookWalk {
    public struct Fill: Sendable, Equatable {
        /// How much of the order the levels could take, in the quote asset.
        public var filled: Double
        /// Base units bought or sold for it.
        public var baseQuantity: Double
        /// `filled / baseQuantity`; nil when nothing filled.
        public var averagePrice: Double? { baseQuantity > 0 ? filled / baseQuantity : nil }
    }

    public static func fill(_ levels: [BookLevel], quoteAmount: Double) -> Fill {
        var remaining = quoteAmount
        var base = 0.0
        for level in levels where remaining > 0 {
            let value = level.price * level.quantity
            let take = min(remaining, value)
            base += take / level.price
            remaining -= take
        }
        return Fill(filled: quoteAmount - max(0, remaining), baseQuantity: base)
    }
}
