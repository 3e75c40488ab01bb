import Foundation

/// The report's three charts, built from SQL aggregates (bins and time buckets).
enum ReportCharts {
    /// Distribution of `reward_net`; values beyond the 2nd–98th percentile are
    /// drawn as one muted bar at each end so a single outlier cannot flatten the rest.
    static func rewardDistribution(_ histogram: RewardHistogram) -> ChartView {
        var entries: [(slot: Int, value: Double, tone: String, tip: String)] = []
        let lowerText = Format.percent(fraction: histogram.lower)
        let upperText = Format.percent(fraction: histogram.upper)
        let offset = histogram.below > 0 ? 1 : 0
        if histogram.below > 0 {
            entries.append((0, Double(histogram.below), "outlier", "below \(lowerText): \(signals(histogram.below))"))
        }
        for (index, count) in histogram.counts.enumerated() {
            let from = histogram.lower + Double(index) * histogram.width
            let tone = from + histogram.width / 2 > 0 ? "pos" : "neg"
            let tip = "\(Format.percent(fraction: from)) to \(Format.percent(fraction: from + histogram.width)): \(signals(count))"
            entries.append((offset + index, Double(count), tone, tip))
        }
        if histogram.above > 0 {
            entries.append((offset + histogram.counts.count, Double(histogram.above), "outlier", "\(upperText) or more: \(signals(histogram.above))"))
        }
        let slots = entries.count
        let outlierCount = histogram.below + histogram.above
        let outliers = outlierCount == 0 ? ""
            : " The grey end bars hold the \(signals(outlierCount)) beyond the 2nd–98th percentile, so that a few extreme values cannot flatten the rest."
        let frame = ChartFrame.standard
        let ticks = NiceTicks.covering(0, Double(entries.map(\.value).max() ?? 1), whole: true)
        let scale = frame.yScale(0...(ticks.last ?? 1))
        var chart = ChartView(
            id: "chart-distribution", title: "Distribution of net reward per analyzed signal",
            caption: "Net reward (reward_net: close of the window minus the signal's cost, fees and book impact) of each analyzed signal, in bins of \(Format.percent(fraction: histogram.width, signed: false)). Red bins lose, green bins win.\(outliers)",
            frame: frame)
        chart.grid = ChartView.grid(ticks, scale: scale) { Format.count(whole: $0) }
        chart.bars = ChartView.bars(entries, slots: slots, frame: frame, scale: scale)
        let edges = histogram.counts.count + 1
        let every = max(1, Int(ceil(Double(edges) / 6)))
        chart.xLabels = stride(from: 0, to: edges, by: every).enumerated().map { index, edge in
            let value = histogram.lower + Double(edge) * histogram.width
            return ChartView.AxisLabel(
                x: ChartView.svg(frame.x(slot: Double(offset + edge), of: slots)),
                text: Format.percent(fraction: value, decimals: decimals(histogram.width)), index: index)
        }
        return chart
    }

    /// Signals raised per time bucket.
    static func signalsOverTime(_ timeline: Timeline) -> ChartView {
        let slots = slotCount(timeline)
        let entries = timeline.buckets.map { bucket in
            (slot: slot(of: bucket, in: timeline), value: Double(bucket.signals), tone: "neutral",
             tip: "\(label(bucket.start, timeline)): \(signals(bucket.signals))")
        }
        let frame = ChartFrame.wide
        let ticks = NiceTicks.covering(0, Double(timeline.buckets.map(\.signals).max() ?? 1), whole: true)
        let scale = frame.yScale(0...(ticks.last ?? 1))
        var chart = ChartView(
            id: "chart-signals", title: "Signals per \(unit(timeline))",
            caption: "Signals raised per \(unit(timeline)) (UTC), all statuses.", frame: frame)
        chart.grid = ChartView.grid(ticks, scale: scale) { Format.count(whole: $0) }
        chart.bars = ChartView.bars(entries, slots: slots, frame: frame, scale: scale)
        chart.xLabels = timeLabels(timeline, slots: slots, frame: frame, count: 8)
        return chart
    }

    /// Running sum of `reward_net` over time, by the time each signal was raised, with
    /// its deepest fall (computed per signal, drawn on the buckets that hold its ends).
    static func cumulativeNet(_ timeline: Timeline, drawdown: NetDrawdown?) -> ChartView {
        let slots = slotCount(timeline)
        let frame = ChartFrame.standard
        var running = 0.0
        var points: [(x: Double, value: Double)] = [(frame.plotLeft, 0)]
        for bucket in timeline.buckets {
            running += bucket.netSum
            points.append((frame.x(slot: Double(slot(of: bucket, in: timeline) + 1), of: slots), running))
        }
        let values = points.map(\.value)
        let ticks = NiceTicks.covering(min(values.min() ?? 0, 0) * 100, max(values.max() ?? 0, 0) * 100)
        let scale = frame.yScale((ticks.first ?? 0) / 100...(ticks.last ?? 1) / 100)
        var drawdownText = " No drawdown: the sum never fell below an earlier high."
        var band: ChartView.Band?
        if let drawdown, drawdown.depth > 0, let trough = drawdown.trough {
            // Seconds: the high and the low are often signals of one poll run, a minute apart.
            let from = drawdown.peak.map { ReportFormat.timestamp($0) + " UTC" } ?? "the start"
            let depth = Format.percent(fraction: -drawdown.depth)
            drawdownText = " Maximum drawdown (shaded): \(depth), from its high at \(from) to \(ReportFormat.timestamp(trough)) UTC."
            // From the start of the bucket that holds the high to the end of the one that holds the low.
            let left = drawdown.peak.map { frame.x(slot: Double(slot(at: $0, in: timeline)), of: slots) } ?? frame.plotLeft
            let right = max(frame.x(slot: Double(slot(at: trough, in: timeline)) + 1, of: slots), left + 2)
            band = ChartView.Band(
                x: ChartView.svg(left), y: ChartView.svg(frame.plotTop), width: ChartView.svg(right - left),
                height: ChartView.svg(frame.plotBottom - frame.plotTop), tip: "maximum drawdown \(depth)")
        }
        var chart = ChartView(
            id: "chart-cumulative", title: "Cumulative net reward over time",
            caption: "Running sum of reward_net of analyzed signals, by the time each signal was raised: the result, in percentage points, of putting the same stake on every signal. Currently \(Format.percent(fraction: running)).\(drawdownText)",
            frame: frame)
        chart.band = band
        chart.grid = ChartView.grid(ticks, scale: { scale($0 / 100) }) { Format.percent($0, decimals: decimals(ticks)) }
        let coordinates = points.map { "\(ChartView.svg($0.x)) \(ChartView.svg(scale($0.value)))" }
        let base = ChartView.svg(scale(0))
        chart.line = ChartView.LinePath(
            stroke: "M " + coordinates.joined(separator: " L "),
            fill: "M \(ChartView.svg(frame.plotLeft)) \(base) L " + coordinates.joined(separator: " L ")
                + " L \(ChartView.svg(points.last?.x ?? frame.plotLeft)) \(base) Z")
        chart.zero = base
        chart.xLabels = timeLabels(timeline, slots: slots, frame: frame, count: 5)
        return chart
    }

    /// The slot of the bucket that holds `date`.
    private static func slot(at date: Date, in timeline: Timeline) -> Int {
        guard let first = timeline.buckets.first else { return 0 }
        let offset = date.timeIntervalSince(first.start) / Double(timeline.bucketSeconds)
        let floored = offset.isFinite ? max(0, min(offset.rounded(.down), 1e9)) : 0
        return min(Int(floored), slotCount(timeline) - 1)
    }

    private static func slotCount(_ timeline: Timeline) -> Int {
        guard let first = timeline.buckets.first, let last = timeline.buckets.last else { return 1 }
        return Int(last.start.timeIntervalSince(first.start)) / timeline.bucketSeconds + 1
    }

    private static func slot(of bucket: Timeline.Bucket, in timeline: Timeline) -> Int {
        guard let first = timeline.buckets.first else { return 0 }
        return Int(bucket.start.timeIntervalSince(first.start)) / timeline.bucketSeconds
    }

    /// Up to `count` evenly spaced time labels under the plot.
    private static func timeLabels(_ timeline: Timeline, slots: Int, frame: ChartFrame, count: Int) -> [ChartView.AxisLabel] {
        guard let first = timeline.buckets.first else { return [] }
        let every = max(1, Int(ceil(Double(slots) / Double(count))))
        return stride(from: 0, to: slots, by: every).enumerated().map { index, slot in
            let start = first.start.addingTimeInterval(Double(slot * timeline.bucketSeconds))
            return ChartView.AxisLabel(
                x: ChartView.svg(frame.x(slot: Double(slot) + 0.5, of: slots)), text: label(start, timeline), index: index)
        }
    }

    private static func label(_ date: Date, _ timeline: Timeline) -> String {
        timeline.bucketSeconds < 86_400 ? ReportFormat.hour(date) : ReportFormat.day(date)
    }

    private static func unit(_ timeline: Timeline) -> String {
        switch timeline.bucketSeconds {
        case ..<86_400: return "hour"
        case 86_400: return "day"
        default: return "week"
        }
    }

    private static func signals(_ count: Int) -> String {
        Format.plural(count, "signal", grouped: true)
    }

    /// Enough decimals to write a multiple of this step (a fraction) exactly in percent.
    private static func decimals(_ width: Double) -> Int {
        let percent = width * 100
        return (0...4).first { digits in
            let scaled = percent * pow(10, Double(digits))
            return abs(scaled - scaled.rounded()) < 1e-6
        } ?? 4
    }

    private static func decimals(_ ticks: [Double]) -> Int {
        guard ticks.count > 1 else { return 1 }
        return decimals((ticks[1] - ticks[0]) / 100)
    }
}
