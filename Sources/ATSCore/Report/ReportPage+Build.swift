import Foundation

extension ReportPage {
    init(data: ReportData, config: LoadedConfig) {
        let totals = data.signals
        let values = config.values
        generatedAt = ReportFormat.dateTime(data.generatedAt)
        build = BuildInfo.description
        dataRange = totals.first.map { "\(ReportFormat.dateTime($0)) – \(ReportFormat.dateTime(totals.last))" } ?? "none yet"
        configPath = ReportFormat.text(config.file.path, limit: 300)
        refreshSeconds = values.report.refreshSeconds > 0 ? String(values.report.refreshSeconds) : nil
        hasSignals = totals.total > 0
        kpis = Self.kpis(data, feePct: values.reward.feePct)
        var charts: [ChartView] = []
        if let histogram = data.histogram { charts.append(ReportCharts.rewardDistribution(histogram)) }
        if !data.timeline.buckets.isEmpty {
            if totals.netCount > 0 { charts.append(ReportCharts.cumulativeNet(data.timeline, drawdown: data.drawdown)) }
            charts.append(ReportCharts.signalsOverTime(data.timeline))
        }
        self.charts = charts
        chartsNote = hasSignals && totals.netCount == 0
            ? "No analyzed signals yet: ats reward measures each signal \(Format.number(values.reward.delayMinutes, decimals: 0)) minutes after it was raised."
            : nil
        sides = Table(Self.sideRows(data.outcomes))
        minSpread = Format.percent(data.minSpreadPct, signed: false)
        days = Table(data.days.map(Self.dayRow),
                     note: data.daysCut ? "The \(ReportLimits.days) days up to the newest signal; older days are left out." : nil)
        symbols = Table(data.symbols.map(Self.symbolRow),
                        note: data.symbolCount > data.symbols.count
                            ? "The \(data.symbols.count) symbols with the most signals, of \(Format.count(data.symbolCount))." : nil)
        let wanted = values.report.latestSignals
        let pathNote = data.latestSignals.count > ReportLimits.signalPaths
            ? " Price paths are drawn for the newest \(Format.count(ReportLimits.signalPaths))." : ""
        latest = Table(data.latestSignals.map { Self.signalRow($0, candles: $0.id.flatMap { data.candles[$0] } ?? []) },
                       note: wanted > ReportLimits.latestSignals
                           ? "report.latest_signals is \(Format.count(wanted)); the page lists at most \(Format.count(ReportLimits.latestSignals)).\(pathNote)"
                           : (pathNote.isEmpty ? nil : String(pathNote.dropFirst())))
        watchlist = Table(data.watchlist.map(Self.watchlistRow))
        pollSince = ReportFormat.dateTime(data.pollOutcomes.since)
        pollTotals = Table(data.pollOutcomes.totals.map {
            CountRow(name: ReportFormat.text($0.outcome), count: Format.count($0.count), tone: $0.outcome == "signal" ? "pos" : "plain")
        })
        pollReasons = Table(
            data.pollOutcomes.reasons.map {
                ReasonRow(outcome: ReportFormat.text($0.outcome), reason: ReportFormat.text($0.reason, limit: ReasonPattern.maxLength), count: Format.count($0.count))
            },
            note: data.pollOutcomes.reasonGroups > data.pollOutcomes.reasons.count
                ? "The \(data.pollOutcomes.reasons.count) most frequent of \(Format.count(data.pollOutcomes.reasonGroups)) reasons." : nil)
        exclusionsScan = ReportFormat.dateTime(data.exclusions.scannedAt)
        exclusions = Table(data.exclusions.reasons.map { CountRow(name: ReportFormat.text($0.reason, limit: 80), count: Format.count($0.count), tone: "plain") })
        stages = data.stages.map { stage in
            let name = ReportFormat.text(stage.stage)
            return StageBlock(stage: name, runs: stage.runs.enumerated().map { Self.runRow($0.element, stage: $0.offset == 0 ? name : "") })
        }
        hasStages = !stages.isEmpty
        sourcesSince = ReportFormat.dateTime(data.generatedAt.addingTimeInterval(-ReportLimits.recentPeriod))
        sources = Table(data.sources.map(Self.sourceRow))
        network = NetworkBlock(data.budget)
        notifications = NotificationsBlock(data.notifications)
    }

    static func symbolRow(_ stats: SymbolStats) -> SymbolRow {
        SymbolRow(
            symbol: ReportFormat.text(stats.symbol, limit: 32), signals: Format.count(stats.signals),
            analyzed: Format.count(stats.analyzed), winRate: Format.share(stats.winRate),
            meanNet: Format.percent(fraction: stats.meanNet), netTone: tone(stats.meanNet),
            meanSpread: Format.percent(stats.meanAbsSpread, signed: false))
    }

    static func signalRow(_ signal: SignalRecord, candles: [SignalCandleRecord] = []) -> SignalRow {
        let done = signal.rewardStatus == .done
        return SignalRow(
            time: ReportFormat.timestamp(signal.timestamp), symbol: ReportFormat.text(signal.cexSymbol, limit: 32),
            pair: pairLink(text: signal.pairSymbol, chain: signal.chainId, address: signal.pairAddress),
            side: signal.signalType.rawValue, sideTone: signal.signalType == .buy ? "buy" : "sell",
            path: SignalPathView(signal: signal, candles: candles),
            dexPrice: Format.price(signal.dexPrice, like: signal.cexPrice),
            cexPrice: Format.price(signal.cexPrice, like: signal.dexPrice),
            spread: Format.percent(signal.spread), latency: Format.milliseconds(signal.dataLatencyMs.map(Double.init)),
            status: signal.rewardStatus.rawValue,
            statusTone: done ? "done" : (signal.rewardStatus == .pending ? "pending" : "unavailable"),
            reward: Format.percent(fraction: done ? signal.actualReward : nil),
            adverse: Format.percent(fraction: done ? signal.rewardMae : nil),
            net: Format.percent(fraction: done ? signal.rewardNet : nil), netTone: tone(done ? signal.rewardNet : nil),
            notes: signal.notes.isEmpty ? "" : ReportFormat.text(signal.notes, limit: 160))
    }

    static func watchlistRow(_ entry: WatchlistEntry) -> WatchlistRow {
        WatchlistRow(
            rank: String(entry.rank), symbol: ReportFormat.text(entry.cexSymbol, limit: 32), chain: ReportFormat.text(entry.chainId, limit: 24),
            pair: pairLink(text: entry.pairSymbol, chain: entry.chainId, address: entry.pairAddress),
            score: Format.number(entry.finalScore, decimals: 1), confirmations: String(entry.confirmations),
            sources: ReportFormat.text(entry.sourceList.joined(separator: ", "), limit: 80),
            liquidity: Format.usd(entry.liquidityUsd),
            scannedAt: ReportFormat.dateTime(entry.scannedAt))
    }

    static func runRow(_ run: RunRecord, stage: String) -> RunRow {
        RunRow(
            stage: stage, group: stage.isEmpty ? "" : "group", started: ReportFormat.dateTime(run.startedAt), duration: ReportFormat.duration(from: run.startedAt, to: run.finishedAt),
            status: run.status.rawValue,
            statusTone: ["ok": "done", "partial": "pending", "skipped": "plain", "running": "plain"][run.status.rawValue] ?? "unavailable",
            summary: ReportFormat.text(run.summary, limit: 200))
    }

    static func sourceRow(_ health: SourceHealth) -> SourceRow {
        SourceRow(
            source: ReportFormat.text(health.source, limit: 40), requests: Format.count(health.requests),
            errors: Format.count(health.errors), errorRate: Format.share(health.errorRate),
            errorTone: health.errorRate >= 0.1 ? "neg" : (health.errors > 0 ? "plain" : "pos"),
            median: Format.milliseconds(health.medianLatencyMs), average: Format.milliseconds(health.averageLatencyMs),
            maximum: Format.milliseconds(Double(health.maxLatencyMs)), lastRequest: ReportFormat.dateTime(health.lastRequest),
            lastError: health.lastError.map { ReportFormat.text($0, limit: 160) } ?? "")
    }

    /// The pair's name, linked to its DexScreener page when chain and address make a valid https link.
    static func pairLink(text: String, chain: String, address: String) -> Link {
        Link(text: ReportFormat.text(text, limit: 32), url: ExternalLink.dexScreener(chain: chain, pair: address),
             hint: ReportFormat.text("\(chain) \(address)", limit: 100))
    }

    static func tone(_ value: Double?) -> String {
        guard let value else { return "plain" }
        return value > 0 ? "pos" : (value < 0 ? "neg" : "plain")
    }
}
