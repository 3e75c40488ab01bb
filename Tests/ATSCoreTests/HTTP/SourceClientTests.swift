import Foundation
import Testing
@testable import ATSCore

/// Retries, Retry-After, error lines and body checks, through the HTTP seam.
@Suite struct SourceClientTests {
    final class Sleeps: @unchecked Sendable {
        private let lock = NSLock()
        private var _values: [Double] = []
        var values: [Double] { lock.withLock { _values } }
        func record(_ seconds: Double) { lock.withLock { _values.append(seconds) } }
    }

    func client(_ transport: StubTransport, retries: Int = 2, sleeps: Sleeps = Sleeps(), headers: [String: String] = [:]) -> SourceClient {
        SourceClient(
            source: "coingecko", baseURL: "https://api.example.com/api/v3", transport: transport,
            policy: RequestPolicy(timeout: 1, retries: retries), budget: LocalBudget.unlimited,
            recorder: RequestRecorder(stage: .poll), headers: headers, sleep: { sleeps.record($0) })
    }

    final class Sequence: @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [HTTPResponse]
        init(_ answers: [HTTPResponse]) { self.answers = answers }
        func next() -> HTTPResponse { lock.withLock { answers.count > 1 ? answers.removeFirst() : answers[0] } }
    }

    @Test func a429IsRetriedAfterItsRetryAfter() async throws {
        let answers = Sequence([.json("{}", status: 429, headers: ["Retry-After": "3"]), .json("{\"ok\":1}")])
        let transport = StubTransport { _ in answers.next() }
        let sleeps = Sleeps()
        let reply = try await client(transport, sleeps: sleeps).get("/ping", endpoint: "ping")
        #expect(reply.response.status == 200)
        #expect(transport.requests.count == 2)
        #expect(sleeps.values == [3])
    }

    @Test func a400IsNotRetriedAndCarriesTheAPIMessage() async throws {
        let transport = StubTransport { _ in try .fixture("mexc-error-invalid-symbol", status: 400) }
        do {
            _ = try await client(transport).get("/api/v3/klines", query: [("symbol", "NOPEUSDT")], endpoint: "klines")
            Issue.record("expected an error")
        } catch let error as SourceError {
            #expect(error.kind == .rejected(status: 400, detail: "'Invalid symbol. (code -1121)'"))
            #expect(error.description == "coingecko /api/v3/klines: HTTP 400 'Invalid symbol. (code -1121)'")
        }
        #expect(transport.requests.count == 1)
    }

    @Test(arguments: [500, 502, 503])
    func serverErrorsAreRetriedThenReportedWithTheAttempts(_ status: Int) async throws {
        let transport = StubTransport { _ in .json("oops", status: status) }
        let sleeps = Sleeps()
        await #expect(throws: SourceError(source: "coingecko", path: "/x", kind: .serverError(status: status), attempts: 3)) {
            _ = try await client(transport, retries: 2, sleeps: sleeps).get("/x", endpoint: "x")
        }
        #expect(transport.requests.count == 3)
        #expect(sleeps.values.count == 2)
        #expect(sleeps.values[1] > sleeps.values[0])  // backoff grows
    }

    @Test func aRetryAfterBeyondTheCapIsNotWaitedOut() async throws {
        let transport = StubTransport { _ in .json("{}", status: 429, headers: ["Retry-After": "600"]) }
        let sleeps = Sleeps()
        await #expect(throws: SourceError.self) { _ = try await client(transport, sleeps: sleeps).get("/x", endpoint: "x") }
        #expect(transport.requests.count == 1)
        #expect(sleeps.values.isEmpty)
    }

    @Test func networkErrorsAreRetried() async throws {
        let transport = StubTransport { _ in throw TransportError.network("connection refused") }
        await #expect(throws: SourceError(source: "coingecko", path: "/x", kind: .transport(.network("connection refused")), attempts: 2)) {
            _ = try await client(transport, retries: 1).get("/x", endpoint: "x")
        }
    }

    @Test func errorsNeverShowTheQueryOrTheKey() async throws {
        let transport = StubTransport { _ in .json("{}", status: 401) }
        do {
            _ = try await client(transport, headers: [CoinGeckoAPI.keyHeader: "SECRET-KEY"])
                .get("/simple/price", query: [("ids", "secret-id")], endpoint: "price")
            Issue.record("expected a 401 error")
        } catch {
            let line = String(describing: error)
            #expect(!line.contains("SECRET-KEY") && !line.contains("secret-id"))
            #expect(line.contains("/simple/price"))
        }
        #expect(transport.requests.first?.headers[CoinGeckoAPI.keyHeader] == "SECRET-KEY")
        #expect(transport.requests.first?.url.absoluteString == "https://api.example.com/api/v3/simple/price?ids=secret-id")
    }

    @Test(arguments: [
        ("<!DOCTYPE html><html>Just a moment...</html>", SourceError.Kind.notJSON("an HTML page (a challenge or error page)")),
        ("", .emptyBody),
        ("  \n", .emptyBody),
        ("{\"pairs\": [{\"chainId\": \"sol", .unexpectedShape("not valid JSON (truncated?)")),
        ("{\"pairs\": 5}", .unexpectedShape("wrong type at pairs")),
    ])
    func badBodiesAreNamedNotDecoded(_ body: String, _ expected: SourceError.Kind) async throws {
        let transport = StubTransport { _ in .json(body) }
        let api = DexScreenerAPI(client: client(transport))
        await #expect(throws: SourceError(source: "coingecko", path: "/latest/dex/search", kind: expected)) {
            _ = try await api.search("x")
        }
    }

    @Test func everyAttemptIsRecordedWithItsOutcome() async throws {
        let recorder = RequestRecorder(stage: .scan)
        let answers = Sequence([.json("{}", status: 503), .json("{}")])
        let client = SourceClient(
            source: "mexc", baseURL: "https://x", transport: StubTransport { _ in answers.next() },
            policy: RequestPolicy(timeout: 1, retries: 2), budget: LocalBudget.unlimited,
            recorder: recorder, sleep: { _ in })
        _ = try await client.get("/api/v3/exchangeInfo", endpoint: "exchangeInfo")
        let records = await recorder.allRecords()
        #expect(records.map(\.ok) == [false, true])
        #expect(records.map(\.statusCode) == [503, 200])
        #expect(records.allSatisfy { $0.source == "mexc" && $0.endpoint == "exchangeInfo" })
    }

    // A huge or negative wait is an API's word, not a date to store: capped at a week, floored at 0.
    @Test(arguments: [("5", 5.0 as Double?), ("0", 0), ("", nil), ("soon", nil), ("1e300", 604_800), ("-5", 0), ("nan", nil)])
    func retryAfterIsReadInSeconds(_ header: String, _ expected: Double?) {
        #expect(SourceClient.retryAfter(header) == expected)
    }
}
