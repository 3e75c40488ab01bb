import Foundation

/// The drawing area of a chart, in SVG user units (the SVG scales to its box).
struct ChartFrame {
    let width: Double
    let height: Double
    let plotLeft = 56.0
    let plotTop = 14.0
    var plotRight: Double { width - 32 }
    var plotBottom: Double { height - 34 }
    var plotWidth: Double { plotRight - plotLeft }

    /// Half a row on a wide screen.
    static let standard = ChartFrame(width: 480, height: 240)
    /// A whole row (time series with many buckets), same text size as `standard`.
    static let wide = ChartFrame(width: 960, height: 220)

    /// Maps a value in `domain` to a y coordinate of the plot (top is the maximum).
    func yScale(_ domain: ClosedRange<Double>) -> (Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let (top, bottom) = (plotTop, plotBottom)
        return { value in
            guard span > 0 else { return bottom }
            return bottom - (value - domain.lowerBound) / span * (bottom - top)
        }
    }

    /// x of the left edge of column `slot` out of `slots`.
    func x(slot: Double, of slots: Int) -> Double {
        plotLeft + slot * plotWidth / Double(max(slots, 1))
    }
}

/// One inline SVG chart as the template draws it: every coordinate is a number
/// formatted here, every text goes through the template's escaping.
struct ChartView {
    let id: String
    let title: String
    let caption: String
    /// CSS class of the figure: "chart" or "chart wide".
    let figureClass: String
    let viewBox: String
    let axisX1: String
    let axisX2: String
    let axisY: String
    let labelY: String
    var grid: [GridLine] = []
    var xLabels: [AxisLabel] = []
    var bars: [Bar] = []
    var line: LinePath?
    var zero: String?
    /// A shaded stretch of the x axis (the cumulative chart's maximum drawdown).
    var band: Band?

    init(id: String, title: String, caption: String, frame: ChartFrame) {
        self.id = id
        self.title = title
        self.caption = caption
        figureClass = frame.width > ChartFrame.standard.width ? "chart wide" : "chart"
        viewBox = "0 0 \(Int(frame.width)) \(Int(frame.height))"
        axisX1 = Self.svg(frame.plotLeft)
        axisX2 = Self.svg(frame.plotRight)
        axisY = Self.svg(frame.plotBottom)
        labelY = Self.svg(frame.plotBottom + 20)
    }

    struct GridLine {
        let y: String
        let label: String
    }

    struct AxisLabel {
        let x: String
        let text: String
        let anchor: String
        /// "minor" on every other label: hidden on a phone, where the text is larger.
        let weight: String

        init(x: String, text: String, index: Int) {
            self.x = x
            self.text = text
            anchor = "middle"
            weight = index % 2 == 1 ? "minor" : "major"
        }
    }

    struct Bar {
        let x: String
        let y: String
        let width: String
        let height: String
        /// CSS class: pos, neg, neutral or outlier.
        let tone: String
        let tip: String
    }

    struct Band {
        let x: String
        let y: String
        let width: String
        let height: String
        let tip: String
    }

    struct LinePath {
        /// The line itself, and the area between it and zero.
        let stroke: String
        let fill: String
    }

    static func svg(_ value: Double) -> String {
        Format.fixed(value.isFinite ? value : 0, decimals: 1)
    }

    /// Horizontal grid lines at round values covering the domain.
    static func grid(_ ticks: [Double], scale: (Double) -> Double, label: (Double) -> String) -> [GridLine] {
        ticks.map { GridLine(y: svg(scale($0)), label: label($0)) }
    }

    /// Bars in `slots` equal columns, from zero to each value.
    static func bars(
        _ values: [(slot: Int, value: Double, tone: String, tip: String)], slots: Int, frame: ChartFrame, scale: (Double) -> Double
    ) -> [Bar] {
        let slotWidth = frame.plotWidth / Double(max(slots, 1))
        let gap = slotWidth > 6 ? max(slotWidth * 0.15, 1) : 0
        let base = scale(0)
        return values.map { entry in
            let top = scale(entry.value)
            return Bar(
                x: svg(frame.x(slot: Double(entry.slot), of: slots) + gap / 2), y: svg(min(top, base)),
                width: svg(max(slotWidth - gap, 0.5)), height: svg(max(abs(base - top), entry.value == 0 ? 0 : 1)),
                tone: entry.tone, tip: entry.tip)
        }
    }
}

/// Round tick values (1, 2, 2.5 or 5 × 10ⁿ apart) for an axis.
enum NiceTicks {
    static func step(span: Double, count: Int) -> Double {
        let raw = span / Double(max(count, 1))
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(raw)))
        return [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * 0.999_999 } ?? 10 * magnitude
    }

    /// Ticks from a round value at or below `low` to one at or above `high` (both included).
    /// `whole` keeps every tick a whole number (an axis of counts must not read 0, 0, 1, 1, 2).
    static func covering(_ low: Double, _ high: Double, count: Int = 4, whole: Bool = false) -> [Double] {
        let high = high > low ? high : low + 1
        var step = step(span: high - low, count: count)
        if whole {
            step = max(1, step)
            if step.rounded() != step { step = (step * 2).rounded() }
        }
        let first = floor(low / step + 1e-9) * step
        let last = ceil(high / step - 1e-9) * step
        return stride(from: first, through: last + step / 2, by: step).map { abs($0) < step / 1e6 ? 0 : $0 }
    }
}
