import ATSCore
import Foundation

/// GeckoTerminal's JSON:API answers (`trending_pools`, `pools/multi`): money and
/// percentages as strings, EVM addresses lowercased, tokens in `included`, one pool
/// with a negative `reserve_in_usd` and a `"NaN"` native price.
extension SimulatedMarketModel {
    static let geckoTerminalPageSize = 20
    static let geckoTerminalBatchLimit = 30

    /// Pools listed as trending on `network`, 20 per page (an empty page past the end).
    func geckoTerminalTrending(network: String, page: Int, at second: Int64) -> SimulatedJSON {
        let chain = Chain.canonicalID(geckoTerminalNetwork: network)
        let trending = pools.filter { $0.inTrending && $0.chain == chain }
            .sorted { $0.txnsPerHour > $1.txnsPerHour }
        let start = (max(page, 1) - 1) * Self.geckoTerminalPageSize
        let slice = start < trending.count ? Array(trending[start..<min(start + Self.geckoTerminalPageSize, trending.count)]) : []
        return geckoTerminalPools(slice, network: network, at: second, listing: true)
    }

    /// Known pools of `addresses` on `network`; unknown ones are absent.
    func geckoTerminalMulti(network: String, addresses: [String], at second: Int64) -> SimulatedJSON {
        let chain = Chain.canonicalID(geckoTerminalNetwork: network)
        let found = addresses.compactMap { pool(chain: chain, address: $0) }
        return geckoTerminalPools(found, network: network, at: second, listing: false)
    }

    private func geckoTerminalPools(_ pools: [SimulatedPool], network: String, at second: Int64, listing: Bool) -> SimulatedJSON {
        var included: [SimulatedJSON] = []
        var seen = Set<String>()
        for pool in pools {
            for (id, token) in [(tokenID(network, pool.baseAddress), baseToken(pool, network)), (tokenID(network, pool.quote.address), quoteToken(pool, network))]
            where seen.insert(id).inserted {
                included.append(token)
            }
        }
        return .object([
            ("data", .array(pools.map { geckoTerminalPool($0, network: network, at: second, listing: listing) })),
            ("included", .array(included)),
        ])
    }

    private func gtAddress(_ address: String) -> String { ChainAddress.normalize(address) }
    private func tokenID(_ network: String, _ address: String) -> String { "\(network)_\(gtAddress(address))" }

    private func geckoTerminalPool(_ pool: SimulatedPool, network: String, at second: Int64, listing: Bool) -> SimulatedJSON {
        let snap = snapshot(pool, at: second, listing: listing)
        let windows = SimulatedPoolSnapshot.Window.allCases
        let money = { (value: Double) in SimulatedJSON.string(NumberText.decimal(value, places: 4, trim: true)) }
        let price = { (value: Double) in SimulatedJSON.string(NumberText.significant(value, digits: 10)) }
        // `native_currency` is the network's coin (SOL, BNB, ETH), not the quote token.
        let networkCoin = networkNativeUSD(pool.chain, at: second)
        let nativePrice: SimulatedJSON = pool.brokenReserve ? .string("NaN") : price(snap.priceUSD / networkCoin)
        let reserve: SimulatedJSON = pool.brokenReserve ? .string("-100.058883136323") : money(snap.liquidityUSD)
        let attributes: [(String, SimulatedJSON)] = [
            ("base_token_price_usd", pool.reportsPriceUSD ? price(snap.priceUSD) : .null),
            ("base_token_price_native_currency", nativePrice),
            ("quote_token_price_usd", price(snap.quotePriceUSD)),
            ("quote_token_price_native_currency", price(snap.quotePriceUSD / networkCoin)),
            ("base_token_price_quote_token", price(snap.priceNative)),
            ("quote_token_price_base_token", price(1 / snap.priceNative)),
            ("address", .string(gtAddress(pool.pairAddress))),
            ("name", .string("\(pool.baseSymbol) / \(pool.quote.symbol)")),
            ("pool_created_at", .string(Date(milliseconds: pool.createdAtMs).iso8601)),
            ("fdv_usd", pool.reportsFDV ? money(snap.fdv) : .null),
            ("market_cap_usd", .null),
            ("price_change_percentage", .object(windows.map { ($0.rawValue, .string(NumberText.decimal(snap.priceChange[$0] ?? 0, places: 2, trim: true))) })),
            ("transactions", .object(windows.map { window in
                let trades = snap.trades[window]!
                return (window.rawValue, .object([("buys", .int(trades.buys)), ("sells", .int(trades.sells)),
                                                  ("buyers", .int(trades.buyers)), ("sellers", .int(trades.sellers))]))
            })),
            ("volume_usd", .object(windows.map { ($0.rawValue, money(snap.volume[$0]!)) })),
            ("reserve_in_usd", pool.reportsLiquidity ? reserve : .null),
        ]
        let relation = { (id: String, type: String) in SimulatedJSON.object([("data", .object([("id", .string(id)), ("type", .string(type))]))]) }
        return .object([
            ("id", .string("\(network)_\(gtAddress(pool.pairAddress))")),
            ("type", .string("pool")),
            ("attributes", .object(attributes)),
            ("relationships", .object([
                ("base_token", relation(tokenID(network, pool.baseAddress), "token")),
                ("quote_token", relation(tokenID(network, pool.quote.address), "token")),
                ("dex", relation(pool.geckoTerminalDexID, "dex")),
            ])),
        ])
    }

    /// The USD value of the chain's own coin (what GeckoTerminal's `native_currency` prices are in).
    private func networkNativeUSD(_ chain: String, at second: Int64) -> Double {
        let symbol = ["solana": "SOL", "bsc": "BNB"][chain] ?? "ETH"
        return coins.first { $0.symbol == symbol }.map { $0.path.price(at: second) } ?? 1
    }

    private func baseToken(_ pool: SimulatedPool, _ network: String) -> SimulatedJSON {
        tokenObject(network, pool.baseAddress, pool.baseName, pool.baseSymbol, decimals: pool.chain == "solana" ? 6 : 18,
                    coingeckoID: coins[pool.coin].coingecko?.id)
    }

    private func quoteToken(_ pool: SimulatedPool, _ network: String) -> SimulatedJSON {
        // Wrapped coins have CoinGecko ids of their own; a token merely called USDC has none.
        let wrapped = ["SOL": "wrapped-solana", "WBNB": "wbnb", "WETH": "weth", "USDT": "tether"]
        let real = QuoteTokens.token(chainID: pool.chain, address: pool.quote.address) != nil
        let id = real ? wrapped[pool.quote.symbol] ?? pool.quote.coin.flatMap { coins[$0].coingecko?.id } : nil
        return tokenObject(network, pool.quote.address, pool.quote.name, pool.quote.symbol, decimals: pool.chain == "solana" ? 6 : 18,
                           coingeckoID: id)
    }

    private func tokenObject(_ network: String, _ address: String, _ name: String, _ symbol: String, decimals: Int, coingeckoID: String?) -> SimulatedJSON {
        .object([
            ("id", .string(tokenID(network, address))),
            ("type", .string("token")),
            ("attributes", .object([
                ("address", .string(gtAddress(address))), ("name", .string(name)), ("symbol", .string(symbol)),
                ("decimals", .int(decimals)), ("image_url", .null), ("coingecko_coin_id", coingeckoID.map(SimulatedJSON.string) ?? .null),
            ])),
        ])
    }
}
