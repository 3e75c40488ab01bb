import Foundation

/// The candles a signal is measured on, chosen so that nothing the signal could
/// not have known sneaks in: the `minutes` one-minute candles whose open time is
/// in `[t0, t0 + minutes)`, where `t0` is the signal time rounded UP to the whole
/// minute. A signal exactly on a minute boundary starts its window at that very
/// minute: that candle opened when the signal was recorded, not before it.
public struct RewardWindow: Sendable, Equatable {
    public static let minuteMs: Int64 = 60_000

    /// Open time of the first candle (ms since 1970): `t0`.
    public let startMs: Int64
    public let minutes: Int

    public init(startMs: Int64, minutes: Int) {
        self.startMs = startMs
        self.minutes = minutes
    }

    public init(signalTime: Date, minutes: Int) {
        self.init(startMs: Self.firstMinute(atOrAfter: signalTime.millisecondsSince1970), minutes: minutes)
    }

    /// First open time after the window (exclusive end).
    public var endMs: Int64 { startMs + Int64(minutes) * Self.minuteMs }

    /// `ms` rounded up to a whole minute; a time already on a minute stays.
    public static func firstMinute(atOrAfter ms: Int64) -> Int64 {
        let remainder = ms % minuteMs
        if remainder == 0 { return ms }
        return remainder > 0 ? ms - remainder + minuteMs : ms - remainder
    }

    /// The open times one klines request must cover for this window and its
    /// baseline (`[t0 − baselineMinutes, t0 + minutes)`), plus one candle each side:
    /// whether an exchange counts `startTime`/`endTime` inclusively or not, every
    /// candle needed is inside the answer, and candles are picked by open time anyway.
    public func requestSpan(baselineMinutes: Int) -> Range<Int64> {
        (startMs - Int64(baselineMinutes + 1) * Self.minuteMs)..<(endMs + Self.minuteMs)
    }

    /// The window's candles if every one of them is in `series`.
    public func select(_ series: CandleSeries) -> Selection {
        let candles = (0..<minutes).compactMap { series[startMs + Int64($0) * Self.minuteMs] }
        return candles.count == minutes ? .complete(candles) : .incomplete(usable: candles.count)
    }

    public enum Selection: Sendable, Equatable {
        /// Every candle of the window, oldest first.
        case complete([Candle])
        /// How many of the window's candles were present, closed and sane.
        case incomplete(usable: Int)
    }
}

/// The usable candles of one klines answer, by open time. Only exact minutes are
/// ever looked up, so the rows an exchange adds around what was asked (the
/// still-open current candle, neighbours) count only where they are wanted.
public struct CandleSeries: Sendable, Equatable {
    /// A candle counts once it has closed with 10 s to spare (`open + 70 s ≤ now`):
    /// the exchange's last trades of a minute can reach its candle a little late.
    public static let settledAfterOpenMs: Int64 = 70_000

    private var byOpenTime: [Int64: Candle] = [:]

    /// `realNowMs` is the real clock, never `--as-of`: a candle that has not
    /// really closed cannot be measured, whatever time the run pretends it is.
    public init(_ klines: [MEXCKline], realNowMs: Int64) {
        var conflicting = Set<Int64>()
        for kline in klines {
            guard kline.openTime + Self.settledAfterOpenMs <= realNowMs, let candle = Candle(kline) else { continue }
            if let seen = byOpenTime[kline.openTime], seen != candle { conflicting.insert(kline.openTime) }
            byOpenTime[kline.openTime] = candle
        }
        // Two different candles for one minute cannot both be true: neither counts.
        for openTime in conflicting { byOpenTime[openTime] = nil }
    }

    public subscript(openTime: Int64) -> Candle? { byOpenTime[openTime] }
}

/// A closed one-minute candle whose prices can be measured against.
public struct Candle: Sendable, Equatable {
    public let openTime: Int64
    public let open: Double
    public let high: Double
    public let low: Double
    public let close: Double

    public init(openTime: Int64, open: Double, high: Double, low: Double, close: Double) {
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
    }

    /// nil when any price is missing, not finite or not positive, or the candle
    /// contradicts itself (high below low, open or close outside the range): counted as missing.
    init?(_ kline: MEXCKline) {
        guard let open = Self.price(kline.open), let high = Self.price(kline.high),
              let low = Self.price(kline.low), let close = Self.price(kline.close),
              low <= high, (low...high).contains(open), (low...high).contains(close)
        else { return nil }
        self.init(openTime: kline.openTime, open: open, high: high, low: low, close: close)
    }

    private static func price(_ value: Double?) -> Double? {
        guard let value, value.isFinite, value > 0 else { return nil }
        return value
    }
}
