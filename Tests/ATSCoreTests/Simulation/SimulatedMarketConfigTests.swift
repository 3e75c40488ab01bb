import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// Pointing a config at the market: `configure`, the pasteable snippet, the written file.
@Suite struct SimulatedMarketConfigTests {
    @Test func configurePointsEverySourceAtTheMarket() async throws {
        try await Sim.withMarket { market in
            var config = ATSConfig()
            market.configure(&config)
            let urls = [config.scanners.dexscreener.baseURL, config.scanners.geckoterminal.baseURL, config.exchange.mexc.baseURL,
                        config.verifiers.coingecko.baseURL, config.verifiers.binance.baseURL]
            #expect(urls.allSatisfy { $0.hasPrefix("http://127.0.0.1:\(market.port)/") })
            #expect(config.scanners.dexscreener.queries == ["solana usd", "bsc usd", "base usd"])
            #expect(config.scanners.geckoterminal.networks == ["solana", "bsc", "base"])
            #expect(config.verifiers.binance.enabled == false, "enabled flags are the caller's choice")
        }
    }

    @Test func theSnippetIsValidConfigYAML() async throws {
        try await Sim.withMarket { market in
            let parsed = try ConfigLoader.parse(yaml: market.configSnippet(), file: "snippet.yaml")
            var expected = ATSConfig()
            market.configure(&expected)
            expected.verifiers.binance.enabled = true
            #expect(parsed == expected)
        }
    }

    @Test func theWrittenConfigLoadsAndRefusesToOverwrite() async throws {
        let folder = try TemporaryDirectory()
        let file = folder.file("ats.yaml")
        try await Sim.withMarket { market in
            try market.writeConfig(to: file, force: false)
            let loaded = try ConfigLoader.load(file: file)
            #expect(loaded.values.exchange.mexc.baseURL == market.mexcURL)
            #expect(loaded.values.verifiers.binance.enabled)
            #expect(throws: ConfigError.alreadyExists(file: file.path)) { try market.writeConfig(to: file, force: false) }
            try market.writeConfig(to: file, force: true)
        }
    }

    @Test func aPortInUseIsOneClearError() async throws {
        try await Sim.withMarket { market in
            let error = await #expect(throws: SimulatedMarketError.self) { _ = try await SimulatedMarket.start(port: market.port) }
            #expect(error == .cannotListen(port: market.port, reason: "address already in use"))
            #expect(error?.description.contains("choose another port with --port") == true)
        }
    }

    @Test func theFrozenClockMovesOnlyWhenAdvanced() {
        let clock = SimulationClock(start: Sim.instant, frozen: true)
        #expect(clock.now() == Sim.instant)
        clock.advance(by: 17 * 60)
        #expect(clock.now() == Sim.instant.addingTimeInterval(17 * 60))
    }
}
