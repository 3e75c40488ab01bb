import Foundation

/// What becomes of one due signal after its symbol's klines answer.
enum Verdict {
    /// Measured, with the window's candles it was measured on.
    case done(RewardMeasurement, [Candle])
    case unavailable(String)
    case pending
}

extension RewardRun {
    static let noEntryPrice = "reward unavailable: the entry price is not a positive number"

    /// `series` is the answer's usable candles (nil when the request failed).
    func verdict(_ member: KlineBatch.Member, answer: BatchAnswer, series: CandleSeries?) -> Verdict {
        let giveUpMs = Int64((settings.giveUpHours * 3_600_000).rounded())
        let givenUp = giveUpClock.millisecondsSince1970 >= member.signal.timestamp.millisecondsSince1970 + giveUpMs
        let hours = Format.shortest(settings.giveUpHours)
        if let series {
            switch member.window.select(series) {
            case .complete(let candles):
                guard let reward = measure(member, candles: candles, series: series) else { return .unavailable(Self.noEntryPrice) }
                return .done(reward, candles)
            case .incomplete(let usable):
                guard givenUp else { return .pending }
                return .unavailable("reward unavailable: only \(usable) of \(member.window.minutes) closed 1m candles from MEXC \(hours)h after the signal")
            }
        }
        guard let error = answer.failure else { return .pending }
        switch KlineFailure(error) {
        case .invalidSymbol:
            return .unavailable("reward unavailable: MEXC rejects \(answer.batch.marketSymbol.singleLine(limit: 40)) (\(error.reason))")
        case .transient:
            return .pending
        case .other:
            guard givenUp else { return .pending }
            return .unavailable("reward unavailable: no usable klines answer \(hours)h after the signal (\(error.description))")
        }
    }

    /// product.md's reward table, from the entry (the walked fill; `cex_price` before v2).
    private func measure(_ member: KlineBatch.Member, candles: [Candle], series: CandleSeries) -> RewardMeasurement? {
        let signal = member.signal
        let cost = RewardMeasurement.cost(feePct: settings.feePct, impactPct: signal.impactPct)
        guard var reward = RewardMeasurement.measure(side: signal.signalType, entry: signal.entry, candles: candles, cost: cost)
        else { return nil }
        reward.baseline = RewardBaseline.measure(
            side: signal.signalType, series: series, window: member.window, minutes: settings.baselineMinutes,
            cost: cost, impactPct: signal.impactPct)
        return reward
    }
}
