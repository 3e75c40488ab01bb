import Foundation
import GRDB

/// The cached CoinGecko coin list: `CoinListing`s (a Markets value) go in and come out;
/// the rows are this module's own `CoinRecord`s and `CoinPlatformRecord`s.
extension AppDatabase {
    static let coinListCacheKey = "coingecko.coins_list"

    public func coinListRefreshedAt() throws -> Date? {
        try reader.read { db in
            try Date.fetchOne(db, sql: "SELECT refreshed_at FROM cache_meta WHERE key = ?", arguments: [Self.coinListCacheKey])
        }
    }

    /// Replaces the cached coin list in one transaction (the old one stays if anything fails).
    public func replaceCoinList(_ coins: [CoinListing], at date: Date) throws {
        try write { db in
            try CoinPlatformRecord.deleteAll(db)
            try CoinRecord.deleteAll(db)
            var seen = Set<String>()
            for coin in coins where seen.insert(coin.id).inserted {
                var record = CoinRecord(id: coin.id, symbol: coin.symbol.lowercased(), name: coin.name)
                try record.insert(db)
                for (platform, address) in coin.platforms.sorted(by: { $0.key < $1.key })
                where !platform.isEmpty && !address.isEmpty {
                    var platformRecord = CoinPlatformRecord(coinId: coin.id, platform: platform, address: ChainAddress.normalize(address))
                    try platformRecord.insert(db)
                }
            }
            try db.execute(
                sql: "INSERT INTO cache_meta(key, refreshed_at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET refreshed_at = excluded.refreshed_at",
                arguments: [Self.coinListCacheKey, date])
        }
    }

    /// Coins with this symbol (case-insensitive), with their platforms.
    public func coins(symbol: String) throws -> [CoinListing] {
        try reader.read { db in
            let coins = try CoinRecord.filter(Column("symbol") == symbol.lowercased()).order(Column("id")).fetchAll(db)
            return try coins.map { try listing($0, db) }
        }
    }

    /// Coins that publish this contract address on any platform.
    public func coins(address: String) throws -> [CoinListing] {
        try reader.read { db in
            let ids = try String.fetchAll(db, sql: "SELECT DISTINCT coin_id FROM coingecko_platforms WHERE address = ? ORDER BY coin_id",
                                          arguments: [ChainAddress.normalize(address)])
            return try ids.compactMap { try CoinRecord.fetchOne(db, key: $0) }.map { try listing($0, db) }
        }
    }

    private func listing(_ coin: CoinRecord, _ db: Database) throws -> CoinListing {
        let platforms = try CoinPlatformRecord.filter(Column("coin_id") == coin.id).fetchAll(db)
        return CoinListing(id: coin.id, symbol: coin.symbol, name: coin.name,
                           platforms: Dictionary(platforms.map { ($0.platform, $0.address) }, uniquingKeysWith: { a, _ in a }))
    }
}
