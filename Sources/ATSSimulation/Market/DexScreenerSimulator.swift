import ATSCore
import Foundation

/// DexScreener's answers (`/latest/dex/search`, `/latest/dex/pairs`, `/tokens/v1`),
/// with its quirks: prices as strings, `pairs: null` when nothing is found, windows
/// without trades omitted, `priceUsd`/`liquidity`/`fdv` missing on some pairs, EVM
/// addresses in mixed case, names as launched (markup, bidi controls, 34 KB).
extension SimulatedMarketModel {
    static let dexScreenerLimit = 30

    /// Words naming a chain select that chain; `usd` matches every pool (all are
    /// priced in USD); any other word must occur in the base symbol or name, or be
    /// the quote symbol. Only pools listed in search are answered, at most 30.
    func dexScreenerSearch(_ query: String, at second: Int64) -> SimulatedJSON {
        let words = query.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let chainWords = words.filter { Self.chains.contains($0) || Chain.byID($0) != nil }
        let textWords = words.filter { !chainWords.contains($0) && $0 != "usd" }
        let found = pools.filter { pool in
            guard pool.inSearch, !words.isEmpty else { return false }
            if !chainWords.isEmpty, !chainWords.contains(pool.chain) { return false }
            return textWords.allSatisfy { word in
                pool.baseSymbol.lowercased().contains(word) || pool.quote.symbol.lowercased() == word
                    || pool.baseName.prefix(200).lowercased().contains(word)
            }
        }
        let ranked = found.sorted { $0.volume24hUSD > $1.volume24hUSD }.prefix(Self.dexScreenerLimit)
        return .object([
            ("schemaVersion", .string("1.0.0")),
            ("pairs", .array(ranked.map { dexScreenerPair($0, at: second, listing: true) })),
        ])
    }

    /// Unknown addresses are absent; none found is `"pairs": null`. More than 30
    /// addresses: the rest are ignored.
    func dexScreenerPairs(chain: String, addresses: [String], at second: Int64) -> SimulatedJSON {
        let found = addresses.prefix(Self.dexScreenerLimit).compactMap { pool(chain: chain, address: $0) }
        let rendered = found.map { dexScreenerPair($0, at: second, listing: false) }
        return .object([
            ("schemaVersion", .string("1.0.0")),
            ("pairs", rendered.isEmpty ? .null : .array(rendered)),
            ("pair", rendered.first ?? .null),
        ])
    }

    /// A bare array of the pools whose base token is one of `addresses`; `[]` when none.
    func dexScreenerTokens(chain: String, addresses: [String], at second: Int64) -> SimulatedJSON {
        let wanted = Set(addresses.prefix(Self.dexScreenerLimit).map(ChainAddress.normalize))
        let found = pools.filter { $0.chain == chain && wanted.contains(ChainAddress.normalize($0.baseAddress)) }
        return .array(found.map { dexScreenerPair($0, at: second, listing: false) })
    }

    func dexScreenerPair(_ pool: SimulatedPool, at second: Int64, listing: Bool) -> SimulatedJSON {
        let snap = snapshot(pool, at: second, listing: listing)
        let windows = SimulatedPoolSnapshot.Window.dexScreener
        var members: [(String, SimulatedJSON)] = [
            ("chainId", .string(pool.chain)),
            ("dexId", .string(pool.dexID)),
            ("url", .string("https://dexscreener.com/\(pool.chain)/\(pool.pairAddress.lowercased())")),
            ("pairAddress", .string(pool.pairAddress)),
        ]
        if pool.dexID == "pancakeswap" { members.append(("labels", .array([.string("v3")]))) }
        members += [
            ("baseToken", token(pool.baseAddress, pool.baseName, pool.baseSymbol)),
            ("quoteToken", token(pool.quote.address, pool.quote.name, pool.quote.symbol)),
            ("priceNative", .string(NumberText.significant(snap.priceNative, digits: 6))),
        ]
        if pool.reportsPriceUSD { members.append(("priceUsd", .string(NumberText.significant(snap.priceUSD, digits: 6)))) }
        members += [
            ("txns", .object(windows.map { window in
                let trades = snap.trades[window]!
                // A count past Int64, as a JSON number in exponent form: it must not crash a scan.
                let buys: SimulatedJSON = pool.absurdBuysH1 && window == .h1 ? .number("1e19") : .int(trades.buys)
                return (window.rawValue, .object([("buys", buys), ("sells", .int(trades.sells))]))
            })),
            ("volume", .object(windows.reversed().map { ($0.rawValue, .double(snap.volume[$0]!, digits: 8)) })),
            ("priceChange", .object(windows.compactMap { window in snap.priceChange[window].map { (window.rawValue, .double($0, digits: 6)) } })),
        ]
        if pool.reportsLiquidity {
            members.append(("liquidity", .object([
                ("usd", .double(snap.liquidityUSD, digits: 9)), ("base", .double(snap.liquidityBase, digits: 8)),
                ("quote", .double(snap.liquidityQuote, digits: 8)),
            ])))
        }
        if pool.reportsFDV {
            members += [("fdv", .double(snap.fdv.rounded(), digits: 12)), ("marketCap", .double(snap.marketCap.rounded(), digits: 12))]
        }
        members.append(("pairCreatedAt", .int(pool.createdAtMs)))
        return .object(members)
    }

    private func token(_ address: String, _ name: String, _ symbol: String) -> SimulatedJSON {
        .object([("address", .string(address)), ("name", .string(name)), ("symbol", .string(symbol))])
    }
}
