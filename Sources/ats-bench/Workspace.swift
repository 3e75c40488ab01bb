import ATSCore
import ATSSimulation
import Foundation

/// One scenario's folder: a config file written as `ats init` writes it, and the
/// database beside it. A child process loads the config exactly as `ats` does.
struct Workspace {
    let folder: URL
    let config: LoadedConfig

    var configPath: String { config.file.path }

    /// A fresh folder (whatever was there is removed) with a config edited by `edit`.
    static func fresh(_ folder: URL, _ edit: (inout ATSConfig) -> Void) throws -> Workspace {
        try? FileManager.default.removeItem(at: folder)
        return try prepare(folder, edit)
    }

    /// The folder as it is (a cached database stays), with its config rewritten.
    static func prepare(_ folder: URL, _ edit: (inout ATSConfig) -> Void) throws -> Workspace {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var values = ATSConfig()
        edit(&values)
        let file = folder.appendingPathComponent("ats.yaml")
        try Data(DefaultConfigFile.render(values).utf8).write(to: file, options: .atomic)
        return Workspace(folder: folder, config: try ConfigLoader.load(file: file))
    }

    func database() throws -> AppDatabase {
        try AppDatabase.open(at: config.databaseURL)
    }

    /// Puts `pairs` on the watchlist as `scan` stores them.
    func fillWatchlist(_ pairs: [SimulatedPair], sources: String = "dexscreener") throws {
        let now = Date()
        let entries = pairs.enumerated().map { index, pair in
            WatchlistEntry(
                rank: index + 1, cexSymbol: pair.baseSymbol, baseSymbol: pair.baseSymbol, quoteSymbol: pair.quoteSymbol,
                chainId: pair.chainID, pairAddress: pair.pairAddress, baseAddress: pair.baseAddress, dexId: pair.dexID,
                coingeckoId: pair.coingeckoID, priceUsd: nil, liquidityUsd: nil, finalScore: Double(100_000 - index),
                confirmations: 1, sources: sources, scannedAt: now)
        }
        try database().replaceWatchlist(entries, exclusions: [], runID: 0)
    }
}
