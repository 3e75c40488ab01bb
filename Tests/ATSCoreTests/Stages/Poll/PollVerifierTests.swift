import Foundation
import Testing
@testable import ATSCore

/// Cross-verification through the verifier registry: CoinGecko by proven id, Binance by symbol.
@Suite struct PollVerifierTests {
    @Test func registryListsEachVerifierOnce() {
        let names = VerifierRegistry.kinds.map { String(describing: $0) }
        #expect(names == ["CoinGeckoVerifier", "BinanceVerifier"])
    }

    @Test func coinGeckoIsAskedOnceForEveryProvenID() async throws {
        let harness = try PollHarness([MarketPair("ALPHA"), MarketPair("BETA"), MarketPair("GAMMA", coingeckoID: "gamma-network")])
        _ = await harness.run()
        let requests = harness.market.requests(to: "coingecko")
        #expect(requests.count == 1)
        let ids = URLComponents(url: try #require(requests.first?.url), resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "ids" }?.value
        #expect(ids == "alpha-coin,beta-coin,gamma-network")
    }

    @Test func aPairWithoutAProvenIDIsNotVerifiableAndNotAskedFor() async throws {
        var pair = MarketPair("ALPHA")
        pair.coingeckoID = nil
        let harness = try PollHarness([pair])
        _ = await harness.run()
        #expect(harness.market.requests(to: "coingecko").isEmpty)
        let signal = try #require(try harness.signals().first)
        #expect(signal.notes.hasPrefix("unverified: not verifiable by coingecko (no proven coin id)"))
        #expect(try harness.observation("ALPHA").verifierPrices == #"{"coingecko":null}"#)
    }

    @Test func theTickerIsNeverMappedToAnID() async throws {
        // CoinGecko knows a coin whose id is the ticker, but the watchlist proved another id.
        var pair = MarketPair("ALPHA", coingeckoID: "alpha-finance-lab")
        pair.coingeckoPrice = nil
        let harness = try PollHarness([pair])
        _ = await harness.run()
        #expect(try harness.signals().first?.notes.hasPrefix("unverified: coingecko has no usd price for alpha-finance-lab") == true)
    }

    @Test func aDeviatingVerifierIsAGlitch() async throws {
        var pair = MarketPair("ALPHA")
        pair.coingeckoPrice = 1.2
        let harness = try PollHarness([pair])
        let outcome = await harness.run()
        #expect(outcome.status == .ok)
        #expect(try harness.signals().isEmpty)
        let observation = try harness.observation("ALPHA")
        #expect(observation.outcome == .glitch)
        #expect(observation.verifierPrices == #"{"coingecko":1.2}"#)
    }

    /// The signal still counts (a verifier that could not answer does not block), but a
    /// failing source is a warning and the run partial, as for any other source.
    @Test func aFailedVerifierAddsANoteAndAWarning() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")])
        harness.market.breakSource("coingecko", with: try .fixture("coingecko-error-429", status: 429))
        let outcome = await harness.run()
        #expect(outcome.exit == .ok)
        #expect(outcome.status == .partial)
        #expect(harness.capture.stderr == ["warning: coingecko /simple/price: HTTP 429 rate limited; 1 pair left unverified (1 of 1 burst)"])
        let signal = try #require(try harness.signals().first)
        #expect(signal.notes.hasPrefix("unverified: coingecko could not answer: HTTP 429 rate limited"))
    }

    @Test func theAPIKeyGoesInAHeaderFromTheNamedVariable() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")]) {
            $0.verifiers.coingecko.apiKeyEnv = "MY_CG_KEY"
            $0.verifiers.coingecko.plan = "demo"
        }
        _ = await harness.run(variables: ["MY_CG_KEY": "demo-secret"])
        let request = try #require(harness.market.requests(to: "coingecko").first)
        #expect(request.headers[CoinGeckoAPI.keyHeader] == "demo-secret")
        #expect(!request.url.absoluteString.contains("demo-secret"))
    }

    @Test func disabledVerifiersMakeNoRequest() async throws {
        let harness = try PollHarness([MarketPair("ALPHA")]) { $0.verifiers.coingecko.enabled = false }
        _ = await harness.run()
        #expect(harness.market.requests(to: "coingecko").isEmpty)
        #expect(harness.market.requests(to: "binance").isEmpty)
        #expect(try harness.signals().first?.notes.hasPrefix("no verifier enabled") == true)
    }

    @Test func binanceIsOneRequestForAllSymbols() async throws {
        var listed = MarketPair("ALPHA")
        listed.binancePrice = "1.019"
        let harness = try PollHarness([listed, MarketPair("BETA")]) { $0.verifiers.binance.enabled = true }
        _ = await harness.run()
        let requests = harness.market.requests(to: "binance")
        #expect(requests.map(\.url.path) == ["/api/v3/ticker/price"])
        #expect(requests.first?.url.query == nil)
        let notes = try harness.signals().map(\.notes)
        #expect(notes[0].hasPrefix("verified: coingecko within 0.098%, binance within 0.098%"))
        #expect(notes[1].contains("unverified: binance does not list BETAUSDT"))
        #expect(try harness.observation("ALPHA").verifierPrices == #"{"binance":1.019,"coingecko":1.021}"#)
    }

    @Test func binanceDisagreeingIsAGlitchEvenWhenCoinGeckoAgrees() async throws {
        var pair = MarketPair("ALPHA")
        pair.binancePrice = "0.9"
        let harness = try PollHarness([pair]) { $0.verifiers.binance.enabled = true }
        _ = await harness.run()
        let observation = try harness.observation("ALPHA")
        #expect(observation.outcome == .glitch)
        #expect(observation.reason.hasPrefix("verifier disagrees with cex: binance 0.9 is 11.7647% from cex 1.02"))
    }
}
