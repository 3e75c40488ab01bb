import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The stage that reads an endpoint's answers.
enum FaultedStage: String, Sendable {
    case scan, poll, reward
}

extension SimulatedEndpoint {
    /// Every endpoint scan, poll and reward use (`dexscreener_tokens` is served but unused).
    static let usedByStages: [SimulatedEndpoint] = [
        .dexscreenerSearch, .geckoterminalTrendingPools, .mexcExchangeInfo, .coingeckoCoinsList,
        .dexscreenerPairs, .geckoterminalPools, .mexcTickers, .coingeckoSimplePrice, .binanceTickerPrice, .mexcKlines,
    ]

    var stage: FaultedStage {
        switch self {
        case .dexscreenerSearch, .geckoterminalTrendingPools, .mexcExchangeInfo, .coingeckoCoinsList: return .scan
        case .mexcKlines: return .reward
        default: return .poll
        }
    }

    /// Whether the answer holds prices (`badNumbers` changes it).
    var carriesPrices: Bool { ![.mexcExchangeInfo, .coingeckoCoinsList].contains(self) }

    /// The client's size cap for this endpoint, in MB (`SourceClient` refuses beyond it).
    var sizeCapMB: Int { [.mexcExchangeInfo, .coingeckoCoinsList].contains(self) ? 32 : 8 }
}

extension SimulatedFault: CustomTestStringConvertible {
    public var testDescription: String { label }

    /// The table's rows: faults that make the whole answer unusable, then prices that are no data.
    static let table: [SimulatedFault] = [
        .rateLimited(retryAfter: 1), .rateLimited(retryAfter: nil), .clientError(status: 418, message: nil),
        .serverError(status: 500), .serverError(status: 502), .serverError(status: 503),
        .htmlChallenge, .truncatedJSON, .emptyBody, .wrongShape, .nullBody, .huge(bytes: 50 << 20), .hang,
    ] + SimulatedBadNumber.allCases.map(SimulatedFault.badNumbers)

    /// Whether the fault changes this endpoint's answer (bad prices need prices).
    func applies(to endpoint: SimulatedEndpoint) -> Bool {
        if case .badNumbers = self { return endpoint.carriesPrices }
        return true
    }

    /// Whether the answer as a whole is refused (else it decodes, with prices that are no data).
    var failsTheRequest: Bool {
        if case .badNumbers(let bad) = self { return bad == .nanLiteral }
        return true
    }

    var label: String {
        switch self {
        case .rateLimited(let retryAfter): return "429" + (retryAfter.map { " Retry-After \($0)" } ?? "")
        case .banned(let retryAfter): return "418" + (retryAfter.map { " Retry-After \($0)" } ?? "")
        case .serverError(let status): return "\(status)"
        case .clientError(let status, _): return "\(status)"
        case .htmlChallenge: return "HTML challenge"
        case .truncatedJSON: return "truncated JSON"
        case .emptyBody: return "empty body"
        case .wrongShape: return "wrong shape"
        case .nullBody: return "null"
        case .huge(let bytes): return "\(bytes >> 20) MB body"
        case .hang: return "never answers"
        case .latency(let milliseconds): return "\(milliseconds) ms late"
        case .badNumbers(let bad): return "prices \(bad.rawValue)"
        case .foreignLinks: return "foreign links"
        }
    }
}

/// One cell of the table: an endpoint of a stage gives a bad answer.
struct BadAnswerCase: Sendable, CustomStringConvertible {
    let endpoint: SimulatedEndpoint
    let fault: SimulatedFault

    var description: String { "\(endpoint.rawValue): \(fault.label)" }

    /// The row of `fault`: every endpoint it applies to.
    static func row(_ fault: SimulatedFault) -> [BadAnswerCase] {
        SimulatedEndpoint.usedByStages.filter(fault.applies).map { BadAnswerCase(endpoint: $0, fault: fault) }
    }

    /// The client's timeout: only a hanging endpoint waits for it (the others answer at once,
    /// but on a machine busy with other builds "at once" can take a second, and reading up
    /// to a 32 MB cap longer).
    var timeout: Double {
        switch fault {
        case .hang: return 3
        case .huge: return 10
        default: return 5
        }
    }

    /// Why the source client refused the answer, exactly as the operator reads it.
    var reason: String {
        switch fault {
        case .rateLimited(let retryAfter?): return "HTTP 429 rate limited, retry after \(retryAfter)s"
        case .rateLimited(nil): return "HTTP 429 rate limited"
        // A 418 is a ban: the source is paused (2 minutes without Retry-After), never asked again at once.
        case .clientError(418, _): return "HTTP 418 banned"
        case .clientError(let status, let message):
            let body = SimulatedRouter.clientErrorBody(endpoint.source, status: status, message: message)
            return "HTTP \(status) " + SourceClient.apiMessage(Data(body.utf8))
        case .serverError(let status): return "HTTP \(status) server error"
        case .htmlChallenge: return "not JSON: an HTML page (a challenge or error page)"
        case .truncatedJSON, .badNumbers(.nanLiteral): return "unexpected answer: not valid JSON (truncated?)"
        case .emptyBody: return "empty answer"
        case .wrongShape: return "unexpected answer: wrong type at top level"
        case .nullBody: return "unexpected answer: null at top level"
        case .huge: return "answer larger than \(endpoint.sizeCapMB) MB (refused)"
        case .hang: return "no complete answer within \(Format.shortest(timeout))s"
        default: return "(answer accepted)"
        }
    }
}

/// What the operator and the database must see after the stage ran.
struct ExpectedOutcome {
    var exit: ATSCore.ExitStatus
    var status: RunStatus
    /// stderr, line for line.
    var lines: [String]
}
