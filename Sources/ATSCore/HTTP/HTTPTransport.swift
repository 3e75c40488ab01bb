import Foundation

/// One GET request on the wire. Headers may carry secrets (API keys): they are
/// never logged, and errors name only the source and the URL path.
public struct HTTPRequest: Sendable, Equatable {
    public var url: URL
    public var headers: [String: String]

    public init(url: URL, headers: [String: String] = [:]) {
        self.url = url
        self.headers = headers
    }
}

public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }
}

/// Failures below HTTP: the transport could not produce a whole response in time.
public enum TransportError: Error, Equatable, CustomStringConvertible {
    case timedOut(seconds: Double)
    case tooLarge(limit: Int)
    case network(String)

    public var description: String {
        switch self {
        case .timedOut(let seconds): return "no complete answer within \(Format.shortest(seconds))s"
        case .tooLarge(let limit): return "answer larger than \(limit / 1_048_576) MB (refused)"
        case .network(let detail): return "network error: \(detail)"
        }
    }
}

/// The one HTTP seam: stages and sources talk to the network only through this.
/// The live implementation is `LiveHTTPTransport`; unit tests inject a stub.
public protocol HTTPTransport: Sendable {
    func get(_ request: HTTPRequest, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse
    /// A POST of `body` (notifications); the URL itself may be a secret (a webhook's).
    func post(_ request: HTTPRequest, body: Data, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse
}
