import ATSCore
import Foundation

/// What `scripts/fuzz.sh` feeds with libFuzzer (docs/fuzzing.md): every decoder a stage
/// uses and the config loader. Each target passes the bytes through the code the stage
/// runs — the API call behind the one HTTP seam, its decoding and the translation to
/// domain values — so a crash here is a crash of `ats`. A thrown error is an answer
/// (the stage reports it); only a trap, a sanitizer report or a leak is a finding.
/// A new target is one case and one line in `run`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case dexscreenerSearch = "dexscreener-search"
    case dexscreenerPairs = "dexscreener-pairs"
    case geckoterminalTrending = "geckoterminal-trending"
    case geckoterminalPoolsMulti = "geckoterminal-pools-multi"
    case mexcExchangeInfo = "mexc-exchange-info"
    case mexcTicker24hr = "mexc-ticker-24hr"
    case mexcDepth = "mexc-depth"
    case mexcKlines = "mexc-klines"
    case coingeckoCoinList = "coingecko-coin-list"
    case coingeckoSimplePrice = "coingecko-simple-price"
    case binancePrices = "binance-prices"
    case notifyAnswer = "notify-answer"
    case config

    /// One input, start to end, on this thread (libFuzzer calls from its own). Returns
    /// how far it got: the domain values the answer became (0 when the call threw), the
    /// channels that read the answer, 1 for a config that loaded.
    @discardableResult
    public func run(_ bytes: Data) -> Int {
        switch self {
        case .dexscreenerSearch: MarketTargets.blocking(bytes, MarketTargets.dexScreenerSearch)
        case .dexscreenerPairs: MarketTargets.blocking(bytes, MarketTargets.dexScreenerPairs)
        case .geckoterminalTrending: MarketTargets.blocking(bytes, MarketTargets.geckoTerminalTrending)
        case .geckoterminalPoolsMulti: MarketTargets.blocking(bytes, MarketTargets.geckoTerminalPoolsMulti)
        case .mexcExchangeInfo: MarketTargets.blocking(bytes, MarketTargets.mexcExchangeInfo)
        case .mexcTicker24hr: MarketTargets.blocking(bytes, MarketTargets.mexcTickers)
        case .mexcDepth: MarketTargets.blocking(bytes, MarketTargets.mexcDepth)
        case .mexcKlines: MarketTargets.blocking(bytes, MarketTargets.mexcKlines)
        case .coingeckoCoinList: MarketTargets.blocking(bytes, MarketTargets.coinGeckoList)
        case .coingeckoSimplePrice: MarketTargets.blocking(bytes, MarketTargets.coinGeckoPrices)
        case .binancePrices: MarketTargets.blocking(bytes, MarketTargets.binancePrices)
        case .notifyAnswer: NotifyTarget.run(bytes)
        case .config: ConfigTarget.run(bytes)
        }
    }
}

/// The YAML config loader: the text `ConfigLoader.load` reads from the file (bytes
/// that are not UTF-8 stop there, as they do in `load`), and the one-line error it prints.
enum ConfigTarget {
    static func run(_ bytes: Data) -> Int {
        guard let text = String(data: bytes, encoding: .utf8) else { return 0 }
        do {
            _ = try ConfigLoader.parse(yaml: text, file: "fuzz.yaml")
            return 1
        } catch {
            _ = String(describing: error)
            return 0
        }
    }
}

/// The notification channels' reading of a receiver's answer. The first byte picks the
/// status (and whether a `Retry-After` header, from the first line of the rest, comes
/// with it); the rest is the body every enabled channel reads.
enum NotifyTarget {
    static let statuses = [200, 204, 400, 401, 403, 404, 413, 429, 500, 502, 503]
    static let config: ATSConfig = {
        var config = ATSConfig()
        config.notify.webhook.enabled = true
        config.notify.telegram.enabled = true
        config.notify.telegram.chatID = "-1001"
        config.notify.webhook.secretEnv = "ATS_WEBHOOK_SECRET"
        config.notify.discord.enabled = true
        return config
    }()
    static let variables = [
        config.notify.webhook.urlEnv: "https://hooks.fuzz.invalid/ats", config.notify.webhook.secretEnv: "fuzz-secret",
        config.notify.telegram.botTokenEnv: "123456:fuzz-token", config.notify.discord.urlEnv: "https://discord.fuzz.invalid/api/webhooks/1/x",
    ]

    static func run(_ bytes: Data) -> Int {
        guard let first = bytes.first else { return 0 }
        let body = bytes.dropFirst()
        var headers = ["content-type": "application/json"]
        if first & 0x80 != 0 {
            headers["retry-after"] = String(decoding: body.prefix { $0 != 0x0A }.prefix(64), as: UTF8.self)
        }
        let response = HTTPResponse(status: statuses[Int(first & 0x7F) % statuses.count], headers: headers, body: Data(body))
        return NotifyChannels.verdictNotes(config, variables: variables, response: response).count
    }
}
