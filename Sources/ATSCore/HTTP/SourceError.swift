import Foundation

/// A failed request to one source, named by source and URL path (never the query
/// string or headers, which may carry a key). One line, safe to print.
public struct SourceError: OperatorFacingError, Equatable {
    public enum Kind: Equatable, Sendable {
        case transport(TransportError)
        /// 4xx other than 429: not retried (an invalid symbol stays invalid).
        case rejected(status: Int, detail: String)
        case rateLimited(status: Int, retryAfter: Double?)
        case serverError(status: Int)
        /// An HTML page (a challenge or error page) or other non-JSON answer with a 2xx status.
        case notJSON(String)
        case emptyBody
        case unexpectedShape(String)
        /// Not sent: the source is paused after a 429/418 that said how long.
        case paused(until: Date, reason: String)
        /// Not sent: the source's budget has no room before the step's deadline.
        case noBudget(limit: String, until: Date)
        /// Not sent: the month's `monthly_credits` are spent.
        case creditsSpent(credits: Int, until: Date)
    }

    public let source: String
    public let path: String
    public let kind: Kind
    public let attempts: Int

    public init(source: String, path: String, kind: Kind, attempts: Int = 1) {
        self.source = source
        self.path = path
        self.kind = kind
        self.attempts = attempts
    }

    public var isRetryable: Bool {
        switch kind {
        case .transport(.tooLarge): return false
        // 418 is a ban: asking again lengthens it.
        case .rateLimited(let status, _): return status == 429
        case .transport, .serverError: return true
        default: return false
        }
    }

    /// A request that escaped its stage ends the run as a failure (1); stages normally
    /// turn a failed source into a warning before that.
    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        "\(source) \(Self.shorten(path)): \(reasonAndAttempts)"
    }

    /// The reason, and how many tries it took when more than one: the one way
    /// every line that reports a failed request says it.
    public var reasonAndAttempts: String {
        reason + (attempts > 1 ? " (after \(attempts) attempts)" : "")
    }

    public var reason: String {
        switch kind {
        case .transport(let error): return error.description
        case .rejected(let status, let detail): return "HTTP \(status)" + (detail.isEmpty ? "" : " \(detail)")
        case .rateLimited(let status, let retryAfter):
            return "HTTP \(status) \(status == 418 ? "banned" : "rate limited")" + (retryAfter.map { ", retry after \(Format.shortest($0.rounded(.up)))s" } ?? "")
        case .serverError(let status): return "HTTP \(status) server error"
        case .notJSON(let what): return "not JSON: \(what)"
        case .emptyBody: return "empty answer"
        case .unexpectedShape(let detail): return "unexpected answer: \(detail)"
        case .paused(let until, let reason): return "not asked: paused until \(until.iso8601) (\(reason))"
        case .noBudget(let limit, let until):
            return "not asked: its budget (\(limit)) has no room before \(until.iso8601), past this step's time"
        case .creditsSpent(let credits, let until):
            return "not asked: this month's \(Format.plural(credits, "call")) (verifiers.coingecko.monthly_credits) are spent; asking again from \(until.iso8601)"
        }
    }

    /// Long batch paths (30 addresses) are cut so the line stays readable.
    static func shorten(_ path: String) -> String {
        let safe = path.singleLine(limit: 400)
        guard safe.count > 90 else { return safe }
        return String(safe.prefix(87)) + "…"
    }
}
