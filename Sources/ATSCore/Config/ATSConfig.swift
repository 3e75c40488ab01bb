import Foundation

/// Every key of product.md's config, with product.md's defaults.
/// `ConfigSchema` is the single description of names, types, limits and comments.
public struct ATSConfig: Sendable, Equatable {
    public var database = "ats.sqlite"
    public var runDeadlineSeconds = 600.0
    public var report = Report()
    public var watchlist = Watchlist()
    public var scanners = Scanners()
    public var exchange = Exchange()
    public var verifiers = Verifiers()
    public var risk = Risk()
    public var signal = Signal()
    public var poll = Poll()
    public var http = HTTP()
    public var reward = Reward()
    public var notify = Notify()
    public var metrics = Metrics()

    public init() {}

    public struct Report: Sendable, Equatable {
        public var output = "report/index.html"
        public var latestSignals = 100
        public var refreshSeconds = 0
        /// Where the report is published (empty: not published); notifications link to it.
        public var publicURL = ""
    }

    public struct Watchlist: Sendable, Equatable {
        public var size = 10
        public var minLiquidityUSD = 50_000.0
        public var quoteSymbols = ["USDC", "USDT"]
        public var maxPriceChangeH1Pct = 300.0
        public var confirmationBonus = 150.0
        public var requireIdentity = true
    }

    public struct Scanners: Sendable, Equatable {
        public var dexscreener = DexScreener()
        public var geckoterminal = GeckoTerminal()

        public struct DexScreener: Sendable, Equatable {
            public var enabled = true
            public var baseURL = "https://api.dexscreener.com"
            public var queries = ["solana usd"]
        }

        public struct GeckoTerminal: Sendable, Equatable {
            public var enabled = true
            public var baseURL = "https://api.geckoterminal.com/api/v2"
            public var networks = ["solana"]
        }
    }

    public struct Exchange: Sendable, Equatable {
        public var mexc = MEXC()

        public struct MEXC: Sendable, Equatable {
            public var baseURL = "https://api.mexc.com"
            public var quoteAsset = "USDT"
            public var maxTickerAgeSeconds = 120.0
            public var depthLevels = 100
        }
    }

    public struct Verifiers: Sendable, Equatable {
        public var maxDeviationPct = 2.0
        public var maxAgeSeconds = 600.0
        public var requireVerified = false
        public var coingecko = CoinGecko()
        public var binance = Binance()

        public struct CoinGecko: Sendable, Equatable {
            public var enabled = true
            /// keyless | demo | pro: the default base URL, the key header and the rate limit.
            public var plan = "keyless"
            /// Empty: the plan's own host.
            public var baseURL = ""
            public var apiKeyEnv = "COINGECKO_API_KEY"
            public var cacheSeconds = 60.0
            /// >0: no call past this many in a UTC month.
            public var monthlyCredits = 0

            public static let plans = ["keyless", "demo", "pro"]
            public static let publicURL = "https://api.coingecko.com/api/v3"
            public static let proURL = "https://pro-api.coingecko.com/api/v3"

            /// The root requests go to: `base_url`, or the plan's host when it is empty.
            public var effectiveBaseURL: String {
                if !baseURL.isEmpty { return baseURL }
                return plan == "pro" ? Self.proURL : Self.publicURL
            }

            /// The header a key travels in, by plan (none for keyless).
            public var keyHeader: String? {
                switch plan {
                case "demo": return "x-cg-demo-api-key"
                case "pro": return "x-cg-pro-api-key"
                default: return nil
                }
            }
        }

        public struct Binance: Sendable, Equatable {
            public var enabled = false
            public var baseURL = "https://api.binance.com"
        }
    }

    public struct Risk: Sendable, Equatable {
        public var minDexLiquidityUSD = 50_000.0
        public var minCexVolume24hUSD = 1_000_000.0
        public var maxBookSpreadPct = 1.0
    }

    public struct Signal: Sendable, Equatable {
        public var minDexVolume24hUSD = 1_000.0
        public var minSpreadPct = 0.5
        public var maxSpreadPct = 50.0
        public var cooldownMinutes = 15.0
        public var tradeSize = 1_000.0
        public var maxImpactPct = 0.5
    }

    public struct Poll: Sendable, Equatable {
        public var bursts = 1
        public var intervalSeconds = 10.0
    }

    public struct HTTP: Sendable, Equatable {
        public var timeoutSeconds = 5.0
        public var downloadTimeoutSeconds = 60.0
        public var retries = 2
    }

    public struct Reward: Sendable, Equatable {
        public var delayMinutes = 16.0
        public var windowMinutes = 15
        public var baselineMinutes = 60
        public var feePct = 0.1
        public var giveUpHours = 24.0
    }

    /// `ats notify`: which events go out, and the channels. URLs, tokens and secrets
    /// are read from the environment variables these name, never from the file.
    public struct Notify: Sendable, Equatable {
        /// Names of `NotificationEvent`s (signal, reward, health).
        public var events = ["signal"]
        public var healthAfterMinutes = 30.0
        public var webhook = Webhook()
        public var telegram = Telegram()
        public var discord = Discord()

        public struct Webhook: Sendable, Equatable {
            public var enabled = false
            public var urlEnv = "ATS_WEBHOOK_URL"
            public var secretEnv = ""
        }

        public struct Telegram: Sendable, Equatable {
            public var enabled = false
            public var baseURL = "https://api.telegram.org"
            public var botTokenEnv = "ATS_TELEGRAM_BOT_TOKEN"
            public var chatID = ""
        }

        public struct Discord: Sendable, Equatable {
            public var enabled = false
            public var urlEnv = "ATS_DISCORD_WEBHOOK_URL"
        }
    }

    public struct Metrics: Sendable, Equatable {
        public var textfile = ""
    }
}

/// A parsed config plus where it came from, with every path made absolute
/// against the config file's folder (cron starts jobs in another directory).
public struct LoadedConfig: Sendable {
    public var values: ATSConfig
    public let file: URL

    public init(values: ATSConfig, file: URL) {
        self.values = values
        self.file = file
    }

    public var folder: URL { file.deletingLastPathComponent() }
    public var databaseURL: URL { resolve(values.database) }
    public var reportOutputURL: URL { resolve(values.report.output) }
    public var metricsURL: URL? { values.metrics.textfile.isEmpty ? nil : resolve(values.metrics.textfile) }

    public func resolve(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return folder.appendingPathComponent(expanded).standardizedFileURL
    }
}
