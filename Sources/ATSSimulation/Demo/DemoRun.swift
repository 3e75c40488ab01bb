import ATSCore
import Foundation

/// `ats demo`: the whole pipeline offline in one command. The simulated market runs
/// in-process on a free loopback port; every stage runs against it with one shared
/// clock, moved forward after polling so that rewards are due at once.
public enum DemoRun {
    public static let configMarker = "# ats demo config: rewritten by every `ats demo` run in this folder."
    /// Poll runs spread over simulated time so the report has a history:
    /// five signalling pairs × 8 runs = 40 signals, enough for the report's statistics (30).
    /// One burst per run, and two in the last, whose second burst shows the cooldown:
    /// the demo compresses hours into seconds, but MEXC's budget (500 weight per 10 s,
    /// 40 for each all-tickers call) counts real time, and 16 calls within a few seconds
    /// would leave a burst with no ticker. Nine calls fit; the signals are the same (a
    /// second burst within the cooldown signals nothing).
    static let pollRuns = 8
    static func bursts(run: Int) -> Int { run == pollRuns ? 2 : 1 }
    static let burstInterval = 0.5

    public struct Summary: Sendable {
        public var folder: URL
        public var config: URL
        public var report: URL?
        public var marketURL: String
        public var seconds: Double
        public var watchlist: Int
        public var signals: [String: Int]
        public var rewards: [String: Int]
        public var scanExclusions: [(reason: String, count: Int)]
        public var pollOutcomes: [(outcome: String, count: Int)]
        public var failedStages: [String]
        /// Per receiver: messages it accepted, and what each said (first lines).
        public var messages: [(channel: String, delivered: Int, texts: [String])] = []
    }

    /// Runs init → scan → poll → reward → report in `folder` (created when missing).
    public static func run(folder: URL, seed: UInt64 = 1, console: Console) async throws -> Summary {
        let started = ContinuousClock.now
        let configFile = folder.appendingPathComponent("ats.yaml")
        try prepare(folder: folder, configFile: configFile)
        let clock = SimulationClock(start: try startTime(folder: folder))
        let market = try await SimulatedMarket.start(seed: seed, now: clock.now, port: 0)
        do {
            // Every channel on, pointed at the market's receivers (health alerts off: the demo
            // runs scan once and moves its clock 1.5 h, which would read as a stalled scan).
            try market.writeConfig(to: configFile, force: true) { _ = market.configureNotify(&$0, events: ["signal", "reward"]) }
            let text = try String(contentsOf: configFile, encoding: .utf8)
            try Data((configMarker + "\n" + text).utf8).write(to: configFile)
            var config = try ConfigLoader.load(file: configFile)
            // The demo compresses hours into seconds while request budgets count real time:
            // on keyless CoinGecko's ~10 calls a minute a second demo within the minute would
            // wait for budget. The demo budgets as a pro plan (no key is sent; the market allows 30 a minute).
            config.values.verifiers.coingecko.plan = "pro"
            let environment = StageEnvironment(now: clock.now, console: console, variables: market.notifyVariables(config.values.notify))
            var failed: [String] = []
            func check(_ stage: String, _ outcome: StageRunner.Outcome) {
                if outcome.exit != .ok { failed.append("\(stage) (exit \(outcome.exit.rawValue): \(outcome.summary))") }
            }
            console.output("ats demo: simulated market on \(market.baseURL); folder \(folder.path)")
            check("scan", await ScanStage.run(config: config, environment: environment))
            let spacing = pollSpacingMinutes(cooldown: config.values.signal.cooldownMinutes)
            console.output("ats demo: \(pollRuns) poll runs, \(Format.shortest(spacing)) simulated minutes apart (the last with a second burst)")
            for run in 1...pollRuns {
                if run > 1 { clock.advance(by: spacing * 60) }
                check("poll", await PollStage.run(bursts: bursts(run: run), intervalSeconds: burstInterval, config: config, environment: environment))
                check("notify", await NotifyStage.run(config: config, environment: environment))
            }
            let wait = config.values.reward.delayMinutes + 1
            console.output("ats demo: moving the clock \(Format.shortest(wait)) minutes forward so the signals' reward windows have closed")
            clock.advance(by: wait * 60)
            check("reward", await RewardStage.run(config: config, environment: environment))
            check("notify", await NotifyStage.run(config: config, environment: environment))
            let report = await ReportStage.run(config: config, environment: environment, output: nil)
            check("report", report)
            let messages = await receivedMessages(market)
            await market.stop()
            var summary = try summarize(config: config, market: market.baseURL, failed: failed)
            summary.messages = messages
            summary.report = report.exit == .ok ? config.reportOutputURL : nil
            let elapsed = started.duration(to: .now)
            summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return summary
        } catch {
            await market.stop()
            throw error
        }
    }

    /// A folder that is empty, new, or an earlier demo's; never someone's real setup.
    static func prepare(folder: URL, configFile: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard FileManager.default.fileExists(atPath: configFile.path) else { return }
        let text = (try? String(contentsOf: configFile, encoding: .utf8)) ?? ""
        guard text.hasPrefix(configMarker) else { throw DemoError.notADemoFolder(folder.path) }
    }

    /// Time only moves forward: a second run starts after everything the first one stored.
    /// It starts on the market's next cycle (`PricePath.cycleSeconds`), and polls a whole
    /// number of cycles apart, so every poll run meets the BUY coins at the start of
    /// their rise: BUY signals have an edge over random entries, SELL signals none.
    static func startTime(folder: URL) throws -> Date {
        let database = folder.appendingPathComponent("ats.sqlite")
        var earliest = Date()
        if FileManager.default.fileExists(atPath: database.path), let latest = try AppDatabase.open(at: database).latestRunActivity() {
            earliest = max(earliest, latest.addingTimeInterval(60))
        }
        let cycle = Double(PricePath.cycleSeconds)
        return Date(timeIntervalSince1970: (earliest.timeIntervalSince1970 / cycle).rounded(.up) * cycle)
    }

    /// The smallest whole number of market cycles longer than the cooldown.
    static func pollSpacingMinutes(cooldown: Double) -> Double {
        let cycleMinutes = Double(PricePath.cycleSeconds) / 60
        return max(1, ((cooldown + 1) / cycleMinutes).rounded(.up)) * cycleMinutes
    }

    static func summarize(config: LoadedConfig, market: String, failed: [String]) throws -> Summary {
        let database = try AppDatabase.open(at: config.databaseURL)
        return Summary(
            folder: config.folder, config: config.file, report: nil, marketURL: market, seconds: 0,
            watchlist: try database.watchlistCount(),
            signals: Dictionary(uniqueKeysWithValues: try database.signalCountsBySide().map { ($0.key.rawValue, $0.value) }),
            rewards: Dictionary(uniqueKeysWithValues: try database.signalCountsByRewardStatus().map { ($0.key.rawValue, $0.value) }),
            scanExclusions: try database.latestExclusionReasons(limit: Int.max),
            pollOutcomes: try database.latestPollOutcomes().map { (outcome: $0.outcome.rawValue, count: $0.count) },
            failedStages: failed)
    }

    /// The lines `ats demo` ends with.
    public static func lines(_ summary: Summary) -> [String] {
        let total = summary.signals.values.reduce(0, +)
        let sides = summary.signals.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let rewards = summary.rewards.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let seconds = Format.printf(summary.seconds, decimals: 1)
        let signalLine: String = sides.isEmpty ? "\(total)" : "\(total) (\(sides))"
        let exclusions: String = summary.scanExclusions.map { "\($0.reason) \($0.count)" }.joined(separator: ", ")
        let outcomes: String = summary.pollOutcomes.map { "\($0.outcome) \($0.count)" }.joined(separator: ", ")
        var out: [String] = [""]
        out.append("ats demo finished in \(seconds) s; no request left this machine (\(summary.marketURL)).")
        out.append("  report:     \(summary.report?.path ?? "not written")")
        out.append("  config:     \(summary.config.path)")
        out.append("  watchlist:  \(summary.watchlist) pairs")
        out.append("  signals:    \(signalLine)")
        out.append("  rewards:    \(rewards.isEmpty ? "none" : rewards)")
        out.append("  scan exclusions by reason: \(exclusions)")
        out.append("  last poll, pairs by outcome: \(outcomes)")
        out += messageLines(summary.messages)
        if summary.failedStages.isEmpty {
            out.append("Next: open the report in a browser, or run a stage by hand, e.g. `ats status --config \(summary.config.path)`.")
        } else {
            out.append("Stages that did not finish cleanly: " + summary.failedStages.joined(separator: "; "))
        }
        return out
    }
}

public enum DemoError: OperatorFacingError, Equatable {
    case notADemoFolder(String)

    public var exitStatus: ExitStatus { .usage }
    public var description: String {
        switch self {
        case .notADemoFolder(let path):
            return "\(path) holds an ats.yaml that `ats demo` did not write; pick a new or empty --dir (nothing was changed)"
        }
    }
}
