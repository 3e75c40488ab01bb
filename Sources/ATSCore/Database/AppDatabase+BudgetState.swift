import Foundation

/// What `status`, `status --json`, the report and the metrics show of the network
/// manners: pauses in force, each budget's use in its last window, CoinGecko's month.
public struct BudgetState: Sendable, Equatable {
    public var at: Date
    public var pauses: [SourcePause]
    public var use: [BudgetUse]
    public var coinGeckoMonth: String
    public var coinGeckoCalls: Int
    /// `monthly_credits`; 0: not capped.
    public var coinGeckoCredits: Int

    public static let empty = BudgetState(at: Date(timeIntervalSince1970: 0), pauses: [], use: [], coinGeckoMonth: "",
                                          coinGeckoCalls: 0, coinGeckoCredits: 0)

    /// The month's credits are spent: CoinGecko is not asked until the next UTC month.
    public var coinGeckoSpent: Bool { coinGeckoCredits > 0 && coinGeckoCalls >= coinGeckoCredits }

    /// One line each, safe for a terminal or a page (source names and reasons are ours).
    public var pauseLines: [String] {
        pauses.map { "\($0.source) paused until \($0.until.iso8601), \(Self.remaining($0.until.timeIntervalSince(at))) left (\($0.reason))" }
    }

    public var useLines: [String] { use.map(\.description) }

    public var coinGeckoLine: String {
        "CoinGecko calls in \(coinGeckoMonth) (UTC): \(Format.count(coinGeckoCalls))"
            + (coinGeckoCredits > 0 ? " of \(Format.count(coinGeckoCredits)) monthly_credits" + (coinGeckoSpent ? " (spent: not asked until next month)" : "")
                : " (monthly_credits not set)")
    }

    static func remaining(_ seconds: Double) -> String {
        // Pauses are capped at a week when stored; the clamp keeps a stray value from trapping.
        let whole = Int(min(max(0, seconds.isFinite ? seconds : 0), 365 * 86_400).rounded(.up))
        return whole >= 120 ? "\(whole / 60) min \(whole % 60) s" : "\(whole) s"
    }
}

extension AppDatabase {
    /// The network manners at `now` (the real clock), with CoinGecko's plan and credits
    /// from the config (its limit depends on the plan).
    public func budgetState(at now: Date, coinGeckoPlan: String = "keyless", monthlyCredits: Int = 0) throws -> BudgetState {
        BudgetState(
            at: now, pauses: try pausesInForce(at: now),
            use: try budgetUse(at: now, limits: ["coingecko": SourcePacing.coinGecko(plan: coinGeckoPlan)]),
            coinGeckoMonth: BudgetMonth.key(now), coinGeckoCalls: try monthCalls(source: "coingecko", at: now),
            coinGeckoCredits: monthlyCredits)
    }
}
