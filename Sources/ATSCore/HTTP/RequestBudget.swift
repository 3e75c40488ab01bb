import Foundation

/// A published limit: at most `weight` in any window of `windowSeconds`.
public struct BudgetLimit: Sendable, Equatable {
    public var weight: Double
    public var windowSeconds: Double
    /// Added to the window the budget counts in, so that requests granted just over a
    /// window apart cannot arrive less than a window apart (a slow connect delaying the
    /// first, a fast one the second): the API's window never sees more than `weight`.
    public var slackSeconds: Double
    /// `500 weight per 10 s`, `300 requests per 60 s`.
    public var unit: String

    public init(weight: Double, windowSeconds: Double, slackSeconds: Double = 1, unit: String = "requests") {
        self.weight = weight
        self.windowSeconds = windowSeconds
        self.slackSeconds = slackSeconds
        self.unit = unit
    }

    public var description: String {
        "\(Format.shortest(weight)) \(unit) per \(Format.shortest(windowSeconds)) s"
    }

    /// The window the budget counts in (the limit's own plus the slack).
    public var countedSeconds: Double { windowSeconds + slackSeconds }
}

/// One request about to be sent, as the budget sees it.
public struct BudgetAsk: Sendable, Equatable {
    public var source: String
    /// What the API counts separately: MEXC each endpoint, the others the whole API.
    public var bucket: String
    public var weight: Double
    public var limit: BudgetLimit
    /// Counted per UTC month (CoinGecko's credits); `monthlyCredits > 0` caps them.
    public var countsMonthly: Bool
    public var monthlyCredits: Int
    /// A pause ending no later than this is this client's own, already waited out.
    public var ignoringPauseThrough: Date?
    /// How long the request may take to reach the API after it is granted (its whole
    /// timeout: it may wait for a connection first). Until it is answered its grant is
    /// dated that late, so it counts for every window it might arrive in.
    public var inFlightSeconds: Double

    public init(source: String, bucket: String, weight: Double, limit: BudgetLimit, countsMonthly: Bool = false,
                monthlyCredits: Int = 0, ignoringPauseThrough: Date? = nil, inFlightSeconds: Double = 0) {
        self.inFlightSeconds = inFlightSeconds
        self.source = source
        self.bucket = bucket
        self.weight = weight
        self.limit = limit
        self.countsMonthly = countsMonthly
        self.monthlyCredits = monthlyCredits
        self.ignoringPauseThrough = ignoringPauseThrough
    }
}

/// A source paused after it said so (429/418 with `Retry-After`, 418 alone: 2 minutes).
public struct SourcePause: Sendable, Equatable {
    public var source: String
    public var until: Date
    public var statusCode: Int
    public var reason: String

    public init(source: String, until: Date, statusCode: Int, reason: String) {
        self.source = source
        self.until = until
        self.statusCode = statusCode
        self.reason = reason
    }

    /// `mexc is paused until 2026-12-02T03:14:07Z (HTTP 418: …)`
    public var description: String {
        "\(source) is paused until \(until.iso8601) (\(reason))"
    }
}

public enum BudgetAnswer: Sendable, Equatable {
    /// Reserved: send it now.
    case granted
    /// The window is full; it may have room at `until`.
    case wait(until: Date)
    case paused(SourcePause)
    /// The month's credits are spent.
    case monthSpent(calls: Int, credits: Int)
}

/// Where every `ats` process on one database reserves request weight before sending,
/// and records a pause an API announced. The live one is the database (`AppDatabase`);
/// `LocalBudget` serves a client that has none.
public protocol RequestBudget: Sendable {
    /// Atomically: paused → `.paused`; credits spent → `.monthSpent`; room in the
    /// window → reserved and `.granted`; else `.wait`.
    func reserve(_ ask: BudgetAsk, at now: Date) throws -> BudgetAnswer
    /// The request granted at `reservedAt` was answered (or failed) at `answeredAt`: its
    /// grant is dated then, the latest it can have reached the API.
    func settle(_ ask: BudgetAsk, reservedAt: Date, answeredAt: Date) throws
    /// Records a pause (a later end replaces an earlier one, never the reverse).
    func pause(_ pause: SourcePause) throws
}

/// The sliding-window rule, shared by every budget: a request fits when what was granted
/// in the last `countedSeconds`, plus it, stays within the limit; otherwise it may fit
/// when enough of those grants have left the window.
public enum SlidingWindow {
    public static func decide(grants: [(at: Double, weight: Double)], weight: Double, limit: BudgetLimit, now: Double) -> BudgetAnswer {
        let weight = min(weight, limit.weight)
        let live = grants.filter { $0.at > now - limit.countedSeconds }.sorted { $0.at < $1.at }
        var used = live.reduce(0) { $0 + $1.weight }
        if used + weight <= limit.weight + 1e-9 { return .granted }
        for grant in live {
            used -= grant.weight
            if used + weight <= limit.weight + 1e-9 {
                return .wait(until: Date(timeIntervalSince1970: grant.at + limit.countedSeconds))
            }
        }
        return .wait(until: Date(timeIntervalSince1970: now + limit.countedSeconds))
    }
}

/// A budget held in memory, for a client without a database (the bench's naive poller,
/// unit tests of the client). `unlimited` grants everything.
public final class LocalBudget: RequestBudget, @unchecked Sendable {
    private let lock = NSLock()
    private var grants: [String: [(at: Double, weight: Double)]] = [:]
    private var pauses: [String: SourcePause] = [:]
    private var calls: [String: Int] = [:]
    private let enforced: Bool

    public init(enforced: Bool = true) {
        self.enforced = enforced
    }

    public static var unlimited: LocalBudget { LocalBudget(enforced: false) }

    public func reserve(_ ask: BudgetAsk, at now: Date) throws -> BudgetAnswer {
        lock.withLock {
            if let pause = pauses[ask.source], pause.until > now,
               !(ask.ignoringPauseThrough.map { pause.until <= $0 } ?? false) {
                return .paused(pause)
            }
            let month = ask.source + " " + BudgetMonth.key(now)
            if ask.countsMonthly, ask.monthlyCredits > 0, calls[month, default: 0] >= ask.monthlyCredits {
                return .monthSpent(calls: calls[month, default: 0], credits: ask.monthlyCredits)
            }
            let key = ask.source + " " + ask.bucket
            let t = now.timeIntervalSince1970
            if enforced {
                grants[key] = (grants[key] ?? []).filter { $0.at > t - ask.limit.countedSeconds }
                let answer = SlidingWindow.decide(grants: grants[key] ?? [], weight: ask.weight, limit: ask.limit, now: t)
                guard answer == .granted else { return answer }
                grants[key, default: []].append((t + ask.inFlightSeconds, min(ask.weight, ask.limit.weight)))
            }
            if ask.countsMonthly { calls[month, default: 0] += 1 }
            return .granted
        }
    }

    public func settle(_ ask: BudgetAsk, reservedAt: Date, answeredAt: Date) throws {
        lock.withLock {
            let key = ask.source + " " + ask.bucket
            let reserved = reservedAt.timeIntervalSince1970 + ask.inFlightSeconds
            guard let index = grants[key]?.firstIndex(where: { $0.at == reserved }) else { return }
            grants[key]?[index].at = min(reserved, answeredAt.timeIntervalSince1970)
        }
    }

    public func pause(_ pause: SourcePause) throws {
        lock.withLock {
            if let existing = pauses[pause.source], existing.until >= pause.until { return }
            pauses[pause.source] = pause
        }
    }
}

/// The UTC month a call counts in (`2026-12`).
public enum BudgetMonth {
    public static func key(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 1970, parts.month ?? 1)
    }

    /// The first instant of the next UTC month (when spent credits come back).
    public static func next(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: calendar.dateComponents([.year, .month], from: date)) ?? date
        return calendar.date(byAdding: .month, value: 1, to: start) ?? date
    }
}

/// How long a request may wait for budget: a poll burst until its next burst is due,
/// any other step until the run's deadline. Set by the stage around a step, read by
/// every request the step makes (child tasks inherit it).
public enum BudgetDeadline {
    @TaskLocal public static var current: Date?
}
