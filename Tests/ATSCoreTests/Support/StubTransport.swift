import Foundation
@testable import ATSCore

/// The one mock: an `HTTPTransport` that answers from a routing closure and
/// records every request it was asked for (URL with query, headers).
final class StubTransport: HTTPTransport, @unchecked Sendable {
    typealias Route = @Sendable (HTTPRequest) async throws -> HTTPResponse

    private let lock = NSLock()
    private var _requests: [HTTPRequest] = []
    private let route: Route

    init(_ route: @escaping Route) {
        self.route = route
    }

    /// Answers by the first path fragment that the URL contains; unknown paths get a 404.
    convenience init(byPath answers: [String: HTTPResponse]) {
        self.init { request in
            let path = request.url.path
            if let match = answers.keys.sorted(by: { $0.count > $1.count }).first(where: { path.contains($0) }) {
                return answers[match]!
            }
            return HTTPResponse(status: 404, body: Data("{\"error\":\"not found\"}".utf8))
        }
    }

    private var _bodies: [Data] = []

    var requests: [HTTPRequest] { lock.withLock { _requests } }
    /// The bodies of the POSTs, in order.
    var bodies: [Data] { lock.withLock { _bodies } }

    func post(_ request: HTTPRequest, body: Data, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse {
        lock.withLock { _bodies.append(body) }
        return try await get(request, timeout: timeout, maxBytes: maxBytes)
    }

    func get(_ request: HTTPRequest, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse {
        lock.withLock { _requests.append(request) }
        let response = try await route(request)
        if response.body.count > maxBytes { throw TransportError.tooLarge(limit: maxBytes) }
        return response
    }
}

extension HTTPResponse {
    static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["content-type": "application/json"].merging(headers) { $1 }, body: Data(text.utf8))
    }

    static func fixture(_ name: String, status: Int = 200) throws -> HTTPResponse {
        HTTPResponse(status: status, headers: ["content-type": "application/json"], body: try Fixtures.data(name))
    }
}
