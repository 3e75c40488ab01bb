import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// `SourceClient` over real HTTP (async-http-client against the simulated market):
/// retries with Retry-After on 429, never on 400, and a bounded wait on a silent server.
@Suite struct SourceClientLoopbackTests {
    @Test func retriesA429AfterWaitingTheRetryAfterSeconds() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.rateLimited(retryAfter: 3), on: .mexcTickers, times: 1)
            let sleeps = RecordedSleeps()
            let recorder = RequestRecorder(stage: .poll)
            let client = Sim.client("mexc", market.mexcURL, retries: 2, sleeps: sleeps, recorder: recorder)
            let tickers = try await MEXCAPI(client: client).allTickers().tickers
            #expect(!tickers.isEmpty)
            #expect(sleeps.seconds.count == 1 && sleeps.seconds[0] >= 3)
            #expect(await market.requestCount(.mexcTickers) == 2)
            #expect(await recorder.allRecords().map(\.statusCode) == [429, 200])
        }
    }

    @Test func retriesA429WithoutRetryAfterWithBackoff() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.rateLimited(retryAfter: nil), on: .coingeckoSimplePrice, times: 2)
            let sleeps = RecordedSleeps()
            let client = Sim.client("coingecko", market.coinGeckoURL, retries: 2, sleeps: sleeps)
            let prices = try await CoinGeckoAPI(client: client).simplePrices(ids: ["alpha-protocol"]).prices
            #expect(prices["alpha-protocol"] != nil)
            #expect(sleeps.seconds.count == 2 && sleeps.seconds[1] > sleeps.seconds[0])
        }
    }

    @Test func aRetryAfterBeyondThePolicyIsNotWaitedOut() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.rateLimited(retryAfter: 600), on: .mexcTickers)
            let sleeps = RecordedSleeps()
            let error = await #expect(throws: SourceError.self) {
                _ = try await MEXCAPI(client: Sim.client("mexc", market.mexcURL, retries: 2, sleeps: sleeps)).allTickers()
            }
            #expect(error?.kind == .rateLimited(status: 429, retryAfter: 600))
            #expect(sleeps.seconds.isEmpty)
        }
    }

    @Test func gives5xxUpAfterTheConfiguredRetries() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.serverError(status: 503), on: .mexcExchangeInfo)
            let error = await #expect(throws: SourceError.self) {
                _ = try await MEXCAPI(client: Sim.client("mexc", market.mexcURL, retries: 2)).exchangeInfo()
            }
            #expect(error?.kind == .serverError(status: 503))
            #expect(error?.attempts == 3)
            #expect(await market.requestCount(.mexcExchangeInfo) == 3)
        }
    }

    @Test func neverRetriesA400() async throws {
        try await Sim.withMarket { market in
            let sleeps = RecordedSleeps()
            let error = await #expect(throws: SourceError.self) {
                _ = try await MEXCAPI(client: Sim.client("mexc", market.mexcURL, retries: 3, sleeps: sleeps))
                    .klines(symbol: "NOSUCHUSDT", startMs: 0, endMs: 60_000)
            }
            #expect(error?.kind == .rejected(status: 400, detail: "'Invalid symbol. (code -1121)'"))
            #expect(error?.description == "mexc /api/v3/klines: HTTP 400 'Invalid symbol. (code -1121)'")
            #expect(sleeps.seconds.isEmpty)
            #expect(await market.requestCount(.mexcKlines) == 1)
        }
    }

    @Test func aSilentServerCostsTheTimeoutPerAttempt() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.hang, on: .coingeckoCoinsList)
            let recorder = RequestRecorder(stage: .poll)
            let error = await #expect(throws: SourceError.self) {
                _ = try await CoinGeckoAPI(client: Sim.client("coingecko", market.coinGeckoURL, timeout: 0.25, retries: 0, recorder: recorder)).coinsList()
            }
            #expect(error?.kind == .transport(.timedOut(seconds: 0.25)))
            #expect(error?.description == "coingecko /coins/list: no complete answer within 0.25s")
            let record = try #require(await recorder.allRecords().first)
            #expect(record.ok == false && record.statusCode == nil)
        }
    }

    @Test func aStoppedMarketIsAConnectionError() async throws {
        let market = try await SimulatedMarket.start(seed: 1)
        let url = market.mexcURL
        await market.stop()
        let error = await #expect(throws: SourceError.self) { _ = try await MEXCAPI(client: Sim.client("mexc", url, timeout: 0.5)).allTickers() }
        guard case .transport(.network)? = error?.kind else {
            Issue.record("expected a network error, got \(String(describing: error))")
            return
        }
    }
}
