import Foundation
import Yams

/// One leaf key of the config: its dotted path, the comment `ats init` writes
/// above it, how to read it from YAML (type and limits) and how to render its value.
struct ConfigEntry {
    let path: String
    let comment: String
    /// What the key holds and its limits (tests derive bad values from it).
    let kind: ConfigValueKind
    let read: (inout ATSConfig, Node, ConfigReadContext) throws -> Void
    let render: (ATSConfig) -> String
}

/// The type of a key's value, with the limits its reader enforces.
enum ConfigValueKind {
    case number(NumberLimit)
    case integer(NumberLimit)
    case bool
    case text(allowEmpty: Bool)
    case url
    case symbol
    case textList
}

/// Everything a reader needs to phrase an error.
struct ConfigReadContext {
    let file: String
    let key: String
    let line: Int

    func wrongType(_ expected: String) -> ConfigError {
        .wrongType(file: file, key: key, line: line, expected: expected)
    }

    func invalid(_ problem: String) -> ConfigError {
        .invalidValue(file: file, key: key, line: line, problem: problem)
    }
}

/// The lower limit a number key accepts.
enum NumberLimit {
    case atLeast(Double)
    case above(Double)

    func check(_ value: Double, _ context: ConfigReadContext) throws {
        switch self {
        case .atLeast(let minimum) where value < minimum:
            throw context.invalid("must be at least \(Format.shortest(minimum)) (got \(Format.shortest(value)))")
        case .above(let minimum) where value <= minimum:
            throw context.invalid("must be greater than \(Format.shortest(minimum)) (got \(Format.shortest(value)))")
        default:
            return
        }
    }
}

enum ConfigSchema {
    /// Comments written above each section by `ats init`.
    static let sectionComments: [String: String] = [
        "report": "The static HTML report (`ats report`).",
        "watchlist": "What `ats scan` admits to the watchlist.",
        "scanners": "DEX scanners used by `ats scan` (all enabled ones run concurrently).",
        "exchange": "The centralised exchange whose prices are compared with the DEX.",
        "verifiers": "Independent prices that must agree with the exchange before a signal counts.",
        "risk": "Markets too thin to trust: no signal.",
        "signal": "When a price disagreement becomes a signal.",
        "poll": "Defaults for `ats poll` (the command line overrides them).",
        "http": "Every request to every source.",
        "reward": "How `ats reward` measures each signal on exchange 1-minute candles.",
        "notify": "What `ats notify` delivers, and where. URLs, bot tokens and secrets live in the environment.",
        "metrics": "Prometheus textfile-collector output.",
    ]

    static var entries: [ConfigEntry] {
        [
            string("database", \.database, "SQLite database file, created on first run."),
            number("run_deadline_seconds", \.runDeadlineSeconds, .above(0), "A run past this logs what it waited for and exits 1 (its lock is freed)."),
            string("report.output", \.report.output, "Where the HTML page is written (atomically)."),
            integer("report.latest_signals", \.report.latestSignals, .atLeast(1), "How many of the latest signals the page lists."),
            integer("report.refresh_seconds", \.report.refreshSeconds, .atLeast(0), ">0 adds a meta refresh to the page."),
            optionalURL("report.public_url", \.report.publicURL, "Where the report is published; notifications link to it (empty: no link)."),
            integer("watchlist.size", \.watchlist.size, .atLeast(1), "How many pairs the watchlist keeps (best scores first)."),
            number("watchlist.min_liquidity_usd", \.watchlist.minLiquidityUSD, .atLeast(0), "Scanner filter: minimum DEX pool liquidity in USD."),
            stringList("watchlist.quote_symbols", \.watchlist.quoteSymbols, "DEX quote tokens accepted."),
            number("watchlist.max_price_change_h1_pct", \.watchlist.maxPriceChangeH1Pct, .atLeast(0), "Drop pumps and dumps beyond this |%| in 1h."),
            number("watchlist.confirmation_bonus", \.watchlist.confirmationBonus, .atLeast(0), "Added per extra scanner that found the same symbol."),
            bool("watchlist.require_identity", \.watchlist.requireIdentity, "The DEX token must be proven to be the exchange's asset (CoinGecko contracts or the exchange's own)."),
            bool("scanners.dexscreener.enabled", \.scanners.dexscreener.enabled, "DexScreener search."),
            url("scanners.dexscreener.base_url", \.scanners.dexscreener.baseURL, "API root; `ats simulate` prints one to try offline."),
            stringList("scanners.dexscreener.queries", \.scanners.dexscreener.queries, "Search queries, each one request (at most 30 pairs each)."),
            bool("scanners.geckoterminal.enabled", \.scanners.geckoterminal.enabled, "GeckoTerminal trending pools."),
            url("scanners.geckoterminal.base_url", \.scanners.geckoterminal.baseURL, "API root (JSON:API v2)."),
            stringList("scanners.geckoterminal.networks", \.scanners.geckoterminal.networks, "GeckoTerminal network ids (eth, bsc, solana, base, arbitrum, polygon_pos)."),
            url("exchange.mexc.base_url", \.exchange.mexc.baseURL, "MEXC spot v3 API root."),
            symbol("exchange.mexc.quote_asset", \.exchange.mexc.quoteAsset, "The exchange market is <BASE><quote_asset>."),
            number("exchange.mexc.max_ticker_age_seconds", \.exchange.mexc.maxTickerAgeSeconds, .atLeast(0),
                   "A ticker whose own time (closeTime) is older than this when it arrives is stale; 0 = off."),
            integer("exchange.mexc.depth_levels", \.exchange.mexc.depthLevels, .atLeast(1), "Order-book levels read for a would-be signal (MEXC allows up to 5000)."),
            number("verifiers.max_deviation_pct", \.verifiers.maxDeviationPct, .above(0), "A verifier further than this from the exchange price marks a glitch."),
            number("verifiers.max_age_seconds", \.verifiers.maxAgeSeconds, .above(0), "A verifier price older than this is not an answer."),
            bool("verifiers.require_verified", \.verifiers.requireVerified, "true: no signal unless a verifier confirmed the price (else the pair is 'unverified')."),
            bool("verifiers.coingecko.enabled", \.verifiers.coingecko.enabled, "CoinGecko simple/price (also the coin list used to prove identity)."),
            choice("verifiers.coingecko.plan", \.verifiers.coingecko.plan, ATSConfig.Verifiers.CoinGecko.plans,
                   "keyless | demo | pro: decides the default base URL, the key header and the rate limit."),
            url("verifiers.coingecko.base_url", \.verifiers.coingecko.baseURL,
                "Empty: the plan's (api.coingecko.com, or pro-api.coingecko.com for pro).", allowEmpty: true),
            string("verifiers.coingecko.api_key_env", \.verifiers.coingecko.apiKeyEnv, "Environment variable holding the demo or pro API key (never put the key itself here).", allowEmpty: true),
            number("verifiers.coingecko.cache_seconds", \.verifiers.coingecko.cacheSeconds, .atLeast(0), "A price is reused this long, across bursts and runs."),
            integer("verifiers.coingecko.monthly_credits", \.verifiers.coingecko.monthlyCredits, .atLeast(0),
                    ">0: stop asking once this many calls were made this UTC month (a Demo key has about 10000)."),
            bool("verifiers.binance.enabled", \.verifiers.binance.enabled, "A second exchange's ticker as a verifier."),
            url("verifiers.binance.base_url", \.verifiers.binance.baseURL, "API root."),
            number("risk.min_dex_liquidity_usd", \.risk.minDexLiquidityUSD, .atLeast(0), "Minimum DEX liquidity in USD."),
            number("risk.min_cex_volume_24h_usd", \.risk.minCexVolume24hUSD, .atLeast(0), "Minimum exchange 24h volume, in quote currency (USDT), not base units."),
            number("risk.max_book_spread_pct", \.risk.maxBookSpreadPct, .above(0), "(ask - bid) / mid beyond this: the book is too wide to trust."),
            number("signal.min_dex_volume_24h_usd", \.signal.minDexVolume24hUSD, .atLeast(0), "The DEX pair must be active: 24h volume in USD."),
            number("signal.min_spread_pct", \.signal.minSpreadPct, .atLeast(0), "Smallest |spread| that is a signal; spread = (cex - dex) / dex x 100."),
            number("signal.max_spread_pct", \.signal.maxSpreadPct, .above(0), "Beyond this the two prices are not the same asset (a mismatch, no signal)."),
            number("signal.cooldown_minutes", \.signal.cooldownMinutes, .atLeast(0), "No second signal for a symbol and side within this."),
            number("signal.trade_size", \.signal.tradeSize, .above(0), "The order a signal is measured for, in the quote asset (USDT): walked through the book."),
            number("signal.max_impact_pct", \.signal.maxImpactPct, .atLeast(0), "The order's average fill must be within this of the mid, or the book is thin."),
            integer("poll.bursts", \.poll.bursts, .atLeast(1), "Polls per run."),
            number("poll.interval_seconds", \.poll.intervalSeconds, .atLeast(0), "Seconds between the starts of two bursts."),
            number("http.timeout_seconds", \.http.timeoutSeconds, .above(0), "Per-request deadline."),
            number("http.download_timeout_seconds", \.http.downloadTimeoutSeconds, .above(0), "For the big lists: exchangeInfo, CoinGecko's coin list."),
            integer("http.retries", \.http.retries, .atLeast(0), "Retries after network errors, 429 and 5xx only (with backoff, honouring Retry-After)."),
            number("reward.delay_minutes", \.reward.delayMinutes, .atLeast(0), "A signal is due this long after it was recorded."),
            integer("reward.window_minutes", \.reward.windowMinutes, .atLeast(1), "How many 1-minute candles after the signal are measured."),
            integer("reward.baseline_minutes", \.reward.baselineMinutes, .atLeast(0), "Random-entry baseline: entries at each minute of this long before the signal."),
            number("reward.fee_pct", \.reward.feePct, .atLeast(0), "Taker fee per side, in percent."),
            number("reward.give_up_hours", \.reward.giveUpHours, .above(0), "A window still incomplete after this becomes 'unavailable'."),
            choiceList("notify.events", \.notify.events, allowed: NotificationEvent.allCases.map(\.rawValue),
                       "Events delivered: any of signal, reward, health."),
            number("notify.health_after_minutes", \.notify.healthAfterMinutes, .above(0),
                   "A stage with no successful run this long is a health alert (and a recovery message when it runs again)."),
            bool("notify.webhook.enabled", \.notify.webhook.enabled, "POST each event as JSON to a URL of yours."),
            string("notify.webhook.url_env", \.notify.webhook.urlEnv, "Environment variable holding the URL (the URL is a secret)."),
            string("notify.webhook.secret_env", \.notify.webhook.secretEnv,
                   "Set: the variable it names holds a key, and the body is signed (HMAC-SHA256, header X-ATS-Signature).", allowEmpty: true),
            bool("notify.telegram.enabled", \.notify.telegram.enabled, "Telegram Bot API sendMessage."),
            url("notify.telegram.base_url", \.notify.telegram.baseURL, "Bot API root."),
            string("notify.telegram.bot_token_env", \.notify.telegram.botTokenEnv, "Environment variable holding the bot token."),
            string("notify.telegram.chat_id", \.notify.telegram.chatID, "The chat, group or @channel to write to.", allowEmpty: true),
            bool("notify.discord.enabled", \.notify.discord.enabled, "A Discord channel webhook."),
            string("notify.discord.url_env", \.notify.discord.urlEnv, "Environment variable holding the webhook URL (it carries the webhook's token)."),
            string("metrics.textfile", \.metrics.textfile, "Prometheus textfile-collector file; empty = off.", allowEmpty: true),
        ]
    }

    /// Checks that involve two keys, run after every key was read.
    static func crossCheck(_ config: ATSConfig, file: String, lines: [String: Int]) throws {
        if config.signal.minSpreadPct > config.signal.maxSpreadPct {
            throw ConfigError.invalidValue(
                file: file, key: "signal.max_spread_pct",
                line: lines["signal.max_spread_pct"] ?? lines["signal.min_spread_pct"],
                problem: "(\(Format.shortest(config.signal.maxSpreadPct))) is below signal.min_spread_pct (\(Format.shortest(config.signal.minSpreadPct)))")
        }
        if config.reward.windowMinutes > 1000 {
            throw ConfigError.invalidValue(
                file: file, key: "reward.window_minutes", line: lines["reward.window_minutes"],
                problem: "must be at most 1000 (one klines response)")
        }
        // One klines request serves the baseline and the window, with a candle to spare each side.
        if config.reward.baselineMinutes + config.reward.windowMinutes + 2 > 1000 {
            throw ConfigError.invalidValue(
                file: file, key: "reward.baseline_minutes", line: lines["reward.baseline_minutes"] ?? lines["reward.window_minutes"],
                problem: "with reward.window_minutes must fit one klines response: baseline_minutes + window_minutes + 2 ≤ 1000")
        }
        if config.notify.telegram.enabled && config.notify.telegram.chatID.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ConfigError.invalidValue(
                file: file, key: "notify.telegram.chat_id", line: lines["notify.telegram.chat_id"] ?? lines["notify.telegram.enabled"],
                problem: "must be set when notify.telegram.enabled is true")
        }
        if config.exchange.mexc.depthLevels > 5000 {
            throw ConfigError.invalidValue(
                file: file, key: "exchange.mexc.depth_levels", line: lines["exchange.mexc.depth_levels"],
                problem: "must be at most 5000 (MEXC's largest depth answer)")
        }
    }

    /// Every dotted prefix of a key is a section (a mapping).
    static var sections: Set<String> {
        var result = Set<String>()
        for entry in entries {
            var parts = entry.path.split(separator: ".").dropLast()
            while !parts.isEmpty {
                result.insert(parts.joined(separator: "."))
                parts = parts.dropLast()
            }
        }
        return result
    }
}
