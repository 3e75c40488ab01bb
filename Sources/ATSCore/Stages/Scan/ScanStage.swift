import Foundation

/// `ats scan`: every enabled scanner concurrently → filters, identity, score →
/// the top `size` symbols replace the watchlist in one transaction.
public enum ScanStage {
    public static func run(config: LoadedConfig, environment: StageEnvironment) async -> StageRunner.Outcome {
        await StageRunner.run(.scan, config: config, environment: environment, body: scan)
    }

    static func scan(_ context: StageContext) async throws -> StageResult {
        let config = context.values
        let scanners = ScannerRegistry.enabled(config)
        guard !scanners.isEmpty else {
            return StageResult(status: .failed, summary: "scan: every scanner is disabled in the config; nothing to do", exit: .config)
        }
        // Every candidate must trade on the exchange: while it is paused, ask nobody.
        if let pause = context.pause(of: MEXCAPI.source) {
            return StageResult(status: .failed, summary: "scan: nothing asked: \(pause.description); watchlist kept", exit: .unavailable)
        }
        context.console.progress("scan: asking \(scanners.map(\.name).joined(separator: ", ")) and the exchange")
        async let outputs = runScanners(scanners, context)
        async let exchange = fetchListing(context)
        async let coinListWarning = CoinListCache.refreshIfStale(context)
        let (scanned, listing, identityWarning) = await (outputs, exchange, coinListWarning)

        var warnings = scanned.flatMap(\.failures)
        if let identityWarning { warnings.append(identityWarning) }
        let listingResult: CEXListing
        switch listing {
        case .success(let value): listingResult = value
        case .failure(let error):
            return StageResult(
                status: .failed, summary: "scan: the exchange listing could not be read (\(StageRunner.describe(error))); watchlist kept",
                warnings: warnings, exit: .unavailable)
        }
        if scanned.allSatisfy(\.failedCompletely) {
            return StageResult(status: .failed, summary: "scan: no scanner could be reached; watchlist kept", warnings: warnings, exit: .unavailable)
        }

        let judged = try judge(scanned.flatMap(\.candidates), context: context, listing: listingResult)
        let now = context.now()
        let built = WatchlistBuilder.build(judged.admitted, size: config.watchlist.size, confirmationBonus: config.watchlist.confirmationBonus, scannedAt: now)
        var exclusions = judged.excluded
        exclusions += built.belowCut.map {
            ($0.candidate, Exclusion(reason: .rank, detail: "ranked below the top \(config.watchlist.size) (score \(Format.printf($0.score, decimals: 1)))"))
        }
        let records = exclusions.map { record($0.0, $0.1, at: now, runID: context.runID) }
        let partial = !warnings.isEmpty
        if partial && built.entries.isEmpty {
            try context.database.recordExclusions(records, runID: context.runID)
            return StageResult(
                status: .partial, summary: "scan: sources failed and nothing was admitted; previous watchlist kept",
                counts: counts(scanned, judged, built), warnings: warnings)
        }
        try context.database.replaceWatchlist(built.entries, exclusions: records, runID: context.runID)
        let symbols = built.entries.map(\.cexSymbol).joined(separator: ", ")
        return StageResult(
            status: partial ? .partial : .ok,
            summary: "scan: \(built.entries.count) pairs on the watchlist from \(judged.total) candidates (\(exclusions.count) excluded)" + (symbols.isEmpty ? "" : ": \(symbols)"),
            counts: counts(scanned, judged, built), warnings: warnings)
    }

    private static func runScanners(_ scanners: [any DEXScanner], _ context: StageContext) async -> [ScannerOutput] {
        // A named child result, built after the await: see BurstFetcher.books (swiftlang/swift#91911).
        await withTaskGroup(of: ScannerAnswer.self) { group in
            for (index, scanner) in scanners.enumerated() {
                group.addTask {
                    let output = await scanner.scan(context)
                    return ScannerAnswer(index: index, output: output)
                }
            }
            var results: [ScannerAnswer] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.index < $1.index }.map(\.output)
        }
    }

    private struct ScannerAnswer: Sendable {
        var index: Int
        var output: ScannerOutput
    }

    private static func fetchListing(_ context: StageContext) async -> Result<CEXListing, any Error> {
        let settings = context.values.exchange.mexc
        do {
            let info = try await MEXCAPI(client: context.client(MEXCAPI.source, baseURL: settings.baseURL)).exchangeInfo()
            return .success(CEXListing(markets: info.symbols.map(\.market), quoteAsset: settings.quoteAsset))
        } catch {
            return .failure(error)
        }
    }

    struct Judgement {
        var admitted: [AdmittedCandidate] = []
        var excluded: [(ScanCandidate, Exclusion)] = []
        var total: Int { admitted.count + excluded.count }
    }

    /// Applies the filters, identity and score to every candidate.
    static func judge(_ candidates: [ScanCandidate], context: StageContext, listing: CEXListing) throws -> Judgement {
        let config = context.values
        let identity = IdentityCheck(database: context.database)
        var judgement = Judgement()
        for candidate in candidates {
            let quote: QuoteToken, market: ExchangeMarket
            switch CandidateRules.filter(candidate, config: config, listing: listing) {
            case .excluded(let failure):
                judgement.excluded.append((candidate, failure))
                continue
            case .passed(let proven, let listed):
                (quote, market) = (proven, listed)
            }
            let verdict = try identity.verdict(for: candidate, market: market)
            if config.watchlist.requireIdentity, case .unproven(let why) = verdict {
                judgement.excluded.append((candidate, Exclusion(reason: .identity, detail: why)))
                continue
            }
            let score = CandidateRules.score(candidate)
            guard score > 0 else {
                judgement.excluded.append((candidate, Exclusion(reason: .score, detail: "score \(Format.printf(score, decimals: 1)) is not above 0")))
                continue
            }
            judgement.admitted.append(AdmittedCandidate(candidate: candidate, score: score, coingeckoID: verdict.coingeckoID, quote: quote))
        }
        return judgement
    }

    private static func record(_ candidate: ScanCandidate, _ exclusion: Exclusion, at date: Date, runID: Int64) -> ScanExclusionRecord {
        ScanExclusionRecord(
            id: nil, runId: runID, scannedAt: date, source: candidate.source, chainId: candidate.chainId,
            pairAddress: candidate.pairAddress, baseSymbol: String(candidate.baseSymbol.prefix(200)),
            quoteSymbol: String(candidate.quoteSymbol.prefix(200)), reason: exclusion.reason.rawValue, detail: exclusion.detail)
    }

    private static func counts(_ scanned: [ScannerOutput], _ judged: Judgement, _ built: WatchlistBuilder.Result) -> [String: Int] {
        ["candidates": judged.total, "admitted": judged.admitted.count, "watchlist": built.entries.count,
         "excluded": judged.excluded.count + built.belowCut.count, "scanner_failures": scanned.map(\.failures.count).reduce(0, +)]
    }
}
