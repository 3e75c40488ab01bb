import Foundation

extension ReportData {
    /// Reads what the page shows. The signal figures come from one read snapshot;
    /// `excludingRun` leaves out the report run that is writing this page.
    public static func read(
        from database: AppDatabase, now: Date, latestSignals: Int, feePct: Double, minSpreadPct: Double = 0.5,
        excludingRun runID: Int64? = nil
    ) throws -> ReportData {
        let roundTripFee = RewardMeasurement.roundTripFee(feePct: feePct)
        let signalPart = try database.readSignalAggregates { signals in
            let totals = try signals.totals(hitThreshold: roundTripFee)
            let latest = try signals.latest(limit: min(latestSignals, ReportLimits.latestSignals))
            let daysSince = totals.last.map(Self.daysSince)
            let outcomes = try signals.outcomes(minSpreadPct: minSpreadPct, keepSamples: totals.netCount <= MeanConfidence.bootstrapLimit)
            return (
                totals: totals,
                symbols: try signals.symbols(limit: ReportLimits.symbols),
                symbolCount: try signals.symbolCount(),
                histogram: try RewardHistogram.read(signals, count: totals.netCount),
                timeline: try Timeline.read(signals, first: totals.first, last: totals.last),
                latest: latest,
                outcomes: OutcomeSummary.make(outcomes, totals: totals),
                drawdown: outcomes.drawdown,
                days: try daysSince.map { try signals.days(since: $0) } ?? [],
                daysCut: (totals.first ?? .distantFuture) < (daysSince ?? .distantPast),
                candles: try signals.candles(signalIDs: latest.prefix(ReportLimits.signalPaths).compactMap(\.id))
            )
        }
        let since = now.addingTimeInterval(-ReportLimits.recentPeriod)
        var data = ReportData(
            generatedAt: now,
            signals: signalPart.totals,
            roundTripFee: roundTripFee,
            symbols: signalPart.symbols,
            symbolCount: signalPart.symbolCount,
            histogram: signalPart.histogram,
            timeline: signalPart.timeline,
            latestSignals: signalPart.latest,
            watchlist: Array(try database.watchlist().prefix(ReportLimits.watchlist)),
            pollOutcomes: try database.pollOutcomes(since: since, reasonLimit: ReportLimits.pollReasons),
            exclusions: try database.latestScanExclusions(limit: ReportLimits.exclusionReasons),
            stages: try database.stageRuns(last: ReportLimits.runsPerStage, excluding: runID),
            sources: try database.sourceHealth(since: since),
            outcomes: signalPart.outcomes, drawdown: signalPart.drawdown, days: signalPart.days, daysCut: signalPart.daysCut,
            candles: signalPart.candles, minSpreadPct: minSpreadPct)
        data.notifications = try NotificationsSection.read(database)
        return data
    }

    /// The start of the UTC day `ReportLimits.days − 1` days before the one of `last`.
    static func daysSince(_ last: Date) -> Date {
        let day = (last.timeIntervalSince1970 / 86_400).rounded(.down)
        return Date(timeIntervalSince1970: (day - Double(ReportLimits.days - 1)) * 86_400)
    }
}

extension RewardHistogram {
    /// Bins span the 2nd to 98th percentile of the `count` net rewards; the rest are
    /// counted as below/above.
    static func read(_ signals: SignalAggregates, count: Int) throws -> RewardHistogram? {
        guard count > 0 else { return nil }
        let skip = Int(Double(count) * 0.02)
        guard let low = try signals.rewardNet(skipping: skip, fromTop: false),
              let high = try signals.rewardNet(skipping: skip, fromTop: true)
        else { return nil }
        let bins = Bins(low: low, high: high, target: ReportLimits.histogramBins)
        let counted = try signals.rewardNetCounts(lower: bins.lower, width: bins.width, bins: bins.count)
        return RewardHistogram(lower: bins.lower, width: bins.width, counts: counted.counts, below: counted.below, above: counted.above)
    }

    /// Equal bins of a round width (1, 2, 2.5 or 5 × 10ⁿ) whose edges include 0.
    public struct Bins: Equatable {
        public var lower: Double
        public var width: Double
        public var count: Int
        public var upper: Double { lower + width * Double(count) }

        public init(low: Double, high: Double, target: Int) {
            // All values equal: one bin a tenth of the value wide (or 0.01 % around zero).
            let span = high > low ? high - low : max(abs(low) / 10, 0.0001)
            let width = NiceTicks.step(span: span, count: high > low ? target : 1)
            lower = floor(low / width + 1e-9) * width
            self.width = width
            // The top value must fall inside the last bin, not on its upper edge.
            count = max(1, Int(floor((high - lower) / width + 1e-9)) + 1)
        }
    }
}

extension Timeline {
    static func read(_ signals: SignalAggregates, first: Date?, last: Date?) throws -> Timeline {
        guard let first, let last else { return .empty }
        let size = bucketSeconds(span: last.timeIntervalSince(first))
        return Timeline(bucketSeconds: size, buckets: try signals.signalBuckets(seconds: size))
    }

    /// Hours for up to three days of data, days up to half a year, then weeks:
    /// a chart of at most a few hundred bars whatever the range.
    public static func bucketSeconds(span: TimeInterval) -> Int {
        if span <= 3 * 86_400 { return 3_600 }
        if span <= 180 * 86_400 { return 86_400 }
        return 7 * 86_400
    }
}
