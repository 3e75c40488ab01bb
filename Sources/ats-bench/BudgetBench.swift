import ATSCore
import ATSSimulation
import Foundation

/// Issue 14's "budget" table: requests and weight per source per minute and per month for
/// crontab.example's schedule (scan every 15 min, poll every minute in 5 bursts, reward
/// every 5 min, report every 5 min, which asks nothing), at 10, 100 and 1000 pairs,
/// measured on the simulated market's own counts (with its limits enforced) and set
/// against each API's published limit. Stages run in this process on the real clock;
/// request counts do not depend on the build mode.
enum BudgetBench {
    static let sizes = [10, 100, 1000]
    static let minutesPerMonth = 30.0 * 24 * 60

    /// What one run of a stage sent to one source, as the market counted it.
    struct Count { var requests = 0.0; var weight = 0.0 }
    typealias Counts = [String: Count]

    static func run(_ bench: BenchContext) async throws -> String {
        var lines = [
            "| pairs | source | requests / min | weight / min | busiest minute (weight) | requests / month | published limit | busiest minute / limit |",
            "|--:|---|--:|--:|--:|--:|---|--:|",
        ]
        for size in sizes {
            bench.progress("budget: the crontab's schedule at \(size) pairs")
            let measured = try await measure(size: size, bench)
            lines += rows(size: size, measured)
        }
        return lines.joined(separator: "\n")
    }

    struct Measured {
        var scan: Counts
        var coinList: Counts
        var poll: Counts
        var reward: Counts
        var refused: Int
    }

    static func measure(size: Int, _ bench: BenchContext) async throws -> Measured {
        let market = try await SimulatedMarket.start(seed: 1, extraPairs: max(0, size))
        do {
            let measured = try await measure(size: size, bench, market: market)
            await market.stop()
            return measured
        } catch {
            await market.stop()
            throw error
        }
    }

    static func measure(size: Int, _ bench: BenchContext, market: SimulatedMarket) async throws -> Measured {
        let workspace = try bench.workspace("budget-\(size)", market: market)
        let environment = StageEnvironment(variables: [:])
        // The first scan also fetches the coin list (daily); the second is a scan as cron runs it.
        _ = await ScanStage.run(config: workspace.config, environment: environment)
        let coinList = counts(await market.budgetLog()).filter { $0.key == "coingecko" }
        await market.resetBudget()
        _ = await ScanStage.run(config: workspace.config, environment: environment)
        let scan = counts(await market.budgetLog())

        let scenario = market.watchlistPairs.filter { $0.scenario != .filler }
        let fillers = market.pairs.filter { $0.scenario == .filler }
        try workspace.fillWatchlist(Array((scenario + fillers).prefix(size)))
        await market.resetBudget()
        // crontab.example: `poll --bursts 5 --interval 10` (the interval does not change the count).
        let poll = await PollStage.run(bursts: 5, intervalSeconds: 10, config: workspace.config, environment: environment)
        guard poll.exit == .ok else { throw BenchError(description: "budget poll at \(size) pairs: \(poll.summary)") }
        let polled = counts(await market.budgetLog())

        await market.resetBudget()
        // The signals just recorded, as the reward run 17 minutes later finds them due.
        _ = await RewardStage.run(config: workspace.config, environment: environment, asOf: Date().addingTimeInterval(17 * 60))
        let rewarded = counts(await market.budgetLog())
        let refused = await market.budgetUse().reduce(0) { $0 + $1.refused }
        return Measured(scan: scan, coinList: coinList, poll: polled, reward: rewarded, refused: refused)
    }

    static func counts(_ log: [SimulatedBudgetEntry]) -> Counts {
        var out: Counts = [:]
        for entry in log {
            out[entry.source, default: Count()].requests += 1
            out[entry.source, default: Count()].weight += entry.weight
        }
        return out
    }

    /// Per hour: 4 scans, 60 polls, 12 rewards; the coin list once a day. Scans (minutes
    /// 0, 15, 30, 45) never share a minute with a reward (2, 7, 12, ...): the busiest
    /// minute is a poll with whichever of the two weighs more.
    static func rows(size: Int, _ m: Measured) -> [String] {
        let sources = Set(m.scan.keys).union(m.poll.keys).union(m.reward.keys).union(m.coinList.keys).sorted()
        return sources.map { source in
            func of(_ counts: Counts) -> Count { counts[source] ?? Count() }
            let perMinute = { (key: KeyPath<Count, Double>) -> Double in
                (4 * of(m.scan)[keyPath: key] + 60 * of(m.poll)[keyPath: key] + 12 * of(m.reward)[keyPath: key]) / 60
                    + of(m.coinList)[keyPath: key] / (24 * 60)
            }
            let busiest = of(m.poll).weight + max(of(m.scan).weight, of(m.reward).weight)
            let limit = published(source)
            return "| \(size) | \(source) | \(String(format: "%.1f", perMinute(\.requests))) | \(String(format: "%.1f", perMinute(\.weight))) | "
                + "\(String(format: "%.0f", busiest)) | \(grouped(perMinute(\.requests) * minutesPerMonth)) | \(limit.text) | "
                + "\(String(format: "%.0f %%", busiest / limit.perMinute * 100)) |"
        } + (m.refused > 0 ? ["| \(size) | (market) | \(m.refused) requests refused | | | | | |"] : [])
    }

    /// The limit per minute the busiest minute is compared with, and how it is published.
    static func published(_ source: String) -> (perMinute: Double, text: String) {
        switch source {
        case "mexc": return (3000, "500 weight / 10 s per endpoint (3000 / min)")
        case "dexscreener": return (300, "300 / min")
        case "geckoterminal": return (30, "30 / min")
        case "binance": return (6000, "6000 weight / min")
        case "coingecko": return (10, "keyless ~10 / min; Demo 30 / min and 10 000 / month; Pro from 250 / min")
        default: return (60, "unknown")
        }
    }

    static func grouped(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        formatter.groupingSeparator = " "
        return formatter.string(from: NSNumber(value: value.rounded())) ?? String(Int(value))
    }
}
