import Foundation

/// What a random entry on the same symbol would have made: the mean, over an entry
/// at each whole minute `m` in `[t0 − minutes, t0)`, of holding from `open(m)` to
/// `close(m + window − 1)` on the signal's side, paying the signal's `cost` and its
/// book's impact once more (the random entry buys at the candle's open, not at the
/// walked fill, so its entry impact is charged here). A signal beats chance only
/// if its `reward_net` beats this.
public enum RewardBaseline {
    /// nil when `minutes` is 0 or fewer than half of the entries have both candles:
    /// a mean of a few entries says little about chance.
    public static func measure(side: SignalType, series: CandleSeries, window: RewardWindow, minutes: Int,
                               cost: Double, impactPct: Double?) -> Double? {
        guard minutes > 0 else { return nil }
        let impact = (impactPct ?? 0) / 100
        let holdMs = Int64(window.minutes - 1) * RewardWindow.minuteMs
        var sum = 0.0
        var entries = 0
        for minute in stride(from: minutes, through: 1, by: -1) {
            let entryMs = window.startMs - Int64(minute) * RewardWindow.minuteMs
            guard let first = series[entryMs], let last = series[entryMs + holdMs] else { continue }
            let ratio = last.close / first.open
            sum += (side == .buy ? ratio - 1 : 1 - ratio) - cost - impact
            entries += 1
        }
        guard entries * 2 >= minutes else { return nil }
        return sum / Double(entries)
    }
}
