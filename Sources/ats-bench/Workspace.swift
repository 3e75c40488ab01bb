import ATSCore
import ATSSimulation
import Foundation
import GRDB

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

    /// Puts `pairs` on the watchlist as `scan` stores them (`WatchlistEntry` has no public
    /// initializer, so the rows are written with SQL, column by column).
    func fillWatchlist(_ pairs: [SimulatedPair], sources: String = "dexscreener") throws {
        let now = Date()
        try database().writer.write { db in
            try db.execute(sql: "DELETE FROM watchlist")
            for (index, pair) in pairs.enumerated() {
                try db.execute(sql: """
                    INSERT INTO watchlist (rank, cex_symbol, base_symbol, quote_symbol, chain_id, pair_address, base_address,
                      dex_id, coingecko_id, price_usd, liquidity_usd, final_score, confirmations, sources, scanned_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, 1, ?, ?)
                    """, arguments: [index + 1, pair.baseSymbol, pair.baseSymbol, pair.quoteSymbol, pair.chainID, pair.pairAddress,
                                     pair.baseAddress, pair.dexID, pair.coingeckoID, Double(100_000 - index), sources, now])
            }
        }
    }
}
