import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The market's faults for the reliability suite produce what they promise on the wire.
/// (Generous timeouts: these check bytes, not speed, and `swift test` in parallel keeps
/// the cooperative pool that serves the market busy.)
@Suite struct SimulatedHostileAnswerTests {
    static func get(_ url: String) async throws -> ATSCore.HTTPResponse {
        try await Sim.get(url, timeout: .seconds(20))
    }

    static func send(_ body: String, to market: SimulatedMarket) async throws -> Int {
        var request = HTTPClientRequest(url: market.baseURL + "/_sim/faults")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(20)).status.code)
    }

    @Test(arguments: [
        (SimulatedBadNumber.text, #""priceUsd":"n/a""#), (.nanText, #""priceUsd":"NaN""#), (.infinityText, #""priceUsd":"Infinity""#),
        (.nanLiteral, #""priceUsd":NaN"#), (.overflow, #""priceUsd":1e999"#), (.zero, #""priceUsd":"0""#), (.null, #""priceUsd":null"#),
    ])
    func badNumbersReplaceThePricesAndNothingElse(_ bad: SimulatedBadNumber, _ expected: String) async throws {
        try await Sim.withMarket { market in
            let url = market.dexScreenerURL + "/latest/dex/search?q=solana%20usd"
            let normal = String(decoding: try await Self.get(url).body, as: UTF8.self)
            await market.setFault(.badNumbers(bad), on: .dexscreenerSearch)
            let changed = String(decoding: try await Self.get(url).body, as: UTF8.self)
            #expect(changed.contains(expected))
            let liquidity = { (text: String) in text.components(separatedBy: #""liquidity":"#).dropFirst().map { $0.prefix(30) } }
            #expect(liquidity(changed) == liquidity(normal), "liquidity.usd is no price")
        }
    }

    @Test func aNegativePriceKeepsItsType() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.badNumbers(.negative), on: .coingeckoSimplePrice)
            let answer = try await Self.get(market.coinGeckoURL + "/simple/price?ids=juliet&vs_currencies=usd")
            #expect(String(decoding: answer.body, as: UTF8.self).hasPrefix(#"{"juliet":{"usd":-"#))
        }
    }

    @Test func aHugeAnswerIsRefusedAtTheCapAndTheMarketSeesTheHangUp() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.huge(bytes: 50 << 20), on: .mexcTickers)
            // A generous timeout: reading 8 MB on a busy machine must not turn into a timeout.
            let mexc = MEXCAPI(client: Sim.client(MEXCAPI.source, market.mexcURL, timeout: 20))
            let error = await #expect(throws: SourceError.self) { _ = try await mexc.allTickers() }
            #expect(error?.kind == .transport(.tooLarge(limit: 8 << 20)))
            #expect(market.largeBodyBytesSent > 8 << 20 && market.largeBodyBytesSent < 30 << 20)
        }
    }

    @Test func linksPointWhereTheyAreTold() async throws {
        try await Sim.withMarket { market in
            await market.setFault(.foreignLinks(base: "http://127.0.0.1:1"), on: .dexscreenerSearch)
            let body = String(decoding: try await Self.get(market.dexScreenerURL + "/latest/dex/search?q=solana%20usd").body, as: UTF8.self)
            #expect(body.contains(#""url":"http://127.0.0.1:1/pair""#))
            #expect(body.contains(#""websites":[{"label":"Website","url":"http://127.0.0.1:1/site"}]"#))
            #expect(!body.contains("https://dexscreener.com"))
        }
    }

    @Test func theRequestLogKeepsTheHeaders() async throws {
        try await Sim.withMarket { market in
            let client = SourceClient(
                source: "coingecko", baseURL: market.coinGeckoURL, transport: LiveHTTPTransport(),
                policy: RequestPolicy(timeout: 20, retries: 0), budget: LocalBudget.unlimited,
                recorder: RequestRecorder(stage: .poll), headers: [CoinGeckoAPI.keyHeader: "k-123"])
            _ = try await CoinGeckoAPI(client: client).simplePrices(ids: ["juliet"])
            #expect(await market.requestLog().last?.headers[CoinGeckoAPI.keyHeader] == "k-123")
        }
    }

    @Test(arguments: [
        (#"{"endpoint":"mexc_ticker_24hr","fault":"client_error","message":"banned"}"#, 418),
        (#"{"endpoint":"mexc_ticker_24hr","fault":"null"}"#, 200),
        (#"{"endpoint":"mexc_ticker_24hr","fault":"bad_numbers","value":"zero"}"#, 200),
        (#"{"endpoint":"mexc_ticker_24hr","fault":"links","url":"http://127.0.0.1:1"}"#, 200),
    ])
    func theNewFaultsCanBeSwitchedOverHTTP(_ command: String, _ status: Int) async throws {
        try await Sim.withMarket { market in
            let set = try await Self.send(command, to: market)
            #expect(set == 200)
            let answer = try await Self.get(market.mexcURL + "/api/v3/ticker/24hr")
            #expect(answer.status == status)
        }
    }

    @Test(arguments: [
        #"{"endpoint":"mexc","fault":"client_error","status":429}"#, #"{"endpoint":"mexc","fault":"bad_numbers","value":"odd"}"#,
        #"{"endpoint":"mexc","fault":"links","url":"nowhere"}"#,
    ])
    func badNewFaultCommandsAreRefused(_ command: String) async throws {
        try await Sim.withMarket { market in
            let answer = try await Self.send(command, to: market)
            #expect(answer == 400)
        }
    }
}
