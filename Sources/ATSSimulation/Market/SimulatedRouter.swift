import ATSCore
import Foundation

/// An answer before it goes on the wire.
struct SimulatedAnswer {
    var status: Int
    var contentType = "application/json;charset=utf-8"
    var headers: [String: String] = [:]
    var body: Data
    /// The JSON the body was written from (for faults that alter values, not bytes).
    var json: SimulatedJSON?

    static func json(_ value: SimulatedJSON, status: Int = 200) -> SimulatedAnswer {
        SimulatedAnswer(status: status, body: value.data, json: value)
    }

    static func jsonText(_ text: String, status: Int) -> SimulatedAnswer {
        SimulatedAnswer(status: status, body: Data(text.utf8))
    }
}

/// Maps a request to an endpoint and renders the model's answer at `second`.
/// Every source lives under its own path prefix on one server.
struct SimulatedRouter {
    let model: SimulatedMarketModel

    static let mexcInvalidSymbol = #"{"msg":"Invalid symbol.","code":-1121,"_extend":null}"#
    static let binanceInvalidSymbol = #"{"code":-1121,"msg":"Invalid symbol."}"#

    /// The endpoint a path belongs to (nil: not an API path of the market).
    static func endpoint(for path: String) -> SimulatedEndpoint? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch parts.first {
        case "dexscreener":
            if parts.count == 4, parts[1...3] == ["latest", "dex", "search"] { return .dexscreenerSearch }
            if parts.count == 6, parts[1...3] == ["latest", "dex", "pairs"] { return .dexscreenerPairs }
            if parts.count == 5, parts[1...2] == ["tokens", "v1"] { return .dexscreenerTokens }
        case "geckoterminal":
            guard parts.count >= 6, parts[1...3] == ["api", "v2", "networks"] else { return nil }
            if parts.count == 6, parts[5] == "trending_pools" { return .geckoterminalTrendingPools }
            if parts.count == 8, parts[5...6] == ["pools", "multi"] { return .geckoterminalPools }
        case "mexc":
            switch parts.dropFirst().joined(separator: "/") {
            case "api/v3/exchangeInfo": return .mexcExchangeInfo
            case "api/v3/ticker/24hr": return .mexcTickers
            case "api/v3/klines": return .mexcKlines
            case "api/v3/depth": return .mexcDepth
            default: return nil
            }
        case "coingecko":
            switch parts.dropFirst().joined(separator: "/") {
            case "api/v3/coins/list": return .coingeckoCoinsList
            case "api/v3/simple/price": return .coingeckoSimplePrice
            default: return nil
            }
        case "binance":
            if parts.dropFirst().joined(separator: "/") == "api/v3/ticker/price" { return .binanceTickerPrice }
        default:
            return nil
        }
        return nil
    }

    func answer(_ endpoint: SimulatedEndpoint, path: String, query: [String: String], now: Date) -> SimulatedAnswer {
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let second = SimulatedMarketModel.floorDiv(nowMs, 1000)
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let list = { (text: String) in text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        switch endpoint {
        case .dexscreenerSearch:
            return .json(model.dexScreenerSearch(query["q"] ?? "", at: second))
        case .dexscreenerPairs:
            return .json(model.dexScreenerPairs(chain: parts[4], addresses: list(parts[5]), at: second))
        case .dexscreenerTokens:
            return .json(model.dexScreenerTokens(chain: parts[3], addresses: list(parts[4]), at: second))
        case .geckoterminalTrendingPools:
            return .json(model.geckoTerminalTrending(network: parts[4], page: Int(query["page"] ?? "1") ?? 1, at: second))
        case .geckoterminalPools:
            let addresses = list(parts[7])
            guard addresses.count <= SimulatedMarketModel.geckoTerminalBatchLimit else {
                return .jsonText(#"{"errors":[{"status":"400","title":"Exceeded maximum number of addresses (30)"}]}"#, status: 400)
            }
            return .json(model.geckoTerminalMulti(network: parts[4], addresses: addresses, at: second))
        case .mexcExchangeInfo:
            return .json(model.mexcExchangeInfo(at: second))
        case .mexcTickers:
            guard let answer = model.mexcTickers(symbol: query["symbol"], nowMs: nowMs) else {
                return .jsonText(Self.mexcInvalidSymbol, status: 400)
            }
            return .json(answer)
        case .mexcKlines:
            return klines(query, second: second)
        case .mexcDepth:
            return depth(query, nowMs: nowMs)
        case .coingeckoCoinsList:
            return .json(model.coinGeckoCoinsList(includePlatforms: query["include_platform"] == "true"))
        case .coingeckoSimplePrice:
            return .json(model.coinGeckoSimplePrice(
                ids: list(query["ids"] ?? ""), includeLastUpdated: query["include_last_updated_at"] == "true",
                include24hVolume: query["include_24hr_vol"] == "true", at: second))
        case .binanceTickerPrice:
            return binancePrices(query, second: second)
        }
    }

    static let mexcMissingSymbol = #"{"msg":"Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.","code":-1102,"_extend":null}"#

    private func klines(_ query: [String: String], second: Int64) -> SimulatedAnswer {
        guard let symbol = query["symbol"], !symbol.isEmpty else {
            return .jsonText(Self.mexcMissingSymbol, status: 400)
        }
        guard let coin = model.mexcCoin(market: symbol),
              let interval = SimulatedMarketModel.mexcIntervals[query["interval"] ?? ""] else {
            return .jsonText(Self.mexcInvalidSymbol, status: 400)
        }
        let limit = min(max(Int(query["limit"] ?? "") ?? SimulatedMarketModel.mexcDefaultKlines, 1), SimulatedMarketModel.mexcMaxKlines)
        return .json(model.mexcKlines(coin, intervalSeconds: interval, startMs: query["startTime"].flatMap { Int64($0) },
                                      endMs: query["endTime"].flatMap { Int64($0) }, limit: limit, nowSecond: second))
    }

    /// The book of one USDT market, `limit` levels a side (default 100, at most 5000).
    private func depth(_ query: [String: String], nowMs: Int64) -> SimulatedAnswer {
        guard let symbol = query["symbol"], !symbol.isEmpty else {
            return .jsonText(Self.mexcMissingSymbol, status: 400)
        }
        guard let coin = model.mexcCoin(market: symbol) else { return .jsonText(Self.mexcInvalidSymbol, status: 400) }
        let limit = min(max(Int(query["limit"] ?? "") ?? SimulatedMarketModel.mexcDefaultDepth, 1), SimulatedMarketModel.mexcMaxDepth)
        return .json(model.mexcDepth(coin, limit: limit, nowMs: nowMs))
    }

    /// All prices; `?symbol=X` one object; `?symbols=["A","B"]` those (like Binance,
    /// one unknown symbol makes the whole request a 400).
    private func binancePrices(_ query: [String: String], second: Int64) -> SimulatedAnswer {
        if let symbol = query["symbol"] {
            guard let coin = model.binanceCoin(symbol) else { return .jsonText(Self.binanceInvalidSymbol, status: 400) }
            return .json(model.binanceTicker(coin, at: second))
        }
        if let text = query["symbols"] {
            guard let data = text.data(using: .utf8), let symbols = try? JSONDecoder().decode([String].self, from: data) else {
                return .jsonText(#"{"code":-1100,"msg":"Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'."}"#, status: 400)
            }
            var coins: [SimulatedCoin] = []
            for symbol in symbols {
                guard let coin = model.binanceCoin(symbol) else { return .jsonText(Self.binanceInvalidSymbol, status: 400) }
                coins.append(coin)
            }
            return .json(.array(coins.map { model.binanceTicker($0, at: second) }))
        }
        return .json(.array(model.binanceCoins.map { model.binanceTicker($0, at: second) }))
    }

    // MARK: Faults

    /// What a fault turns the normal answer into (nil for `hang`, `latency` and `huge`,
    /// which the server handles itself).
    static func apply(_ fault: SimulatedFault, to normal: SimulatedAnswer, source: String) -> SimulatedAnswer? {
        switch fault {
        case .rateLimited(let retryAfter):
            var answer = SimulatedAnswer.jsonText(rateLimitBody(source), status: 429)
            if let retryAfter { answer.headers["Retry-After"] = String(retryAfter) }
            return answer
        case .banned(let retryAfter):
            var answer = SimulatedAnswer.jsonText(clientErrorBody(source, status: 418, message: nil), status: 418)
            if let retryAfter { answer.headers["Retry-After"] = String(retryAfter) }
            return answer
        case .serverError(let status):
            return SimulatedAnswer(status: status, contentType: "text/html", body: Data(
                "<html><head><title>\(status) \(reason(status))</title></head><body><center><h1>\(status) \(reason(status))</h1></center></body></html>".utf8))
        case .htmlChallenge:
            return SimulatedAnswer(status: 200, contentType: "text/html; charset=UTF-8", body: Data(
                "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head><body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>".utf8))
        case .truncatedJSON:
            var answer = normal
            answer.body = normal.body.prefix(max(1, normal.body.count / 2))
            return answer
        case .emptyBody:
            return SimulatedAnswer(status: 200, body: Data())
        case .wrongShape:
            let isArray = normal.body.first == UInt8(ascii: "[")
            return .jsonText(isArray ? #"{"message":"maintenance","data":null}"# : #"["maintenance"]"#, status: 200)
        case .clientError(let status, let message):
            return .jsonText(clientErrorBody(source, status: status, message: message), status: status)
        case .nullBody:
            return .jsonText("null", status: 200)
        case .badNumbers(let bad):
            guard let json = normal.json, normal.status == 200 else { return normal }
            return .json(json.replacingPrices(with: bad, source: source))
        case .foreignLinks(let base):
            guard let json = normal.json, normal.status == 200 else { return normal }
            return .json(json.pointingLinks(to: base))
        case .hang, .latency, .huge:
            return nil
        }
    }

    /// A 4xx in the source's own error shape (the message is written as given: hostile text included).
    static func clientErrorBody(_ source: String, status: Int, message: String?) -> String {
        func quoted(_ text: String) -> String {
            var out = ""
            SimulatedJSON.writeString(text, into: &out)
            return out
        }
        switch source {
        case "mexc", "binance":
            let text = message ?? (status == 418 ? "Way too much request weight used; IP banned until 1795270000000." : reason(status))
            return #"{"code":-1003,"msg":"# + quoted(text) + "}"
        case "coingecko", "geckoterminal":
            return #"{"status":{"error_code":\#(status),"error_message":"# + quoted(message ?? reason(status)) + "}}"
        default:
            return #"{"error":"# + quoted(message ?? reason(status)) + "}"
        }
    }

    static func rateLimitBody(_ source: String) -> String {
        switch source {
        case "coingecko", "geckoterminal":
            return #"{"status":{"error_code":429,"error_message":"You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits."}}"#
        case "mexc": return #"{"msg":"Too many requests.","code":429,"_extend":null}"#
        case "binance": return #"{"code":-1003,"msg":"Too many requests; current limit of IP is 6000 requests per minute."}"#
        default: return #"{"error":"Too Many Requests"}"#
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 418: return "I'm a teapot"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Temporarily Unavailable"
        case 504: return "Gateway Time-out"
        default: return status >= 500 ? "Server Error" : "Error"
        }
    }
}
