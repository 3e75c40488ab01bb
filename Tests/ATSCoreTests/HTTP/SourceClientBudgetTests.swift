import Foundation
import Testing
@testable import ATSCore

/// What the client does with the shared budget, through the HTTP seam: bans are
/// remembered and honoured without a request, a step never waits past its deadline,
/// the big lists have their own timeout.
@Suite struct SourceClientBudgetTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_267_840)

    final class Timeouts: @unchecked Sendable {
        private let lock = NSLock()
        private var _values: [Duration] = []
        var values: [Duration] { lock.withLock { _values } }
        func record(_ value: Duration) { lock.withLock { _values.append(value) } }
    }

    struct Recording: HTTPTransport {
        let inner: StubTransport
        let timeouts: Timeouts
        func get(_ request: HTTPRequest, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse {
            timeouts.record(timeout)
            return try await inner.get(request, timeout: timeout, maxBytes: maxBytes)
        }
        func post(_ request: HTTPRequest, body: Data, timeout: Duration, maxBytes: Int) async throws -> HTTPResponse {
            timeouts.record(timeout)
            return try await inner.post(request, body: body, timeout: timeout, maxBytes: maxBytes)
        }
    }

    func client(_ transport: any HTTPTransport, budget: any RequestBudget, clock: @escaping Now = { t0 },
                deadline: Date? = nil) -> SourceClient {
        SourceClient(
            source: "mexc", baseURL: "https://api.mexc.test", transport: transport,
            policy: RequestPolicy(timeout: 5, retries: 2, downloadTimeout: 60), budget: budget, budgetDeadline: deadline,
            recorder: RequestRecorder(stage: .poll), sleep: { _ in }, budgetNow: clock)
    }

    @Test(arguments: [(nil, 120.0), ("300", 300.0)] as [(String?, Double)])
    func a418PausesTheSourceAndIsNotAskedAgain(_ retryAfter: String?, _ seconds: Double) async throws {
        let transport = StubTransport { _ in
            .json(#"{"code":-1003,"msg":"banned"}"#, status: 418, headers: retryAfter.map { ["Retry-After": $0] } ?? [:])
        }
        let database = try AppDatabase.inMemory()
        let client = client(transport, budget: database)
        await #expect(throws: SourceError.self) { try await client.get("/api/v3/ticker/24hr", endpoint: "tickers", weight: 40) }
        #expect(transport.requests.count == 1, "a ban is never retried")
        let pause = try #require(try database.pause(of: "mexc", at: Self.t0))
        #expect(pause.until == Self.t0.addingTimeInterval(seconds) && pause.statusCode == 418)

        do {
            _ = try await client.get("/api/v3/klines", endpoint: "klines")
            Issue.record("a paused source must not be asked")
        } catch let error as SourceError {
            #expect(error.kind == .paused(until: pause.until, reason: pause.reason))
            #expect(error.description.contains("not asked: paused until \(pause.until.iso8601)"))
        }
        #expect(transport.requests.count == 1, "nothing sent while paused")
    }

    /// A full window whose room comes back only after the step's deadline: the request is
    /// refused at once, without being sent, naming the limit.
    @Test func aRequestThatCannotFitBeforeItsDeadlineIsNotSent() async throws {
        let transport = StubTransport { _ in .json("[]") }
        let database = try AppDatabase.inMemory()
        for _ in 0..<12 {
            _ = try database.reserve(BudgetAsk(source: "mexc", bucket: "/api/v3/ticker/24hr", weight: 40, limit: SourcePacing.mexc), at: Self.t0)
        }
        let client = client(transport, budget: database)
        do {
            _ = try await BudgetDeadline.$current.withValue(Self.t0.addingTimeInterval(5)) {
                try await client.get("/api/v3/ticker/24hr", endpoint: "tickers", weight: 40)
            }
            Issue.record("expected no budget")
        } catch let error as SourceError {
            #expect(error.kind == .noBudget(limit: "500 weight per 10 s", until: Self.t0.addingTimeInterval(11)))
        }
        #expect(transport.requests.isEmpty)
    }

    /// With time to wait, the request waits for room (the clock moves as the client sleeps).
    @Test func aRequestWaitsForRoomWhenTheDeadlineAllows() async throws {
        let transport = StubTransport { _ in .json("[]") }
        let budget = LocalBudget()
        final class Clock: @unchecked Sendable {
            let lock = NSLock()
            var now = SourceClientBudgetTests.t0
        }
        let clock = Clock()
        let client = SourceClient(
            source: "geckoterminal", baseURL: "https://gt.test", transport: transport, policy: RequestPolicy(timeout: 5, retries: 0),
            budget: budget, budgetDeadline: Self.t0.addingTimeInterval(600), recorder: RequestRecorder(stage: .scan),
            sleep: { seconds in clock.lock.withLock { clock.now = clock.now.addingTimeInterval(seconds) } },
            budgetNow: { clock.lock.withLock { clock.now } })
        for _ in 0..<31 { _ = try await client.get("/networks/solana/trending_pools", endpoint: "trending") }
        #expect(transport.requests.count == 31)
        #expect(clock.now == Self.t0.addingTimeInterval(61), "the 31st waited until the first left the counted window")
    }

    @Test func theBigListsHaveTheDownloadTimeout() async throws {
        let timeouts = Timeouts()
        let transport = Recording(inner: StubTransport { _ in .json(#"{"symbols":[]}"#) }, timeouts: timeouts)
        let api = MEXCAPI(client: client(transport, budget: LocalBudget.unlimited))
        _ = try await api.exchangeInfo()
        _ = try? await api.allTickers()
        #expect(timeouts.values == [.seconds(60), .seconds(5)])
    }
}
