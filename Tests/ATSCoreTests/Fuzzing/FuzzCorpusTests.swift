import ATSFuzzing
import Foundation
import Testing

/// The fuzzing corpus in the repository (Tests/ATSCoreTests/Fixtures/fuzz/TARGET/), run
/// through the same targets scripts/fuzz.sh fuzzes, without the sanitizers: every input
/// a fuzz run ever crashed on is kept there, so a regression crashes this suite.
@Suite struct FuzzCorpusTests {
    static func corpus(_ target: FuzzTarget) throws -> [URL] {
        guard let folder = Bundle.module.url(forResource: "Fixtures/fuzz/\(target.rawValue)", withExtension: nil) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyTargetHasASeedCorpus(_ target: FuzzTarget) throws {
        #expect(try Self.corpus(target).count >= 1)
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCorpusInputRunsThroughItsTarget(_ target: FuzzTarget) throws {
        for file in try Self.corpus(target) {
            target.run(try Data(contentsOf: file))
        }
    }

    /// Each target reaches the stage's translation on a well-formed seed (captured from
    /// the simulated market, `ats simulate`): the fuzzer explores from real answers, not
    /// from a decoder that throws on everything.
    @Test(arguments: [
        (FuzzTarget.dexscreenerSearch, "sim-search.json"), (.dexscreenerPairs, "sim-pairs.json"),
        (.geckoterminalTrending, "sim-trending.json"), (.geckoterminalPoolsMulti, "sim-multi.json"),
        (.mexcExchangeInfo, "sim-exchange-info.json"), (.mexcTicker24hr, "sim-ticker.json"), (.mexcDepth, "sim-depth.json"),
        (.mexcKlines, "sim-klines.json"), (.coingeckoCoinList, "sim-list.json"), (.coingeckoSimplePrice, "sim-price.json"),
        (.binancePrices, "sim-prices.json"), (.notifyAnswer, "telegram-429.bin"), (.config, "init-simulated.yaml"),
    ])
    func aWellFormedSeedReachesTheTranslation(_ target: FuzzTarget, _ seed: String) throws {
        let file = try #require(try Self.corpus(target).first { $0.lastPathComponent == seed })
        #expect(target.run(try Data(contentsOf: file)) > 0)
    }

    /// Issue 18's crash: DexScreener counts of ±1e19 (`Int(1e19)` trapped the scan); the
    /// pair is still a candidate, its counts no data.
    @Test func theScanSurvivesCountsNoIntegerHolds() throws {
        let file = try #require(try Self.corpus(.dexscreenerSearch).first { $0.lastPathComponent == "crash-buys-1e19.json" })
        #expect(FuzzTarget.dexscreenerSearch.run(try Data(contentsOf: file)) == 1)
    }

    /// An empty body is an error for every API and channel (an empty config file, by
    /// contrast, is every default: not in this test).
    @Test func anEmptyAnswerReachesNothing() {
        for target in FuzzTarget.allCases where target != .config { #expect(target.run(Data()) == 0, "\(target)") }
    }
}
