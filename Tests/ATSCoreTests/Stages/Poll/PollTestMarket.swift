import Foundation
@testable import ATSCore

/// One watchlist pair and what each source says about it, as API text
/// (prices as strings like the real APIs; nil = the field is null).
struct MarketPair: Sendable {
    var symbol: String
    var chain = "solana"
    var address: String
    var baseAddress: String
    var sources = "dexscreener"
    var coingeckoID: String?
    var dexPrice: String? = "1.00"
    var liquidity: Double? = 250_000
    var dexVolume: Double? = 80_000
    var cexPrice: String? = "1.02"
    var quoteVolume: String? = "5000000"
    var baseVolume = "4900000"
    var changeFraction = "0.0331"
    var coingeckoPrice: Double? = 1.021
    var binancePrice: String?
    /// False: the DEX answers without this pair (unknown address).
    var listedOnDex = true

    init(_ symbol: String, chain: String = "solana", sources: String = "dexscreener", coingeckoID: String? = nil) {
        self.symbol = symbol
        self.chain = chain
        self.sources = sources
        // EVM addresses come back checksummed (mixed case), as DexScreener sends them.
        let tag = String(format: "%08x", symbol.unicodeScalars.reduce(7) { ($0 &* 31 &+ Int($1.value)) & 0xFFF_FFFF })
        self.address = chain == "solana" ? "Pool\(symbol)So1anaAddre55" : "0xAb" + String(repeating: "aB", count: 15) + tag
        self.baseAddress = chain == "solana" ? "Mint\(symbol)So1anaAddre55" : "0xCd" + String(repeating: "cD", count: 15) + tag
        self.coingeckoID = coingeckoID ?? symbol.lowercased() + "-coin"
    }

    /// USDC's real contract on the pair's chain: the quote token every stub pair is priced in.
    var usdc: String { QuoteTokens.all.first { $0.chainID == chain && $0.symbol == "USDC" }?.address ?? "" }

    func watchlistEntry(rank: Int, scannedAt: Date) -> WatchlistEntry {
        WatchlistEntry(rank: rank, cexSymbol: symbol, baseSymbol: symbol, quoteSymbol: "USDC", chainId: chain,
                       pairAddress: ChainAddress.normalize(address), baseAddress: ChainAddress.normalize(baseAddress),
                       dexId: "raydium", coingeckoId: coingeckoID, priceUsd: 1, liquidityUsd: liquidity,
                       finalScore: 100, confirmations: 1, sources: sources, scannedAt: scannedAt, quoteAddress: usdc)
    }
}

/// A stub market at the HTTP seam: each source on its own host, answering in the
/// shapes of the fixtures (market-apis.md), computed from `pairs`.
final class PollTestMarket: @unchecked Sendable {
    static let hosts = ["dexscreener": "dexscreener.test", "geckoterminal": "geckoterminal.test", "mexc": "mexc.test",
                        "coingecko": "coingecko.test", "binance": "binance.test"]

    private let lock = NSLock()
    private var _pairs: [MarketPair]
    private var _broken: [String: HTTPResponse] = [:]
    private var _delays: [String: Duration] = [:]
    private(set) lazy var transport = StubTransport { [unowned self] request in
        if let delay = self.lock.withLock({ self._delays[request.url.host ?? ""] }) { try await Task.sleep(for: delay) }
        return try self.answer(request)
    }

    init(_ pairs: [MarketPair]) {
        _pairs = pairs
    }

    var pairs: [MarketPair] {
        get { lock.withLock { _pairs } }
        set { lock.withLock { _pairs = newValue } }
    }

    /// Makes a source answer `response` to everything (a dead source, a challenge page...).
    func breakSource(_ source: String, with response: HTTPResponse = .json("{\"error\":\"unavailable\"}", status: 503)) {
        lock.withLock { _broken[source] = response }
    }

    /// Makes a source answer only after `delay`.
    func slowDown(_ source: String, by delay: Duration) {
        lock.withLock { _delays[Self.hosts[source]!] = delay }
    }

    /// Points every source of the config at this market; fast, no retries.
    static func configure(_ values: inout ATSConfig) {
        values.scanners.dexscreener.baseURL = "http://\(hosts["dexscreener"]!)"
        values.scanners.geckoterminal.baseURL = "http://\(hosts["geckoterminal"]!)/api/v2"
        values.exchange.mexc.baseURL = "http://\(hosts["mexc"]!)"
        values.verifiers.coingecko.baseURL = "http://\(hosts["coingecko"]!)/api/v3"
        values.verifiers.binance.baseURL = "http://\(hosts["binance"]!)"
        values.http.retries = 0
        values.http.timeoutSeconds = 2
        values.poll.intervalSeconds = 0
        values.verifiers.coingecko.cacheSeconds = 0
        // Unit tests poll far faster than cron: CoinGecko's budget is the pro plan's.
        values.verifiers.coingecko.plan = "pro"
    }

    func requests(to source: String) -> [HTTPRequest] {
        transport.requests.filter { $0.url.host == Self.hosts[source] }
    }

    private func answer(_ request: HTTPRequest) throws -> HTTPResponse {
        let host = request.url.host ?? ""
        guard let source = Self.hosts.first(where: { $0.value == host })?.key else { return .json("{}", status: 404) }
        if let broken = lock.withLock({ _broken[source] }) { return broken }
        let path = request.url.path
        switch source {
        case "dexscreener": return .json(dexScreener(chain: segments(path)[4], addresses: segments(path)[5]))
        case "geckoterminal": return .json(geckoTerminal(network: segments(path)[4], addresses: segments(path)[7]))
        case "mexc" where path.hasSuffix("/depth"): return .json(depth(symbol: query(request, "symbol")))
        case "mexc": return .json("[" + (pairs.map(mexcTicker) + [Self.usdcTicker]).joined(separator: ",") + "]")
        case "coingecko": return .json(coinGecko(ids: query(request, "ids")))
        default: return .json("[" + pairs.compactMap(binance).joined(separator: ",") + "]")
        }
    }

    private func segments(_ path: String) -> [String] { path.split(separator: "/", omittingEmptySubsequences: false).map(String.init) }

    private func query(_ request: HTTPRequest, _ name: String) -> String {
        URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value ?? ""
    }

    private func json(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "null" }
    private func json(_ value: Double?) -> String { value.map { "\($0)" } ?? "null" }

    private func requested(_ list: String, chain: String, via source: (MarketPair) -> Bool) -> [MarketPair] {
        let addresses = Set(list.split(separator: ",").map { $0.lowercased() })
        return pairs.filter { $0.listedOnDex && source($0) && $0.chain == chain && addresses.contains($0.address.lowercased()) }
    }

    private func dexScreener(chain: String, addresses: String) -> String {
        let found = requested(addresses, chain: chain) { _ in true }.map { pair in
            """
            {"chainId":"\(pair.chain)","dexId":"raydium","url":"https://dexscreener.com/\(pair.chain)/\(pair.address)",
             "pairAddress":"\(pair.address)","baseToken":{"address":"\(pair.baseAddress)","name":"\(pair.symbol) token","symbol":"\(pair.symbol)"},
             "quoteToken":{"address":"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v","name":"USD Coin","symbol":"USDC"},
             "priceNative":\(json(pair.dexPrice)),"priceUsd":\(json(pair.dexPrice)),
             "txns":{"h1":{"buys":61,"sells":48},"h24":{"buys":1811,"sells":1702}},
             "volume":{"h24":\(json(pair.dexVolume)),"h1":61230.14},"priceChange":{"h1":0.85},
             \(pair.liquidity.map { "\"liquidity\":{\"usd\":\($0),\"base\":1,\"quote\":1}," } ?? "")
             "pairCreatedAt":1706745600000}
            """
        }
        return "{\"schemaVersion\":\"1.0.0\",\"pairs\":\(found.isEmpty ? "null" : "[" + found.joined(separator: ",") + "]"),\"pair\":null}"
    }

    private func geckoTerminal(network: String, addresses: String) -> String {
        let chain = Chain.byGeckoTerminalNetwork(network)?.id ?? network
        let found = requested(addresses, chain: chain) { _ in true }
        let pools = found.map { pair in
            """
            {"id":"\(network)_\(pair.address)","type":"pool","attributes":{"base_token_price_usd":\(json(pair.dexPrice)),
             "base_token_price_quote_token":\(json(pair.dexPrice)),
             "base_token_price_native_currency":"NaN","address":"\(pair.address)","name":"\(pair.symbol) / USDC",
             "reserve_in_usd":\(json(pair.liquidity.map { String($0) })),"volume_usd":{"h24":\(json(pair.dexVolume.map { String($0) }))},
             "price_change_percentage":{"h1":"0.85"},"transactions":{"h1":{"buys":61,"sells":48,"buyers":40,"sellers":33}}},
             "relationships":{"base_token":{"data":{"id":"\(network)_\(pair.baseAddress)","type":"token"}},
              "quote_token":{"data":{"id":"\(network)_usdc","type":"token"}},"dex":{"data":{"id":"uniswap","type":"dex"}}}}
            """
        }
        let tokens = found.map { pair in
            """
            {"id":"\(network)_\(pair.baseAddress)","type":"token","attributes":{"address":"\(pair.baseAddress)","name":"\(pair.symbol)",
             "symbol":"\(pair.symbol)","decimals":9,"coingecko_coin_id":null}}
            """
        }
        return "{\"data\":[\(pools.joined(separator: ","))],\"included\":[\(tokens.joined(separator: ","))]}"
    }

    /// USDC at exactly 1 USDT (bid = ask), so a stub pair's spread is its DEX price against its mid.
    static let usdcTicker = """
        {"symbol":"USDCUSDT","priceChangePercent":"0","lastPrice":"1","bidPrice":"1","askPrice":"1","volume":"90000000",
         "quoteVolume":"90000000","openTime":1795219200000,"closeTime":1795265711232,"count":null}
        """

    /// A deep book at the pair's exchange price (bid = ask = `cexPrice`): a 1000 USDT order fills there.
    private func depth(symbol: String) -> String {
        guard let pair = pairs.first(where: { $0.symbol + "USDT" == symbol }), let price = pair.cexPrice else {
            return #"{"msg":"Invalid symbol.","code":-1121,"_extend":null}"#
        }
        return #"{"lastUpdateId":1,"bids":[["\#(price)","1000000"]],"asks":[["\#(price)","1000000"]]}"#
    }

    /// The exchange price is the book's mid: bid and ask both say it.
    private func mexcTicker(_ pair: MarketPair) -> String {
        """
        {"symbol":"\(pair.symbol)USDT","priceChange":"0.0151","priceChangePercent":"\(pair.changeFraction)","prevClosePrice":"0.4561",
         "lastPrice":\(json(pair.cexPrice)),"bidPrice":\(json(pair.cexPrice)),"bidQty":"1520.11","askPrice":\(json(pair.cexPrice)),"askQty":"",
         "openPrice":"0.4561","highPrice":"0.4801","lowPrice":"0.4502","volume":"\(pair.baseVolume)","quoteVolume":\(json(pair.quoteVolume)),
         "openTime":1795219200000,"closeTime":1795265711232,"count":null}
        """
    }

    private func coinGecko(ids: String) -> String {
        let wanted = Set(ids.split(separator: ",").map(String.init))
        let entries = pairs.compactMap { pair -> String? in
            guard let id = pair.coingeckoID, wanted.contains(id), let price = pair.coingeckoPrice else { return nil }
            return "\"\(id)\":{\"usd\":\(price),\"last_updated_at\":1795265680}"
        }
        return "{" + entries.joined(separator: ",") + "}"
    }

    private func binance(_ pair: MarketPair) -> String? {
        pair.binancePrice.map { "{\"symbol\":\"\(pair.symbol)USDT\",\"price\":\"\($0)\"}" }
    }
}
