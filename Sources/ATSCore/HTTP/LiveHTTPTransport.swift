import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP over async-http-client (`HTTPClient.shared`). Not URLSession: on Linux
/// with Swift 6.3 it can hang a process whose concurrent requests are cancelled,
/// and a hung cron job holds its lock forever.
public struct LiveHTTPTransport: HTTPTransport {
    let client: HTTPClient

    public init(client: HTTPClient = LiveHTTPTransport.processClient) {
        self.client = client
    }

    /// HTTP/1.1 connections open at once to one host (HTTP/2 multiplexes on one).
    /// A 1000-pair burst sends ~36 DexScreener lookups at once; with async-http-client's
    /// default of 8 they would queue for 5 round trips, with 16 for 3 (docs/benchmarks.md).
    public static let connectionsPerHost = 16

    /// `HTTPClient.shared`'s settings, except that a failed connection is not retried
    /// inside async-http-client until the deadline: `SourceClient` already retries
    /// with backoff, and a refused connection should cost milliseconds, not the timeout.
    public static let processClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connectionsPerHost
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public func get(_ request: HTTPRequest, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse {
        try await execute(request, method: .GET, body: nil, timeout: timeout, maxBytes: maxBytes)
    }

    public func post(_ request: HTTPRequest, body: Data, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse {
        try await execute(request, method: .POST, body: body, timeout: timeout, maxBytes: maxBytes)
    }

    private func execute(_ request: HTTPRequest, method: HTTPMethod, body: Data?, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = method
        outgoing.headers.add(name: "Accept", value: "application/json")
        outgoing.headers.add(name: "User-Agent", value: "ats/1 (+batch market monitor)")
        if let body {
            outgoing.headers.add(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let client = self.client
        let prepared = outgoing
        // The deadline covers the whole exchange, body included: a server that sends
        // headers and then trickles (or stops) cannot hold the run.
        return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask {
                do {
                    let response = try await client.execute(prepared, deadline: .now() + .nanoseconds(Int64(seconds * 1e9)))
                    let body = try await response.body.collect(upTo: maxBytes)
                    var headers: [String: String] = [:]
                    for header in response.headers { headers[header.name.lowercased()] = header.value }
                    return HTTPResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
                } catch is NIOTooManyBytesError {
                    throw TransportError.tooLarge(limit: maxBytes)
                } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                    throw TransportError.timedOut(seconds: seconds)
                } catch let error as TransportError {
                    throw error
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    if Task.isCancelled { throw CancellationError() }
                    throw TransportError.network(Self.describe(error))
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout + .milliseconds(250))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw TransportError.timedOut(seconds: seconds)
            }
            return response
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .remoteConnectionClosed: return "the server closed the connection"
            case .connectTimeout: return "connection timed out"
            default: return String(describing: error)
            }
        }
        let text = String(describing: error)
        if text.contains("Connection refused") || text.contains("connectionRefused") { return "connection refused" }
        return text.singleLine(limit: 160)
    }
}
