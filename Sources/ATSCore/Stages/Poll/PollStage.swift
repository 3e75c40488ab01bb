import Foundation

/// `ats poll`: every watchlist pair, N bursts S seconds apart, under the stage's lock.
/// Per burst: fetch (a handful of batched requests, concurrently), evaluate each pair
/// with `PairEvaluator`, and write the burst's observations and signals in one transaction.
public enum PollStage {
    public static func run(bursts: Int?, intervalSeconds: Double?, config: LoadedConfig, environment: StageEnvironment) async -> StageRunner.Outcome {
        let schedule: PollSchedule
        do {
            schedule = try PollSchedule.resolve(bursts: bursts, intervalSeconds: intervalSeconds, config: config.values)
        } catch {
            let message = StageRunner.describe(error)
            environment.console.error(message)
            return StageRunner.Outcome(exit: StageRunner.exitStatus(for: error), status: .failed, summary: message, runID: nil)
        }
        return await StageRunner.run(.poll, config: config, environment: environment) { context in
            try await poll(schedule, context: context)
        }
    }

    static func poll(_ schedule: PollSchedule, context: StageContext) async throws -> StageResult {
        let pairs = try context.database.watchlist()
        guard !pairs.isEmpty else {
            return StageResult(status: .ok, summary: "poll: the watchlist is empty, nothing to poll; run `ats scan` to fill it",
                               counts: PollTally().counts)
        }
        let fetcher = BurstFetcher(context: context)
        let rules = PollRules(context.values)
        var tally = PollTally()
        tally.pairs = pairs.count
        var failures = FailureLog()
        // product.md: a source that fails is a warning. A verifier's failure never blocks a
        // signal (the pairs are noted unverified), but the operator must still hear of it.
        var verifierFailures = FailureLog(item: "pair", effect: "left unverified")
        var anyDexOrCexAnswer = false
        var pausedBursts = 0
        var exchangePause: SourcePause?
        let start = ContinuousClock.now

        var completed = 0
        for burst in 1...schedule.bursts {
            if burst > 1 {
                try await context.environment.stop.sleep(
                    until: start.advanced(by: .cappedSeconds(schedule.intervalSeconds * Double(burst - 1))))
            }
            // SIGTERM/SIGINT: the bursts already written stay; no new burst starts.
            if context.stopRequested { break }
            // The exchange prices every pair: while it is paused a burst asks nothing (the
            // DEX answers would be worth nothing) and records why, naming the pause.
            if let pause = context.pause(of: MEXCAPI.source) {
                exchangePause = pause
                pausedBursts += 1
                let observedAt = context.now()
                let decision = PairDecision.notAsked("not asked: \(pause.description)")
                try context.database.recordBurst(pairs.map { pair in
                    BurstRecords.row(pair: pair, evidence: BurstSnapshot().evidence(for: pair), decision: decision, tradeSize: rules.tradeSize,
                                     burst: burst, observedAt: observedAt, runID: context.runID)
                })
                tally.add(pairs.map { _ in decision })
                context.console.progress("burst \(burst)/\(schedule.bursts): nothing asked, \(pause.description)")
                completed = burst
                continue
            }
            // A burst waits for budget at most until the next one is due; what it could
            // not ask by then is recorded as errors, never a burst that overruns the next.
            let due = burst < schedule.bursts
                ? context.environment.budgetClock().addingTimeInterval(
                    Self.seconds(ContinuousClock.now.duration(to: start.advanced(by: .cappedSeconds(schedule.intervalSeconds * Double(burst))))))
                : nil
            var snapshot = await BudgetDeadline.$current.withValue(due) { await fetcher.fetch(pairs) }
            try Task.checkCancellation()
            let observedAt = context.now()
            let recent = try context.database.latestSignals(since: observedAt.addingTimeInterval(-rules.cooldownMinutes * 60))
            var decisions = pairs.map { pair in
                PairEvaluator.screen(snapshot.evidence(for: pair), rules: rules, lastSignals: recent[pair.cexSymbol] ?? [:], now: observedAt)
            }
            // Verification and order books cost requests (monthly credits, weight):
            // they are asked for the would-be signals alone, verifiers first.
            let wouldBe = pairs.indices.filter { decisions[$0].isWouldBeSignal }
            await BudgetDeadline.$current.withValue(due) { await fetcher.verify(wouldBe.map { pairs[$0] }, into: &snapshot) }
            for index in wouldBe {
                decisions[index] = PairEvaluator.verify(decisions[index], verifiers: snapshot.evidence(for: pairs[index]).verifiers, rules: rules)
            }
            let standing = wouldBe.filter { decisions[$0].isWouldBeSignal }
            await BudgetDeadline.$current.withValue(due) { await fetcher.books(standing.map { pairs[$0] }, into: &snapshot) }
            try Task.checkCancellation()
            var rows: [BurstRow] = []
            for (index, pair) in pairs.enumerated() {
                let evidence = snapshot.evidence(for: pair)
                if standing.contains(index) {
                    decisions[index] = PairEvaluator.sizeUp(decisions[index], book: evidence.book ?? .missing("no order book asked"), rules: rules)
                }
                rows.append(BurstRecords.row(pair: pair, evidence: evidence, decision: decisions[index], tradeSize: rules.tradeSize,
                                             burst: burst, observedAt: observedAt, runID: context.runID))
            }
            try context.database.recordBurst(rows, routing: NotifyChannels.routing(context.values.notify))
            tally.add(decisions)
            anyDexOrCexAnswer = anyDexOrCexAnswer || snapshot.dexOrCexAnswered
            failures.add(snapshot.failures)
            verifierFailures.add(snapshot.verifierFailures)
            for failure in snapshot.verifierFailures {
                context.console.info("\(failure.message); \(Format.plural(failure.pairs, "pair")) unverified by \(failure.source) in burst \(burst)")
            }
            context.console.progress(PollTally.burstLine(burst, of: schedule.bursts, pairs: pairs.count, decisions: decisions, slowest: snapshot.slowest))
            completed = burst
        }
        tally.requests = await context.recorder.requestCount()

        var warnings = failures.warnings(bursts: schedule.bursts) + verifierFailures.warnings(bursts: schedule.bursts)
        if let signal = context.environment.stop.reason, completed < schedule.bursts {
            return StageResult(status: .partial, summary: "poll: stopped by \(signal) after \(completed) of \(schedule.bursts) bursts; " + tally.summary.replacingOccurrences(of: "poll: ", with: "", options: .anchored),
                               counts: tally.counts, warnings: warnings, exit: .failure)
        }
        if let exchangePause, pausedBursts == completed, completed > 0 {
            return StageResult(status: .failed,
                               summary: "poll: nothing asked: \(exchangePause.description); every pair recorded as an error",
                               counts: tally.counts, warnings: warnings, exit: .unavailable)
        }
        if let exchangePause, pausedBursts > 0 {
            warnings.append("\(Format.plural(pausedBursts, "burst")) asked nothing: \(exchangePause.description)")
        }
        if !anyDexOrCexAnswer {
            return StageResult(status: .failed,
                               summary: "poll: no market source could be reached (every DEX and exchange request failed); only errors were recorded",
                               counts: tally.counts, warnings: warnings, exit: .unavailable)
        }
        return StageResult(status: failures.isEmpty && verifierFailures.isEmpty && pausedBursts == 0 ? .ok : .partial, summary: tally.summary,
                           counts: tally.counts, warnings: warnings)
    }
}

extension PollStage {
    static func seconds(_ duration: Duration) -> Double {
        max(0, Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}

/// Source failures across the bursts of a run, one warning per distinct failure.
struct FailureLog {
    private var entries: [String: (pairs: Int, bursts: Int)] = [:]
    /// What each failure cost: `10 pair observations recorded as errors`, `8 pairs left unverified`.
    let item: String
    let effect: String

    init(item: String = "pair observation", effect: String = "recorded as errors") {
        self.item = item
        self.effect = effect
    }

    var isEmpty: Bool { entries.isEmpty }

    /// One burst's failures (several requests may fail alike: one per chain).
    mutating func add(_ failures: [SourceFailure]) {
        for (message, alike) in Dictionary(grouping: failures, by: \.message) {
            let seen = entries[message]
            entries[message] = ((seen?.pairs ?? 0) + alike.reduce(0) { $0 + $1.pairs }, (seen?.bursts ?? 0) + 1)
        }
    }

    /// `mexc /api/v3/ticker/24hr: HTTP 503 server error; 10 pair observations recorded as errors (2 of 6 bursts)`
    func warnings(bursts: Int) -> [String] {
        entries.sorted { $0.key < $1.key }.map { message, seen in
            "\(message); \(Format.plural(seen.pairs, item)) \(effect) "
                + "(\(seen.bursts) of \(Format.plural(bursts, "burst")))"
        }
    }
}
