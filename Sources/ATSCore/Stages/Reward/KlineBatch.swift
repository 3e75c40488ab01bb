import Foundation

/// One klines request that serves the windows and baselines of several signals of one symbol.
public struct KlineBatch: Sendable {
    public struct Member: Sendable {
        public let signal: SignalRecord
        public let window: RewardWindow
        /// Open times this signal needs asked: its baseline, its window and a candle of margin each side.
        public let span: Range<Int64>
    }

    /// The exchange's market symbol (`ALPHAUSDT`).
    public let marketSymbol: String
    public private(set) var members: [Member]
    public private(set) var startMs: Int64
    public private(set) var endMs: Int64

    /// Candles between the first span's start and the last span's end: the request's `limit`.
    public var candleCount: Int { Int((endMs - startMs) / RewardWindow.minuteMs) }

    /// The request's `endTime`: MEXC returns candles OPENING in `[startTime, endTime]`,
    /// so the last candle asked opens at or before `endMs - 1`.
    public var requestEndMs: Int64 { endMs - 1 }

    init(marketSymbol: String, first: Member) {
        self.marketSymbol = marketSymbol
        self.members = [first]
        self.startMs = first.span.lowerBound
        self.endMs = first.span.upperBound
    }

    /// Adds `member` if the batch then still fits in one response; else leaves it out.
    mutating func absorb(_ member: Member, maxCandles: Int) -> Bool {
        let start = min(startMs, member.span.lowerBound)
        let end = max(endMs, member.span.upperBound)
        guard (end - start) / RewardWindow.minuteMs <= Int64(maxCandles) else { return false }
        members.append(member)
        startMs = start
        endMs = end
        return true
    }

    /// Groups one symbol's signals into as few requests as the response cap allows,
    /// so requests per run grow with symbols and time span, not with signals. One
    /// signal's span alone fits: the config demands `baseline + window + 2 ≤ 1000`.
    public static func plan(marketSymbol: String, signals: [SignalRecord], windowMinutes: Int, baselineMinutes: Int,
                            maxCandles: Int = MEXCAPI.maxKlines) -> [KlineBatch] {
        let members = signals
            .map { signal -> Member in
                let window = RewardWindow(signalTime: signal.timestamp, minutes: windowMinutes)
                return Member(signal: signal, window: window, span: window.requestSpan(baselineMinutes: baselineMinutes))
            }
            .sorted { ($0.span.lowerBound, $0.signal.id ?? 0) < ($1.span.lowerBound, $1.signal.id ?? 0) }
        var batches: [KlineBatch] = []
        for member in members {
            if let last = batches.indices.last, batches[last].absorb(member, maxCandles: maxCandles) { continue }
            batches.append(KlineBatch(marketSymbol: marketSymbol, first: member))
        }
        return batches
    }
}
