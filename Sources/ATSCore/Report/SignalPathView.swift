import Foundation

/// A latest signal's price path as a small inline SVG: its window's 1-minute candles
/// (the high–low band and the closes), the window shaded, the entry marked (a dot at
/// the signal's time and a dashed line at its price). Only numbers formatted here
/// reach the markup; the label goes through the template's escaping.
struct SignalPathView {
    static let width = 120.0
    static let height = 36.0
    let viewBox = "0 0 \(Int(width)) \(Int(height))"
    let label: String
    let windowX: String
    let windowWidth: String
    let band: String
    let closes: String
    let entryX: String
    let entryY: String
    /// pos when the close favours the signal's side, neg when it does not.
    let tone: String

    init?(signal: SignalRecord, candles: [SignalCandleRecord]) {
        guard let first = candles.first, let last = candles.last else { return nil }
        let entry = signal.entry
        let prices = candles.flatMap { [$0.high, $0.low] } + [entry]
        guard prices.allSatisfy({ $0.isFinite }), let low = prices.min(), let high = prices.max() else { return nil }
        let start = min(signal.timestamp, first.openTime).timeIntervalSince1970
        let end = last.openTime.timeIntervalSince1970 + 60
        let span = max(end - start, 1)
        let x: (Date) -> Double = { 2 + ($0.timeIntervalSince1970 - start) / span * (Self.width - 4) }
        let y: (Double) -> Double = { high > low ? 33 - ($0 - low) / (high - low) * 30 : Self.height / 2 }
        let svg = ChartView.svg
        windowX = svg(x(first.openTime))
        windowWidth = svg(max(x(last.openTime.addingTimeInterval(60)) - x(first.openTime), 1))
        let middles = candles.map { x($0.openTime.addingTimeInterval(30)) }
        let top = zip(middles, candles).map { "\(svg($0)) \(svg(y($1.high)))" }
        let bottom = zip(middles, candles).reversed().map { "\(svg($0)) \(svg(y($1.low)))" }
        band = "M " + (top + bottom).joined(separator: " L ") + " Z"
        let points = ["\(svg(x(first.openTime))) \(svg(y(first.open)))"]
            + candles.map { "\(svg(x($0.openTime.addingTimeInterval(60)))) \(svg(y($0.close)))" }
        closes = "M " + points.joined(separator: " L ")
        entryX = svg(x(signal.timestamp))
        entryY = svg(y(entry))
        let move = signal.signalType == .buy ? last.close / entry - 1 : 1 - last.close / entry
        tone = move > 0 ? "pos" : (move < 0 ? "neg" : "plain")
        label = "\(signal.signalType.rawValue) entry \(Format.price(entry, like: last.close)), window close \(Format.price(last.close, like: entry)) "
            + "(\(Format.percent(fraction: move.isFinite ? move : nil)) for the signal), \(Format.plural(candles.count, "one-minute candle"))"
    }
}
