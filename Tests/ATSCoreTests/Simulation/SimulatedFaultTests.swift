import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// Each fault switch produces what it promises on the wire, and `SourceClient`
/// reacts to it as product.md's network manners require.
@Suite struct SimulatedFaultTests {
    static let tickers = "/mexc/api/v3/ticker/24hr"

    @Test(arguments: [2, nil] as [Int?])
    func rateLimitAnswers429WithTheSourcesBody(retryAfter: Int?) async throws {
        try await Sim.withMarket { market in
            await market.setFault(.rateLimited(retryAfter: retryAfter), on: .coingeckoSimplePrice)
            let raw = try await Sim.get(market.coinGeckoURL + "/simple/price?ids=juliet&vs_currencies=usd")
            #expect(raw.status == 429)
            #expect(raw.headers["retry-after"] == retryAfter.map(String.init))
            #expect(String(decoding: raw.body, as: UTF8.self).hasPrefix(#"{"status":{"error_code":429,"error_message":"#))
        }
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorAnswersTheChosenStatus(status: Int) async throws {
        try await Sim.withMarket { market in
            await market.setFault(.serverError(status: status), on: .mexcTickers)
            let answer = try await Sim.get(market.baseURL + Self.tickers)
            #expect(answer.status == status)
        }
    }

    @Test func htmlChallengeIsA200HTMLPageThatTheClientRefusesWithoutRetrying() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.htmlChallenge, on: .dexscreenerSearch)
            let raw = try await Sim.get(market.dexScreenerURL + "/latest/dex/search?q=solana")
            #expect(raw.status == 200 && raw.headers["content-type"]?.hasPrefix("text/html") == true)
            let error = await #expect(throws: SourceError.self) {
                _ = try await DexScreenerAPI(client: Sim.client("dexscreener", market.dexScreenerURL, retries: 2)).search("solana usd")
            }
            #expect(error?.kind == .notJSON("an HTML page (a challenge or error page)"))
            #expect(await market.requestCount(.dexscreenerSearch) == 2, "one raw request, one from the client: not retried")
        }
    }

    @Test func truncatedJSONIsHalfTheNormalAnswer() async throws {
        try await Sim.withMarket { market in
            let normal = try await Sim.get(market.baseURL + Self.tickers).body
            await market.setFault(.truncatedJSON, on: .mexcTickers)
            let cut = try await Sim.get(market.baseURL + Self.tickers).body
            #expect(cut == normal.prefix(normal.count / 2))
            let error = await #expect(throws: SourceError.self) { _ = try await Sim.mexc(market).allTickers() }
            #expect(error?.kind == .unexpectedShape("not valid JSON (truncated?)"))
        }
    }

    @Test func emptyBodyIsRefusedAsEmpty() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.emptyBody, on: .mexcExchangeInfo)
            let raw = try await Sim.get(market.mexcURL + "/api/v3/exchangeInfo")
            #expect(raw.status == 200 && raw.body.isEmpty)
            let error = await #expect(throws: SourceError.self) { _ = try await Sim.mexc(market).exchangeInfo() }
            #expect(error?.kind == .emptyBody)
        }
    }

    @Test(arguments: [SimulatedEndpoint.mexcTickers, .coingeckoSimplePrice, .dexscreenerPairs, .mexcKlines])
    func wrongShapeIsValidJSONThatDoesNotDecode(endpoint: SimulatedEndpoint) async throws {
        try await Sim.withMarket { market in
            await market.setFault(.wrongShape, on: endpoint)
            let alpha = try #require(market.pair(.buySignal))
            let error = await #expect(throws: SourceError.self) {
                switch endpoint {
                case .mexcTickers: _ = try await Sim.mexc(market).allTickers()
                case .coingeckoSimplePrice: _ = try await Sim.coinGecko(market).simplePrices(ids: ["juliet"])
                case .dexscreenerPairs: _ = try await Sim.dexScreener(market).pairs(chain: "solana", addresses: [alpha.pairAddress])
                default: _ = try await Sim.mexc(market).klines(symbol: "ALPHAUSDT", startMs: 0, endMs: 1)
                }
            }
            guard case .unexpectedShape? = error?.kind else {
                Issue.record("expected an unexpected-shape error, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func hangIsBoundedByTheClientTimeoutAndDoesNotBlockShutdown() async throws {
        let market = try await SimulatedMarket.start(seed: 3, now: { Sim.instant })
        await market.setFault(.hang, on: .mexcTickers)
        let client = Sim.client("mexc", market.mexcURL, timeout: 0.3, retries: 1)
        let error = await #expect(throws: SourceError.self) { _ = try await MEXCAPI(client: client).allTickers() }
        #expect(error?.kind == .transport(.timedOut(seconds: 0.3)))
        #expect(error?.attempts == 2)
        // The server may log the second attempt a moment after the client gave up on it.
        for _ in 0..<200 where await market.requestCount(.mexcTickers) < 2 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await market.requestCount(.mexcTickers) == 2)
        let pending = Task { try await Sim.get(market.baseURL + Self.tickers, timeout: .seconds(30)) }
        while await market.requestCount(.mexcTickers) < 3 { try await Task.sleep(for: .milliseconds(5)) }
        await market.stop()
        // Stopping cancels the held handler: the client gets a 500 or a closed connection, not a wait.
        let outcome = await pending.result
        if case .success(let response) = outcome { #expect(response.status >= 500) }
    }

    @Test func latencyDelaysTheNormalAnswer() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.latency(milliseconds: 250), on: .coingeckoSimplePrice)
            let (prices, latency) = try await Sim.coinGecko(market).simplePrices(ids: ["juliet"])
            #expect(prices["juliet"] != nil)
            #expect(latency >= 250)
        }
    }

    @Test func aFaultForNRequestsThenRecovers() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.serverError(status: 503), on: .mexcTickers, times: 2)
            let statuses = try await [0, 1, 2].asyncMap { _ in try await Sim.get(market.baseURL + Self.tickers).status }
            #expect(statuses == [503, 503, 200])
        }
    }

    @Test func clearingFaultsRestoresNormalAnswers() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.emptyBody, on: SimulatedEndpoint.allCases)
            let faulted = try await Sim.get(market.baseURL + Self.tickers)
            #expect(faulted.body.isEmpty)
            await market.clearFaults()
            let normal = try await Sim.get(market.baseURL + Self.tickers)
            #expect(normal.body.count > 100)
        }
    }

    @Test func faultsCanBeSwitchedOverHTTP() async throws {
        try await Sim.withMarket { market in
            let set = try await Sim.send(.POST, market.baseURL + "/_sim/faults", body: #"{"endpoint":"mexc","fault":"server_error","status":502,"times":1}"#)
            #expect(set.status == 200)
            #expect(try await Sim.get(market.mexcURL + "/api/v3/exchangeInfo").status == 502)
            #expect(try await Sim.get(market.mexcURL + "/api/v3/exchangeInfo").status == 200)
            _ = try await Sim.send(.POST, market.baseURL + "/_sim/faults", body: #"{"endpoint":"*","fault":"rate_limited","retry_after":1}"#)
            #expect(try await Sim.get(market.coinGeckoURL + "/coins/list").status == 429)
            #expect(try await Sim.send(.DELETE, market.baseURL + "/_sim/faults").status == 200)
            #expect(try await Sim.get(market.coinGeckoURL + "/coins/list").status == 200)
        }
    }

    @Test(arguments: [#"{"endpoint":"nope","fault":"hang"}"#, #"{"endpoint":"mexc","fault":"explode"}"#, "not json",
                      #"{"endpoint":"mexc","fault":"server_error","status":404}"#])
    func badFaultCommandsAreRefused(body: String) async throws {
        try await Sim.withMarket { market in
            let answer = try await Sim.send(.POST, market.baseURL + "/_sim/faults", body: body)
            #expect(answer.status == 400)
            #expect(answer.body.contains(#""error":"#))
        }
    }

    @Test func requestsAreCountedPerEndpointAndLogged() async throws {
        try await Sim.withMarket { market in
            let alpha = try #require(market.pair(.buySignal))
            _ = try await Sim.dexScreener(market).pairs(chain: "solana", addresses: [alpha.pairAddress])
            _ = try await Sim.mexc(market).allTickers()
            _ = try await Sim.mexc(market).allTickers()
            #expect(await market.requestCount(.mexcTickers) == 2)
            #expect(await market.requestCount(.dexscreenerPairs) == 1)
            #expect(await market.requestCount() == 3)
            #expect(await market.requestLog().map(\.path) == ["/dexscreener/latest/dex/pairs/solana/\(alpha.pairAddress)", Self.tickers, Self.tickers])
            let overHTTP = try await Sim.get(market.baseURL + "/_sim/requests")
            #expect(String(decoding: overHTTP.body, as: UTF8.self).contains(#""mexc_ticker_24hr":2"#))
            await market.resetRequestLog()
            #expect(await market.requestCount() == 0)
        }
    }
}

extension Array {
    /// Sequential async map (requests in order, one at a time).
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
