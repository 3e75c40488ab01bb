import Foundation

/// What one signal was worth over its window, as product.md's reward table defines
/// it. Every value is a FRACTION of the entry price (0.012 = 1.2 %), signed so that
/// positive is good for the signal's side.
public struct RewardMeasurement: Sendable, Equatable {
    /// Maximum favourable excursion: the best price the window offered.
    public var actualReward: Double
    /// Maximum adverse excursion: the worst price the window offered.
    public var mae: Double
    /// Result at the close of the window's last candle.
    public var close: Double
    /// `close` after paying the taker fee on entry and on exit.
    public var net: Double

    /// `entry` is the signal's CEX price; `feePct` is the per-side fee in percent.
    public static func measure(side: SignalType, entry: Double, candles: [Candle], feePct: Double) -> RewardMeasurement? {
        guard entry.isFinite, entry > 0, let last = candles.last,
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
        return RewardMeasurement(actualReward: actual, mae: mae, close: close, net: close - roundTripFee(feePct: feePct))
    }

    /// What a round trip costs, as a fraction of the entry price: the taker fee
    /// `feePct` (percent per side, 0.1 = 0.1 %) paid on entry and again on exit, so
    /// 0.1 costs 0.002. The net reward and the report's hit rate must agree on it.
    public static func roundTripFee(feePct: Double) -> Double {
        2 * feePct / 100
    }
}
