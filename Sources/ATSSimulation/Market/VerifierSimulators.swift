import ATSCore
import Foundation

/// CoinGecko (`coins/list`, `simple/price`) and Binance (`ticker/price`) answers.
extension SimulatedMarketModel {
    /// Sorted by id, symbols lowercase and not unique, platforms as listed (some `{"":""}`).
    func coinGeckoCoinsList(includePlatforms: Bool) -> SimulatedJSON {
        let listed = coins.compactMap { coin in coin.coingecko.map { (coin.symbol, $0) } }.sorted { $0.1.id < $1.1.id }
        return .array(listed.map { symbol, listing in
            var members: [(String, SimulatedJSON)] = [("id", .string(listing.id)), ("symbol", .string(symbol.lowercased())), ("name", .string(listing.name))]
            if includePlatforms {
                members.append(("platforms", .object(listing.platforms.map { ($0.0, .string($0.1)) })))
            }
            return .object(members)
        })
    }

    /// Prices of the known ids (unknown ones absent), as JSON numbers: tiny ones in
    /// exponent form.
    func coinGeckoSimplePrice(ids: [String], includeLastUpdated: Bool, include24hVolume: Bool, at second: Int64) -> SimulatedJSON {
        var seen = Set<String>()
        var members: [(String, SimulatedJSON)] = []
        for id in ids where seen.insert(id).inserted {
            guard let coin = coin(coingeckoID: id) else { continue }
            let (price, updated) = coinGeckoPrice(coin, at: second)
            var fields: [(String, SimulatedJSON)] = [("usd", .double(price, digits: 6))]
            if include24hVolume {
                fields.append(("usd_24h_vol", coin.mexc?.quoteVolume24h.map { .double($0 * 3.1, digits: 10) } ?? .null))
            }
            if includeLastUpdated { fields.append(("last_updated_at", .int(updated))) }
            members.append((id, .object(fields)))
        }
        return .object(members)
    }

    var binanceCoins: [SimulatedCoin] { coins.filter(\.onBinance) }

    func binanceCoin(_ symbol: String) -> SimulatedCoin? {
        guard symbol.hasSuffix("USDT") else { return nil }
        let base = String(symbol.dropLast(4))
        return coins.first { $0.onBinance && $0.symbol == base }
    }

    /// `{"symbol","price"}` with Binance's 8 decimals.
    func binanceTicker(_ coin: SimulatedCoin, at second: Int64) -> SimulatedJSON {
        .object([
            ("symbol", .string(coin.symbol + "USDT")),
            ("price", .string(NumberText.decimal(binancePrice(coin, at: second), places: 8, trim: false))),
        ])
    }
}
