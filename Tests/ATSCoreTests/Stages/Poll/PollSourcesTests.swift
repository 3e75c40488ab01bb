import Foundation
import Testing
@testable import ATSCore

/// How `ats poll` treats each source's answers: failures, quirks, units, verifiers.
@Suite struct PollSourcesTests {
    static let htmlChallenge = HTTPResponse(
        status: 200, headers: ["content-type": "text/html"],
        body: Data("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>".utf8))

    @Test func aDeadDexSourceMakesItsPairsErrorsAndTheRunPartial() async throws {
        let harness = try PollHarness([MarketPair("ALPHA"), MarketPair("BETA")])
        harness.market.breakSource("dexscreener")
        let outcome = await harness.run()
        #expect(outcome.exit == .ok)
        #expect(outcome.status == .partial)
        #expect(try harness.signals().isEmpty)
        let observations = try harness.observations()
        #expect(observations.map(\.outcome) == [.error, .error])
        #expect(observations[0].reason == "dex data missing: dexscreener failed: HTTP 503 server error")
        #expect(observations[0].cexPrice == 1.02)
        #expect(harness.capture.stderr == ["warning: dexscreener /latest/dex/pairs/*: HTTP 503 server error; 2 pair observations recorded as errors (1 of 1 burst)"])
    }

    @Test func everyMarketSourceDownExits69() async throws {
        let harness = try PollHarness([MarketPair("ALPHA"), MarketPair("BETA", chain: "ethereum", sources: "geckoterminal")])
        for source in ["dexscreener", "geckoterminal", "mexc"] { harness.market.breakSource(source) }
        let outcome = await harness.run(bursts: 2)
        #expect(outcome.exit == .unavailable)
        #expect(outcome.status == .failed)
        #expect(try harness.lastRun().status == .failed)
        #expect(try harness.observations().map(\.outcome) == [.error, .error, .error, .error])
        #expect(outcome.summary == "poll: no market source could be reached (every DEX and exchange request failed); only errors were recorded")
        #expect(harness.capture.stderr.filter { $0.hasPrefix("warning: ") }.count == 3)
    }

    @Test func aVerifierAloneDoesNotCountAsReachingTheMarket() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        harness.market.breakSource("dexscreener")
        harness.market.breakSource("mexc")
        #expect(await harness.run().exit == .unavailable)
    }

    @Test func aChallengePageIsAFailedSourceNotData() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        harness.market.breakSource("mexc", with: Self.htmlChallenge)
        let outcome = await harness.run()
        #expect(outcome.status == .partial)
        #expect(try harness.observation("ALPHA").reason
            == "cex data missing: mexc failed: not JSON: an HTML page (a challenge or error page)")
        #expect(try harness.signals().isEmpty)
    }

    @Test func aPairMissingFromTheAnswerIsAnErrorNotAFailure() async throws {
        var absent = MarketPair("BETA")
        absent.listedOnDex = false
        let harness = try PollHarness([MarketPair("ALPHA"), absent])
        let outcome = await harness.run()
        #expect(outcome.status == .ok)
        #expect(try harness.observation("BETA").reason == "dex data missing: pair absent from dexscreener's answer")
        #expect(try harness.observation("ALPHA").outcome == .signal)
    }

    @Test func aMarketMEXCDoesNotListIsAnError() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        harness.market.pairs[0].symbol = "OTHER"
        _ = await harness.run()
        #expect(try harness.observation("ALPHA").reason == "cex data missing: mexc has no ticker for ALPHAUSDT")
    }

    @Test(arguments: ["0", "-1.5", "NaN", "", nil] as [String?])
    func aBadDexPriceIsAnErrorNeverADivision(_ price: String?) async throws {
        var pair = MarketPair("ALPHA")
        pair.dexPrice = price
        let harness = try PollHarness([pair])
        _ = await harness.run()
        let observation = try harness.observation("ALPHA")
        #expect(observation.outcome == .error)
        #expect(observation.reason == "dex data missing: dexscreener price in the quote token is missing, zero or negative")
        #expect(observation.spread == nil)
    }

    @Test func aPoolPricingAnotherBaseTokenIsAnError() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        harness.market.pairs[0].baseAddress = "SomeOtherMint"
        _ = await harness.run()
        #expect(try harness.observation("ALPHA").reason.hasPrefix("dex data missing: dexscreener reports base token SomeOtherMint"))
    }

    // MARK: units

    @Test func cexVolumeIsQuoteVolumeNeverBaseUnits() async throws {
        var pair = MarketPair("ALPHA")
        pair.quoteVolume = "900000"
        pair.baseVolume = "90000000"
        let harness = try PollHarness([pair])
        _ = await harness.run()
        let observation = try harness.observation("ALPHA")
        #expect(observation.outcome == .risk)
        #expect(observation.reason == "cex 24h quote volume below minimum: $900k < $1M")
        #expect(observation.cexVolume24hUsd == 900_000)
    }

    /// MEXC sends `quoteVolume: null` for some markets: v2 estimates it as `volume ×
    /// lastPrice` (4 900 000 × 1.02 = 4 998 000 USDT) and notes it, instead of calling the pair risk.
    @Test func aNullQuoteVolumeIsEstimatedFromTheBaseVolumeAtTheLastPrice() async throws {
        var pair = MarketPair("ALPHA")
        pair.quoteVolume = nil
        let harness = try PollHarness([pair])
        _ = await harness.run()
        let observation = try harness.observation("ALPHA")
        #expect(observation.outcome == .signal)
        #expect(observation.cexVolume24hUsd == 4_998_000)
        #expect(try harness.signals().first?.notes.contains("cex 24h quote volume $5M (estimated: volume × last price)") == true)
    }

    @Test func aNullQuoteVolumeWithoutABaseVolumeIsARiskRejection() async throws {
        var pair = MarketPair("ALPHA")
        pair.quoteVolume = nil
        pair.baseVolume = ""
        let harness = try PollHarness([pair])
        _ = await harness.run()
        let observation = try harness.observation("ALPHA")
        #expect(observation.outcome == .risk)
        #expect(observation.reason == "cex 24h quote volume unknown")
        #expect(observation.cexVolume24hUsd == nil)
    }

    @Test func mexcTickerReadsStringsAndKeepsUnitsApart() throws {
        let tickers = try JSONDecoder().decode(LossyArray<MEXCTicker>.self, from: Fixtures.data("mexc-ticker-24hr-all")).elements
        let jup = try #require(tickers.first { $0.symbol == "JUPUSDT" })
        #expect(jup.lastPrice == 0.4712)
        #expect(jup.quoteVolume == 8_701_344.91)
        #expect(jup.baseVolume == 18_822_411.2)
        #expect(jup.priceChangeFraction == 0.0331)
        #expect(tickers.first { $0.symbol == "NEWUSDT" }?.quoteVolume == nil)
    }

    // MARK: GeckoTerminal

    @Test func pairsOnlyGeckoTerminalFoundArePolledThroughPoolsMulti() async throws {
        let harness = try PollHarness([MarketPair("ALPHA", chain: "ethereum", sources: "geckoterminal")])
        _ = await harness.run()
        #expect(harness.market.requests(to: "dexscreener").isEmpty)
        let request = try #require(harness.market.requests(to: "geckoterminal").first)
        #expect(request.url.path.hasPrefix("/api/v2/networks/eth/pools/multi/0xab"))
        #expect(try harness.observation("ALPHA").outcome == .signal)
    }

    @Test func pairsBothScannersFoundUseDexScreenerOnly() async throws {
        let harness = try PollHarness([MarketPair("ALPHA", sources: "dexscreener,geckoterminal")])
        _ = await harness.run()
        #expect(harness.market.requests(to: "geckoterminal").isEmpty)
        #expect(harness.market.requests(to: "dexscreener").count == 1)
    }
}
