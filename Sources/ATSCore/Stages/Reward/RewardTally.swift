import Foundation

/// What a reward run did, for the `runs` row, the summary and the warnings.
struct RewardTally: Sendable {
    var due: Int
    var done = 0
    var pending = 0
    var unavailable = 0
    /// Batches MEXC answered (an "invalid symbol" rejection is an answer).
    var answered = 0
    /// Batches without a usable answer.
    var failed = 0
    /// Market symbols asked about.
    var symbols = 0
    /// The signal (SIGTERM, SIGINT) that stopped the run before every symbol was asked.
    var stoppedBy: String?
    /// Sums over this run's `done` rewards, for the summary's means.
    private(set) var sums = Sums()
    /// Failed batches grouped by error line, in the order they happened.
    private(set) var failures: [Failure] = []
    private(set) var rejections: [(symbol: String, signals: Int, reason: String)] = []

    struct Failure: Sendable {
        let error: String
        var symbols: [String]
        var signals: Int
    }

    struct Sums: Sendable {
        var net = 0.0
        var cost = 0.0
        var baseline = 0.0
        var baselines = 0

        mutating func add(_ other: Sums) {
            net += other.net
            cost += other.cost
            baseline += other.baseline
            baselines += other.baselines
        }
    }

    init(due: Int) { self.due = due }

    mutating func countDone(_ reward: RewardMeasurement) {
        count(.done)
        sums.net += reward.net
        sums.cost += reward.cost
        if let baseline = reward.baseline {
            sums.baseline += baseline
            sums.baselines += 1
        }
    }

    mutating func count(_ status: RewardStatus) {
        switch status {
        case .done: done += 1
        case .pending: pending += 1
        case .unavailable: unavailable += 1
        }
    }

    mutating func noteAnswer() { answered += 1 }

    mutating func noteFailure(symbol: String, error: SourceError, signals: Int) {
        if KlineFailure(error) == .invalidSymbol {
            answered += 1
            if let index = rejections.firstIndex(where: { $0.symbol == symbol }) {
                rejections[index].signals += signals
            } else {
                rejections.append((symbol, signals, error.reason))
            }
            return
        }
        failed += 1
        if let index = failures.firstIndex(where: { $0.error == error.description }) {
            if !failures[index].symbols.contains(symbol) { failures[index].symbols.append(symbol) }
            failures[index].signals += signals
        } else {
            failures.append(Failure(error: error.description, symbols: [symbol], signals: signals))
        }
    }

    mutating func merge(_ other: RewardTally) {
        done += other.done
        pending += other.pending
        unavailable += other.unavailable
        sums.add(other.sums)
        answered += other.answered
        symbols += other.symbols
        failed += other.failed
        rejections += other.rejections
        for failure in other.failures {
            if let index = failures.firstIndex(where: { $0.error == failure.error }) {
                failures[index].symbols += failure.symbols
                failures[index].signals += failure.signals
            } else {
                failures.append(failure)
            }
        }
    }

    var progressLine: String { "\(done) done, \(pending) pending, \(unavailable) unavailable" }

    func result(requests: Int) -> StageResult {
        let counts = ["due": due, "done": done, "pending": pending, "unavailable": unavailable, "requests": requests]
        let warnings = rejections.map { rejection in
            "reward: MEXC rejects \(rejection.symbol.singleLine(limit: 40)) (\(rejection.reason)); \(Format.plural(rejection.signals, "signal")) marked unavailable"
        } + failures.map { failure in
            "reward: klines for \(failure.symbols.sorted().joined(separator: ", ").singleLine(limit: 200)) failed: \(failure.error); \(Self.staysPending(failure.signals))"
        }
        guard due > 0 else { return StageResult(status: .ok, summary: "reward: nothing due", counts: counts) }
        if failed > 0 && answered == 0 {
            return StageResult(
                status: .failed,
                summary: "reward: MEXC could not be reached (\(Format.plural(failed, "klines request")) failed); \(Self.staysPending(pending))",
                counts: counts, warnings: warnings, exit: .unavailable)
        }
        var summary = "reward: \(due) due: \(progressLine) (\(Format.plural(requests, "request")))" + meansClause
        if let stoppedBy {
            summary = "reward: stopped by \(stoppedBy); " + summary.dropFirst("reward: ".count)
            return StageResult(status: .partial, summary: summary, counts: counts, warnings: warnings, exit: .failure)
        }
        if failed > 0 {
            let failedSymbols = Set(failures.flatMap(\.symbols)).count
            summary += "; MEXC failed for \(failedSymbols) of \(Format.plural(symbols, "symbol"))"
        }
        return StageResult(status: failed > 0 ? .partial : .ok, summary: summary, counts: counts, warnings: warnings)
    }

    /// What the run's rewards were worth, in the terms of the columns it wrote: the
    /// mean `reward_net`, the mean `reward_cost` it paid, and the mean
    /// `reward_baseline` (what random entries made) over the rewards that have one.
    /// "; mean of 2 done: net 0.45%, cost 0.2%, baseline -0.31% (from 2)".
    var meansClause: String {
        guard done > 0 else { return "" }
        func percent(_ sum: Double, _ count: Int) -> String { Format.shortPercent(sum / Double(count) * 100) }
        let baseline = sums.baselines > 0
            ? "baseline \(percent(sums.baseline, sums.baselines)) (from \(sums.baselines))"
            : "no baseline"
        return "; mean of \(done) done: net \(percent(sums.net, done)), cost \(percent(sums.cost, done)), \(baseline)"
    }

    /// "1 signal stays pending", "3 signals stay pending".
    static func staysPending(_ count: Int) -> String {
        "\(Format.plural(count, "signal")) \(Format.form(count, "stays", "stay")) pending"
    }
}
