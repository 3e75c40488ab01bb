import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// MEXC as the v2 poll reads it (issue 13), bytes on the wire over loopback: the rate
/// markets of the quote tokens, every ticker's book and own time, `quoteVolume: null`,
/// and `GET /api/v3/depth`.
@Suite struct SimulatedExchangeBookTests {
    static let nowMs = Sim.instant.millisecondsSince1970

    static func tickers(_ market: SimulatedMarket) async throws -> [String: [String: Any]] {
        let all = try #require(try await Sim.json(market.mexcURL + "/api/v3/ticker/24hr") as? [[String: Any]])
        return Dictionary(all.map { ($0["symbol"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func depth(_ market: SimulatedMarket, _ symbol: String, limit: Int? = nil) async throws -> [String: Any] {
        let query = "symbol=\(symbol)" + (limit.map { "&limit=\($0)" } ?? "")
        return try #require(try await Sim.json(market.mexcURL + "/api/v3/depth?" + query) as? [String: Any])
    }

    struct Rate: Sendable, CustomTestStringConvertible {
        let symbol: String
        let low, high: Double
        var testDescription: String { symbol }
    }

    /// USDC trades at 1.006 (a mild depeg); the others at plausible levels.
    static let rates = [
        Rate(symbol: "USDCUSDT", low: 1.0045, high: 1.0075), Rate(symbol: "SOLUSDT", low: 100, high: 400),
        Rate(symbol: "ETHUSDT", low: 1_700, high: 7_000), Rate(symbol: "BNBUSDT", low: 300, high: 1_300),
    ]

    @Test(arguments: rates)
    func eachQuoteTokenHasAnOnlineUSDTMarketWithABook(_ rate: Rate) async throws {
        try await Sim.withMarket { market in
            let info = try #require(try await Sim.json(market.mexcURL + "/api/v3/exchangeInfo") as? [String: Any])
            let listed = try #require((info["symbols"] as? [[String: Any]])?.first { $0["symbol"] as? String == rate.symbol })
            #expect(listed["status"] as? String == "1" && listed["quoteAsset"] as? String == "USDT")
            #expect(listed["isSpotTradingAllowed"] as? Bool == true && listed["tradeSideType"] as? String == "1")
            let ticker = try #require(try await Self.tickers(market)[rate.symbol])
            let bid = try #require(Sim.number(ticker["bidPrice"])), ask = try #require(Sim.number(ticker["askPrice"]))
            #expect((rate.low...rate.high).contains((bid + ask) / 2), "\(rate.symbol) mid \((bid + ask) / 2)")
        }
    }

    @Test func everyTickerSendsATightBookAndItsOwnTimeAsMEXCDoes() async throws {
        try await Sim.withMarket { market in
            let tickers = try await Self.tickers(market)
            #expect(tickers.count > 30)
            for (symbol, ticker) in tickers {
                let texts = ["lastPrice", "bidPrice", "askPrice"].map { ticker[$0] as? String }
                try #require(texts.allSatisfy { $0 != nil }, "\(symbol): prices as strings")
                let (last, bid, ask) = (Double(texts[0]!)!, Double(texts[1]!)!, Double(texts[2]!)!)
                #expect(bid < ask && bid <= last && last <= ask, "\(symbol): the last trade lies inside the book")
                let width = (ask - bid) / ((ask + bid) / 2) * 100
                let expected: ClosedRange<Double> = symbol == "WHISKEYUSDT" ? 9.9...10.1 : 0.04...0.11
                #expect(expected.contains(width), "\(symbol): book \(width) % wide")
                let lag: Int64 = symbol == "VICTORUSDT" ? 600_000 : 0
                #expect((ticker["closeTime"] as? NSNumber)?.int64Value == Self.nowMs - lag, "\(symbol): closeTime is the snapshot's time")
            }
            let raw = String(decoding: try await Sim.get(market.mexcURL + "/api/v3/ticker/24hr?symbol=VICTORUSDT").body, as: UTF8.self)
            #expect(raw.contains(#""closeTime":\#(Self.nowMs - 600_000),"count":null}"#), "ten minutes old, in ms")
        }
    }

    @Test func quoteVolumeIsNullWhereStagedWhileVolumeStillTellsTheTrade() async throws {
        try await Sim.withMarket { market in
            let tickers = try await Self.tickers(market)
            #expect(Set(tickers.filter { $0.value["quoteVolume"] is NSNull }.keys) == ["KAPPAUSDT", "OSCARUSDT"])
            let kappa = try #require(tickers["KAPPAUSDT"])
            let estimate = try #require(Sim.number(kappa["volume"])) * (try #require(Sim.number(kappa["lastPrice"])))
            #expect(estimate > 1_500_000, "volume × lastPrice: not a low-volume market")
            let raw = String(decoding: try await Sim.get(market.mexcURL + "/api/v3/ticker/24hr?symbol=KAPPAUSDT").body, as: UTF8.self)
            #expect(raw.contains(#""quoteVolume":null"#))
        }
    }

    @Test(arguments: ["ALPHAUSDT", "BRAVOUSDT", "JULIETUSDT", "USDCUSDT", "WHISKEYUSDT", "YANKEEUSDT", "VICTORUSDT"])
    func depthIsMEXCsShapeBestFirstAndStartsAtTheTickersBidAndAsk(_ symbol: String) async throws {
        try await Sim.withMarket { market in
            let raw = String(decoding: try await Sim.get(market.mexcURL + "/api/v3/depth?symbol=\(symbol)").body, as: UTF8.self)
            let lag: Int64 = symbol == "VICTORUSDT" ? 600_000 : 0
            #expect(raw.range(of: #"^\{"lastUpdateId":\d+,"bids":\[\["[0-9.]+","[0-9.]+"\],"#, options: .regularExpression) != nil, "\(raw.prefix(80))")
            #expect(raw.contains(#"]],"asks":[[""#) && raw.hasSuffix(#"]],"timestamp":\#(Self.nowMs - lag)}"#))
            let depth = try await Self.depth(market, symbol)
            let bids = depth["bids"] as? [[String]] ?? [], asks = depth["asks"] as? [[String]] ?? []
            #expect(bids.count == 100 && asks.count == 100, "100 levels by default")
            let bidPrices = Sim.levels(bids).map(\.price), askPrices = Sim.levels(asks).map(\.price)
            #expect(zip(bidPrices, bidPrices.dropFirst()).allSatisfy { $0 > $1 }, "bids best (highest) first")
            #expect(zip(askPrices, askPrices.dropFirst()).allSatisfy { $0 < $1 }, "asks best (lowest) first")
            #expect(Sim.levels(bids).allSatisfy { $0.quantity > 0 } && Sim.levels(asks).allSatisfy { $0.quantity > 0 })
            let ticker = try #require(try await Self.tickers(market)[symbol])
            #expect(bids.first?.first == ticker["bidPrice"] as? String && asks.first?.first == ticker["askPrice"] as? String)
            #expect(asks.first?.last == ticker["askQty"] as? String, "the ticker's best quantity is the book's")
            #expect(["", bids.first?.last].contains(ticker["bidQty"] as? String))
        }
    }

    struct Limit: Sendable, CustomTestStringConvertible {
        let symbol: String
        let limit: Int?
        let levels: Int
        var testDescription: String { "\(symbol) limit \(limit.map(String.init) ?? "none")" }
    }

    /// `limit` is honoured up to MEXC's 5000; a book with fewer levels sends what it has.
    static let limits = [
        Limit(symbol: "BTCUSDT", limit: nil, levels: 100), Limit(symbol: "BTCUSDT", limit: 1, levels: 1),
        Limit(symbol: "BTCUSDT", limit: 5, levels: 5), Limit(symbol: "BTCUSDT", limit: 5_000, levels: 5_000),
        Limit(symbol: "BTCUSDT", limit: 9_999, levels: 5_000), Limit(symbol: "XRAYUSDT", limit: 100, levels: 12),
        Limit(symbol: "YANKEEUSDT", limit: 5_000, levels: 1_000),
    ]

    @Test(arguments: limits)
    func depthHonoursLimit(_ row: Limit) async throws {
        try await Sim.withMarket { market in
            let depth = try await Self.depth(market, row.symbol, limit: row.limit)
            #expect((depth["bids"] as? [[String]])?.count == row.levels && (depth["asks"] as? [[String]])?.count == row.levels)
        }
    }

    @Test(arguments: ["NOPEUSDT", "ALPHAUSDC"])
    func depthOfAnUnknownSymbolIsMEXCs400(_ symbol: String) async throws {
        try await Sim.withMarket { market in
            let answer = try await Sim.get(market.mexcURL + "/api/v3/depth?symbol=\(symbol)&limit=100")
            #expect(answer.status == 400)
            #expect(String(decoding: answer.body, as: UTF8.self) == #"{"msg":"Invalid symbol.","code":-1121,"_extend":null}"#)
            let missing = try await Sim.get(market.mexcURL + "/api/v3/depth?limit=100")
            #expect(missing.status == 400 && String(decoding: missing.body, as: UTF8.self).contains(#""code":-1102"#))
        }
    }

    struct Walk: Sendable, CustomTestStringConvertible {
        let symbol: String
        /// Impact of a 1000 USDT BUY and SELL in percent of the mid; nil: the book cannot fill it.
        let impact: ClosedRange<Double>?
        var testDescription: String { symbol }
    }

    static let walks = [
        Walk(symbol: "ALPHAUSDT", impact: 0...0.1), Walk(symbol: "BRAVOUSDT", impact: 0...0.1), Walk(symbol: "DELTAUSDT", impact: 0...0.1),
        Walk(symbol: "JULIETUSDT", impact: 0...0.1), Walk(symbol: "SIGMAUSDT", impact: 0...0.1), Walk(symbol: "USDCUSDT", impact: 0...0.1),
        Walk(symbol: "YANKEEUSDT", impact: 0.15...0.25), Walk(symbol: "XRAYUSDT", impact: nil),
    ]

    /// A 1000 USDT order walked through the book: deep books fill near the mid, YANKEE's
    /// at ~0.2 % from it, XRAY's (~300 USDT a side) not at all.
    @Test(arguments: walks)
    func aThousandUSDTOrderWalksTheBookAsStaged(_ walk: Walk) async throws {
        try await Sim.withMarket { market in
            let depth = try await Self.depth(market, walk.symbol, limit: 5_000)
            let bids = Sim.levels(depth["bids"]), asks = Sim.levels(depth["asks"])
            let mid = (bids[0].price + asks[0].price) / 2
            let buy = Sim.averageFill(asks, quote: 1_000), sell = Sim.averageFill(bids, quote: 1_000)
            guard let range = walk.impact else {
                #expect(buy == nil && sell == nil)
                for side in [asks, bids] {
                    let total = side.map { $0.price * $0.quantity }.reduce(0, +)
                    #expect((200...400).contains(total), "\(total) USDT on one side")
                }
                return
            }
            for (name, fill) in [("buy", buy), ("sell", sell)] {
                let impact = abs(try #require(fill, "\(name) fills") / mid - 1) * 100
                #expect(range.contains(impact), "\(walk.symbol) \(name) impact \(impact) %")
            }
        }
    }

    @Test func depthTakesFaultsAndIsLoggedLikeEveryEndpoint() async throws {
        try await Sim.withMarket { market in
            let url = market.mexcURL + "/api/v3/depth?symbol=ALPHAUSDT&limit=5"
            await market.setFault(.rateLimited(retryAfter: 3), on: .mexcDepth, times: 1)
            let limited = try await Sim.get(url)
            #expect(limited.status == 429 && limited.headers["retry-after"] == "3")
            #expect(String(decoding: limited.body, as: UTF8.self) == #"{"msg":"Too many requests.","code":429,"_extend":null}"#)
            let normal = try await Self.depth(market, "ALPHAUSDT", limit: 5)

            await market.setFault(.badNumbers(.text), on: .mexcDepth, times: 1)
            let bad = try #require(try await Sim.json(url) as? [String: Any])
            let badBids = try #require(bad["bids"] as? [[String]]), normalBids = try #require(normal["bids"] as? [[String]])
            #expect(badBids.map(\.first) == Array(repeating: "n/a", count: 5), "level prices replaced")
            #expect(badBids.map(\.last) == normalBids.map(\.last), "quantities kept")

            let (status, _) = try await Sim.send(.POST, market.baseURL + "/_sim/faults", body: #"{"endpoint":"mexc","fault":"server_error","times":1}"#)
            #expect(status == 200)
            #expect(try await Sim.get(url).status == 503, "a whole-source fault reaches depth")
            #expect(await market.requestCount(.mexcDepth) == 4)
            let logged = await market.requestLog().filter { $0.endpoint == .mexcDepth }
            #expect(logged.count == 4 && logged.allSatisfy { $0.path == "/mexc/api/v3/depth" && $0.query == "symbol=ALPHAUSDT&limit=5" })
            let counts = try #require(try await Sim.json(market.baseURL + "/_sim/requests") as? [String: Any])
            #expect((counts["counts"] as? [String: Int])?["mexc_depth"] == 4)
        }
    }
}
