import Foundation

/// One klines request that serves the windows of several signals of one symbol.
public struct KlineBatch: Sendable {
    public struct Member: Sendable {
        public let signal: SignalRecord
        public let window: RewardWindow
    }

    /// The exchange's market symbol (`ALPHAUSDT`).
    public let marketSymbol: String
    public private(set) var members: [Member]
    public private(set) var startMs: Int64
    public private(set) var endMs: Int64

    /// Candles between the first window's start and the last window's end.
    public var candleCount: Int { Int((endMs - startMs) / RewardWindow.minuteMs) }

    /// The request's `endTime`: MEXC returns candles OPENING in `[startTime, endTime]`,
    /// so the last candle of the last window opens at or before `endMs - 1`.
    public var requestEndMs: Int64 { endMs - 1 }

    init(marketSymbol: String, first: Member) {
        self.marketSymbol = marketSymbol
        self.members = [first]
        self.startMs = first.window.startMs
        self.endMs = first.window.endMs
    }

    /// Adds `member` if the batch then still fits in one response; else leaves it out.
    mutating func absorb(_ member: Member, maxCandles: Int) -> Bool {
        let start = min(startMs, member.window.startMs)
        let end = max(endMs, member.window.endMs)
        guard (end - start) / RewardWindow.minuteMs <= Int64(maxCandles) else { return false }
        members.append(member)
        startMs = start
        endMs = end
        return true
    }

    /// Groups one symbol's signals into as few requests as the response cap allows,
    /// so requests per run grow with symbols and time span, not with signals.
    public static func plan(marketSymbol: String, signals: [SignalRecord], windowMinutes: Int,
                            maxCandles: Int = MEXCAPI.maxKlines) -> [KlineBatch] {
        let members = signals
            .map { Member(signal: $0, window: RewardWindow(signalTime: $0.timestamp, minutes: windowMinutes)) }
            .sorted { ($0.window.startMs, $0.signal.id ?? 0) < ($1.window.startMs, $1.signal.id ?? 0) }
        var batches: [KlineBatch] = []
        for member in members {
            if let last = batches.indices.last, batches[last].absorb(member, maxCandles: maxCandles) { continue }
            batches.append(KlineBatch(marketSymbol: marketSymbol, first: member))
        }
        return batches
    }
}
