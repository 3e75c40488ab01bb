import Foundation

/// The figures that answer "is there an edge after costs, and how sure are we?".
extension ReportPage {
    static func kpis(_ data: ReportData, feePct: Double) -> [KPI] {
        let totals = data.signals
        let outcomes = data.outcomes
        let fee = Format.percent(fraction: data.roundTripFee, signed: false)
        let analyzed = outcomes.net?.count ?? 0
        let caution = outcomes.tooFewToJudge
            ? "Too few signals to judge: \(Format.count(analyzed)) analyzed, \(OutcomeSummary.minimumToJudge) needed." : nil
        let unavailableShare = totals.total > 0 ? Double(totals.unavailable) / Double(totals.total) : nil
        return [
            KPI(label: "Signals", value: Format.count(totals.total),
                explanation: "Every signal recorded (\(Format.count(totals.pending)) pending, \(Format.count(totals.unavailable)) without market data).",
                tone: "plain"),
            KPI(label: "Analyzed", value: Format.count(totals.analyzed),
                detail: "\(Format.share(unavailableShare)) unavailable",
                explanation: "Signals whose reward is computed (reward_status done); \(Format.count(totals.unavailable)) of \(Format.count(totals.total)) became unavailable (no candles before give_up_hours).",
                tone: "plain"),
            KPI(label: "Mean net reward", value: Format.percent(fraction: outcomes.net?.mean),
                detail: interval(outcomes.net, percent: true), caution: caution,
                explanation: "Mean reward_net (close of the window minus the signal's cost: the \(fee) round-trip fee plus the book's impact) over analyzed signals. Coloured only when the whole interval is on one side of zero.",
                tone: intervalTone(outcomes.net)),
            KPI(label: "Win rate", value: Format.share(outcomes.winRate?.mean),
                detail: interval(outcomes.winRate, percent: false), caution: caution,
                explanation: "Share of analyzed signals with reward_net > 0: \(Format.count(totals.wins)) of \(Format.count(totals.netCount)).",
                tone: "plain"),
            KPI(label: "Edge over baseline", value: Format.percent(fraction: outcomes.edge?.mean),
                detail: [interval(outcomes.edge, percent: true), outcomes.edge == nil ? nil : Format.pValue(outcomes.edgePValue)]
                    .compactMap { $0 }.joined(separator: "; "),
                caution: caution,
                explanation: "Mean of reward_net − reward_baseline: what a signal made beyond a random entry on the same symbol in the hour before it (same window, same costs), over \(Format.count(outcomes.edge?.count ?? 0)) signals with a baseline. p: two-sided one-sample t-test against 0.",
                tone: intervalTone(outcomes.edge)),
            KPI(label: "Average best move", value: Format.percent(fraction: totals.averageReward),
                detail: "before costs; not a result",
                explanation: "Mean maximum favourable excursion (actual_reward): the best price in the window, which nobody can be sure to sell at; almost always positive, so it says nothing about an edge.",
                tone: "plain"),
            KPI(label: "Hit rate", value: Format.share(totals.hitRate),
                explanation: "Share of analyzed signals whose best move (actual_reward) beat their own cost (reward_cost: the \(fee) round-trip fee, 2 × \(Format.number(feePct, decimals: 2)) %, plus the book's impact): \(Format.count(totals.hits)) of \(Format.count(totals.rewardCount)).",
                tone: "plain"),
            KPI(label: "Average |spread|", value: Format.percent(totals.averageAbsSpread, signed: false),
                explanation: "Mean absolute DEX–CEX price gap when a signal was raised, over all signals.", tone: "plain"),
            KPI(label: "Average request latency", value: Format.milliseconds(totals.averageLatencyMs),
                explanation: "Mean time the requests behind a signal took to answer (data_latency_ms), over signals that recorded it.", tone: "plain"),
        ]
    }

    /// "95 % CI −0.12 % to +0.40 % (bootstrap)".
    static func interval(_ estimate: MeanEstimate?, percent: Bool) -> String? {
        guard let estimate else { return nil }
        guard let lower = estimate.lower, let upper = estimate.upper else { return "no interval from one signal" }
        let text: (Double) -> String = { percent ? Format.percent(fraction: $0) : Format.share($0) }
        let method = estimate.method == .bootstrap ? "bootstrap" : "Student's t"
        return "95 % CI \(text(lower)) to \(text(upper)) (\(method))"
    }

    /// Green or red only when the interval excludes zero; a mean alone says nothing.
    static func intervalTone(_ estimate: MeanEstimate?) -> String {
        guard let lower = estimate?.lower, let upper = estimate?.upper else { return "plain" }
        return lower > 0 ? "pos" : (upper < 0 ? "neg" : "plain")
    }

    static func sideRows(_ outcomes: OutcomeSummary) -> [SideRow] {
        guard !outcomes.sides.isEmpty else { return [] }
        let all = SideOutcome(
            side: "All", signals: outcomes.sides.map(\.signals).reduce(0, +), net: outcomes.sides.map(\.net).reduce(SampleMoments(), +),
            wins: outcomes.sides.map(\.wins).reduce(0, +), baseline: outcomes.sides.map(\.baseline).reduce(SampleMoments(), +),
            edge: outcomes.sides.map(\.edge).reduce(SampleMoments(), +), fade: outcomes.sides.map(\.fade).reduce(SampleMoments(), +),
            convergence: outcomes.convergence)
        return (outcomes.sides + (outcomes.sides.count > 1 ? [all] : [])).map { side in
            let edge = side.edge.mean
            return SideRow(
                side: ReportFormat.text(side.side, limit: 8), sideTone: ["BUY": "buy", "SELL": "sell"][side.side] ?? "",
                signals: Format.count(side.signals), analyzed: Format.count(side.net.count),
                meanNet: Format.percent(fraction: side.net.mean), netTone: tone(side.net.mean),
                winRate: Format.share(side.winRate), baseline: Format.percent(fraction: side.baseline.mean),
                edge: Format.percent(fraction: edge), edgeTone: tone(edge),
                edgeP: edge == nil ? Format.missing : Format.pValue(side.edgePValue),
                fade: Format.percent(fraction: side.fade.mean), fadeTone: tone(side.fade.mean),
                measured: Format.count(side.convergence.measured), closed: Format.share(side.convergence.closedShare),
                byDEX: Format.share(side.convergence.byDEXShare), byCEX: Format.share(side.convergence.byCEXShare),
                group: side.side == "All" ? "group" : "")
        }
    }

    static func dayRow(_ day: DayOutcome) -> DayRow {
        DayRow(
            day: ReportFormat.text(day.day, limit: 10), signals: Format.count(day.signals), analyzed: Format.count(day.analyzed),
            winRate: Format.share(day.winRate), meanNet: Format.percent(fraction: day.meanNet), netTone: tone(day.meanNet),
            netSum: Format.percent(fraction: day.analyzed > 0 ? day.netSum : nil), sumTone: tone(day.analyzed > 0 ? day.netSum : nil),
            edge: Format.percent(fraction: day.meanEdge), edgeTone: tone(day.meanEdge))
    }
}
