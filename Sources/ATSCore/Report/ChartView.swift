import Foundation

/// One inline SVG chart as the template draws it: every coordinate is a number
/// formatted here, every text goes through the template's escaping.
struct ChartView {
    static let width = 480.0
    static let height = 240.0
    static let plotLeft = 56.0
    static let plotRight = 448.0
    static let plotTop = 14.0
    static let plotBottom = 206.0

    let id: String
    let title: String
    let caption: String
    var grid: [GridLine] = []
    var xLabels: [AxisLabel] = []
    var bars: [Bar] = []
    var line: LinePath?
    var zero: String?
    let viewBox = "0 0 \(Int(width)) \(Int(height))"
    let axisX1 = svg(plotLeft)
    let axisX2 = svg(plotRight)
    let axisY = svg(plotBottom)

    struct GridLine {
        let y: String
        let label: String
    }

    struct AxisLabel {
        let x: String
        let text: String
        let anchor: String
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

    struct LinePath {
        /// The line itself, and the area between it and zero.
        let stroke: String
        let fill: String
    }

    static func svg(_ value: Double) -> String {
        ReportFormat.fixed(value.isFinite ? value : 0, decimals: 1)
    }

    /// Maps a value in `domain` to a y coordinate of the plot (top is the maximum).
    static func yScale(_ domain: ClosedRange<Double>) -> (Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        return { value in
            guard span > 0 else { return plotBottom }
            return plotBottom - (value - domain.lowerBound) / span * (plotBottom - plotTop)
        }
    }

    /// Horizontal grid lines at round values covering the domain.
    static func grid(_ ticks: [Double], scale: (Double) -> Double, label: (Double) -> String) -> [GridLine] {
        ticks.map { GridLine(y: svg(scale($0)), label: label($0)) }
    }

    /// Bars in `slots` equal columns; `values[i]` is drawn in column `offset + i`.
    static func bars(
        _ values: [(slot: Int, value: Double, tone: String, tip: String)], slots: Int, scale: (Double) -> Double
    ) -> [Bar] {
        let slotWidth = (plotRight - plotLeft) / Double(max(slots, 1))
        let gap = slotWidth > 6 ? max(slotWidth * 0.15, 1) : 0
        let base = scale(0)
        return values.map { entry in
            let top = scale(entry.value)
            return Bar(
                x: svg(plotLeft + Double(entry.slot) * slotWidth + gap / 2), y: svg(min(top, base)),
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
    static func covering(_ low: Double, _ high: Double, count: Int = 4) -> [Double] {
        let high = high > low ? high : low + 1
        let step = step(span: high - low, count: count)
        let first = floor(low / step + 1e-9) * step
        let last = ceil(high / step - 1e-9) * step
        return stride(from: first, through: last + step / 2, by: step).map { abs($0) < step / 1e6 ? 0 : $0 }
    }
}
