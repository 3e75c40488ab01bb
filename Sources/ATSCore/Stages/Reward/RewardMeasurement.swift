import Foundation

/// What one signal was worth over its window, as product.md's reward table defines
/// it. Every value is a FRACTION of the entry price (0.012 = 1.2 %), signed so that
/// positive is good for the signal's side.
public struct RewardMeasurement: Sendable, Equatable {
    /// Maximum favourable excursion: the best price the window offered, before costs.
    public var actualReward: Double
    /// Maximum adverse excursion: the worst price the window offered.
    public var mae: Double
    /// Result at the close of the window's last candle.
    public var close: Double
    /// What a trader pays for the round trip (`cost(feePct:impactPct:)`).
    public var cost: Double
    /// `close − cost`: what the signal would really have earned.
    public var net: Double
    /// What a random entry on the same symbol would have made (`RewardBaseline`); nil
    /// when too few of its entries had candles.
    public var baseline: Double?

    public init(actualReward: Double, mae: Double, close: Double, cost: Double, net: Double, baseline: Double? = nil) {
        self.actualReward = actualReward
        self.mae = mae
        self.close = close
        self.cost = cost
        self.net = net
        self.baseline = baseline
    }

    /// `entry` is the signal's entry (`SignalRecord.entry`); `cost` comes from `cost(feePct:impactPct:)`.
    public static func measure(side: SignalType, entry: Double, candles: [Candle], cost: Double) -> RewardMeasurement? {
        guard entry.isFinite, entry > 0, cost.isFinite, let last = candles.last,
              let highest = candles.map(\.high).max(), let lowest = candles.map(\.low).min()
        else { return nil }
        let actual, mae, close: Double
        switch side {
        case .buy:
            actual = highest / entry - 1
            mae = lowest / entry - 1
            close = last.close / entry - 1
        case .sell:
            actual = 1 - lowest / entry
            mae = 1 - highest / entry
            close = 1 - last.close / entry
        }
        return RewardMeasurement(actualReward: actual, mae: mae, close: close, cost: cost, net: close - cost)
    }

    /// What a round trip costs, as a fraction of the entry price: the taker fee
    /// `feePct` (percent per side, 0.1 = 0.1 %) paid on entry and again on exit, so
    /// 0.1 costs 0.002. The net reward and the report's hit rate must agree on it.
    public static func roundTripFee(feePct: Double) -> Double {
        2 * feePct / 100
    }

    /// `reward_cost`: both fees, plus the book's impact once more for the exit (the
    /// entry's impact is already in the entry price, the walked fill). The exit is
    /// assumed to cost what the entry did; a signal whose book was never walked
    /// (recorded before v2) pays the fees alone.
    public static func cost(feePct: Double, impactPct: Double?) -> Double {
        roundTripFee(feePct: feePct) + (impactPct ?? 0) / 100
    }
}
