import Foundation

/// `ats reward`: measures every due signal on the exchange's closed 1-minute
/// candles (product.md, "reward"). Rewards are fractions of the entry price.
public enum RewardStage {
    /// Symbols fetched at once: klines weigh 1, so this is politeness, not a limit.
    static let concurrentSymbols = 4

    /// `asOf` replaces "now" for deciding what is due and the `reward_computed_at`
    /// written; a candle still counts only once it has closed by the real clock,
    /// so a future `asOf` cannot measure unfinished candles, and giving up is judged
    /// by the earlier of the two, so a future `asOf` cannot give up on a fresh signal.
    public static func run(config: LoadedConfig, environment: StageEnvironment, asOf: Date? = nil) async -> StageRunner.Outcome {
        await StageRunner.run(.reward, config: config, environment: environment) { context in
            try await RewardRun(context: context, asOf: asOf).execute()
        }
    }
}

/// One run of the reward stage.
struct RewardRun: Sendable {
    let context: StageContext
    let settings: ATSConfig.Reward
    let quoteAsset: String
    /// The evaluation time: `--as-of`, else the clock.
    let now: Date
    /// The real clock (ms), by which a candle must have closed to count.
    let realNowMs: Int64
    /// What giving up is judged by: the earlier of the real clock and `--as-of`.
    let giveUpClock: Date

    init(context: StageContext, asOf: Date?) {
        self.context = context
        self.settings = context.values.reward
        self.quoteAsset = context.values.exchange.mexc.quoteAsset
        let clock = context.now()
        self.now = asOf ?? clock
        self.realNowMs = clock.millisecondsSince1970
        self.giveUpClock = min(asOf ?? clock, clock)
    }

    func execute() async throws -> StageResult {
        let due = try context.database.signalsDueForReward(at: now, delayMinutes: settings.delayMinutes)
        var tally = RewardTally(due: due.count)
        guard !due.isEmpty else { return tally.result(requests: 0) }
        context.console.progress("reward: \(Format.plural(due.count, "signal")) due")
        // Every candle comes from the exchange: while it is paused nothing can be measured.
        if let pause = context.pause(of: MEXCAPI.source) {
            var result = tally.result(requests: 0)
            result.status = .failed
            result.exit = .unavailable
            result.summary = "reward: nothing asked: \(pause.description); \(Format.plural(due.count, "signal")) stay pending"
            return result
        }

        var measurable: [SignalRecord] = []
        for signal in due {
            if signal.entry.isFinite && signal.entry > 0 {
                measurable.append(signal)
            } else {
                try settle(signal, as: .unavailable(Self.noEntryPrice), tally: &tally)
            }
        }
        let jobs = Dictionary(grouping: measurable) { $0.cexSymbol + quoteAsset }
            .sorted { $0.key < $1.key }
            .map { KlineBatch.plan(marketSymbol: $0.key, signals: $0.value, windowMinutes: settings.windowMinutes,
                                   baselineMinutes: settings.baselineMinutes) }

        try await measure(jobs, tally: &tally)
        return tally.result(requests: await context.recorder.requestCount(source: MEXCAPI.source))
    }

    /// Fetches a few symbols at a time and stores each answer's rewards as it
    /// arrives. A stop request (SIGTERM) lets the symbols in hand finish; the
    /// others are left pending for the next run.
    private func measure(_ jobs: [[KlineBatch]], tally: inout RewardTally) async throws {
        let api = MEXCAPI(client: context.client(MEXCAPI.source, baseURL: context.values.exchange.mexc.baseURL))
        var queue = jobs.makeIterator()
        func next() -> [KlineBatch]? { context.stopRequested ? nil : queue.next() }
        try await withThrowingTaskGroup(of: [BatchAnswer].self) { group in
            for _ in 0..<RewardStage.concurrentSymbols {
                guard let batches = next() else { break }
                group.addTask { try await Self.fetch(batches, api: api) }
            }
            while let answers = try await group.next() {
                try apply(answers, tally: &tally)
                if let batches = next() {
                    group.addTask { try await Self.fetch(batches, api: api) }
                }
            }
        }
        guard let signal = context.environment.stop.reason else { return }
        var left = 0
        while let batches = queue.next() { left += batches.reduce(0) { $0 + $1.members.count } }
        guard left > 0 else { return }
        tally.pending += left
        tally.stoppedBy = signal
    }

    /// One symbol's batches, one after the other. After MEXC has called the symbol
    /// invalid, its other batches are not asked again: the answer would not change.
    static func fetch(_ batches: [KlineBatch], api: MEXCAPI) async throws -> [BatchAnswer] {
        var answers: [BatchAnswer] = []
        for batch in batches {
            if let rejection = answers.last?.failure, KlineFailure(rejection) == .invalidSymbol {
                answers.append(BatchAnswer(batch: batch, result: .failure(rejection)))
                continue
            }
            do {
                let klines = try await api.klines(
                    symbol: batch.marketSymbol, startMs: batch.startMs, endMs: batch.requestEndMs, limit: batch.candleCount)
                answers.append(BatchAnswer(batch: batch, result: .success(klines)))
            } catch let error as SourceError {
                answers.append(BatchAnswer(batch: batch, result: .failure(error)))
            }
        }
        return answers
    }

    private func apply(_ answers: [BatchAnswer], tally: inout RewardTally) throws {
        guard let symbol = answers.first?.batch.marketSymbol else { return }
        var symbolTally = RewardTally(due: 0)
        symbolTally.symbols = 1
        for answer in answers {
            // Built once per answer: every signal of the batch reads the same candles.
            let series: CandleSeries? = if case .success(let klines) = answer.result {
                CandleSeries(klines, realNowMs: realNowMs)
            } else {
                nil
            }
            for member in answer.batch.members {
                try settle(member.signal, as: verdict(member, answer: answer, series: series), tally: &symbolTally)
            }
            if case .failure(let error) = answer.result {
                symbolTally.noteFailure(symbol: symbol, error: error, signals: answer.batch.members.count)
            } else {
                symbolTally.noteAnswer()
            }
        }
        context.console.progress("reward: \(symbol.singleLine(limit: 40)): \(symbolTally.progressLine)")
        tally.merge(symbolTally)
    }

    private func settle(_ signal: SignalRecord, as verdict: Verdict, tally: inout RewardTally) throws {
        guard let id = signal.id else { return }
        // A write that changes no row means the signal left `pending` (or was pruned)
        // behind this run's back: it is nothing of this run's to count.
        switch verdict {
        case .done(let reward, let candles):
            let after = try context.database.pricesAfter(signal, windowMinutes: settings.windowMinutes)
            if try context.database.recordReward(signalID: id, reward, candles: candles, after: after, at: now,
                                                 routing: NotifyChannels.routing(context.values.notify)) {
                tally.countDone(reward)
            }
        case .unavailable(let note):
            if try context.database.markRewardUnavailable(signalID: id, note: note, at: now) { tally.count(.unavailable) }
        case .pending:
            tally.count(.pending)
        }
    }
}

/// What MEXC answered for one batch.
struct BatchAnswer: Sendable {
    let batch: KlineBatch
    let result: Result<[MEXCKline], SourceError>

    var failure: SourceError? {
        if case .failure(let error) = result { return error }
        return nil
    }
}

/// How a failed klines request affects its signals.
enum KlineFailure: Equatable {
    /// HTTP 400 with MEXC code -1121: the market does not exist; asking again will not help.
    case invalidSymbol
    /// Network, timeout, 429, 5xx: the next run tries again.
    case transient
    /// Anything else (an unreadable answer, another 4xx): tried again until `give_up_hours`.
    case other

    init(_ error: SourceError) {
        if case .rejected(400, let detail) = error.kind, detail.contains("-1121") {
            self = .invalidSymbol
        } else {
            self = error.isRetryable ? .transient : .other
        }
    }
}
