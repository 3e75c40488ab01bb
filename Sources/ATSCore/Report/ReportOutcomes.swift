import Foundation

/// Whether the signals beat chance: the headline estimates with their intervals,
/// from the per-side moments (any count) and, up to `MeanConfidence.bootstrapLimit`
/// analyzed signals, the samples themselves (for the bootstrap).
public struct OutcomeSummary: Sendable, Equatable {
    /// Below this many analyzed signals the page says "too few signals to judge".
    public static let minimumToJudge = 30

    public var net: MeanEstimate?
    /// The mean of 1 (reward_net > 0) and 0: the win rate, with its interval.
    public var winRate: MeanEstimate?
    /// Mean of reward_net − reward_baseline over signals with a baseline.
    public var edge: MeanEstimate?
    /// Two-sided one-sample t-test of the edge against 0.
    public var edgePValue: Double?
    public var convergence: Convergence
    /// BUY then SELL (whichever have signals).
    public var sides: [SideOutcome]

    public var tooFewToJudge: Bool { (net?.count ?? 0) < Self.minimumToJudge }

    public static let empty = OutcomeSummary(net: nil, winRate: nil, edge: nil, edgePValue: nil, convergence: Convergence(), sides: [])

    /// From what the database read: the sides that have signals, each with its count of
    /// signals of any status from `totals`.
    public static func make(_ rows: OutcomeRows, totals: SignalTotals) -> OutcomeSummary {
        var buy = rows.buy, sell = rows.sell
        buy.signals = totals.buySignals
        sell.signals = totals.total - totals.buySignals
        return make(sides: [buy, sell].filter { $0.signals > 0 }, samples: rows.samples)
    }

    /// `samples` must be every analyzed signal's net (and edge) when there are at most
    /// `MeanConfidence.bootstrapLimit` of them, nil otherwise.
    public static func make(sides: [SideOutcome], samples: (net: [Double], edge: [Double])?) -> OutcomeSummary {
        let net = sides.map(\.net).reduce(SampleMoments(), +)
        let edge = sides.map(\.edge).reduce(SampleMoments(), +)
        let wins = sides.map(\.wins).reduce(0, +)
        let convergence = sides.map(\.convergence).reduce(Convergence(), +)
        if let samples {
            return OutcomeSummary(
                net: MeanConfidence.estimate(samples.net),
                winRate: MeanConfidence.estimate(samples.net.map { $0 > 0 ? 1.0 : 0.0 }),
                edge: MeanConfidence.estimate(samples.edge),
                edgePValue: OneSampleTTest.pValue(SampleMoments(samples.edge)),
                convergence: convergence, sides: sides)
        }
        // A 0/1 sample's sum of squares is its sum.
        let winMoments = SampleMoments(count: net.count, sum: Double(wins), sumOfSquares: Double(wins))
        return OutcomeSummary(
            net: MeanConfidence.studentT(net), winRate: MeanConfidence.studentT(winMoments),
            edge: MeanConfidence.studentT(edge), edgePValue: OneSampleTTest.pValue(edge),
            convergence: convergence, sides: sides)
    }
}

extension SideOutcome {
    public var winRate: Double? { net.count > 0 ? Double(wins) / Double(net.count) : nil }
    public var edgePValue: Double? { OneSampleTTest.pValue(edge) }
}

extension Convergence {
    public var closedShare: Double? { measured > 0 ? Double(closed) / Double(measured) : nil }
    public var byDEXShare: Double? { closed > 0 ? Double(closedByDEX) / Double(closed) : nil }
    public var byCEXShare: Double? { closed > 0 ? Double(closedByCEX) / Double(closed) : nil }
}

extension DayOutcome {
    public var winRate: Double? { analyzed > 0 ? Double(wins) / Double(analyzed) : nil }
    public var meanNet: Double? { analyzed > 0 ? netSum / Double(analyzed) : nil }
    public var meanEdge: Double? { edgeCount > 0 ? edgeSum / Double(edgeCount) : nil }
}
