import Foundation

/// Each API's published limit, counted the way the API counts it (docs/market-apis.md;
/// the sources are cited in the README's "Network manners"). The budget grants a request
/// only while the last window holds room for it (`SlidingWindow`), so no window of the
/// limit's length ever holds more than the limit, whatever the number of processes.
public enum SourcePacing {
    /// MEXC: "Each endpoint with IP limits has an independent 500 every 10 second limit",
    /// in weight (mexcdevelop/apidocs, spot v3 "Limits").
    public static let mexc = BudgetLimit(weight: 500, windowSeconds: 10, unit: "weight")
    /// DexScreener: 300 requests per minute for `/latest/dex/*` and `/tokens/v1`.
    public static let dexScreener = BudgetLimit(weight: 300, windowSeconds: 60)
    /// GeckoTerminal: "about 30 calls per minute".
    public static let geckoTerminal = BudgetLimit(weight: 30, windowSeconds: 60)
    /// Binance: 6000 request weight per minute per IP.
    public static let binance = BudgetLimit(weight: 6000, windowSeconds: 60, unit: "weight")
    /// Limits for a source nobody published one for: gentle.
    public static let unknown = BudgetLimit(weight: 60, windowSeconds: 60)

    /// CoinGecko by plan: keyless is shared by everyone on the IP and published only as
    /// "5 to 30 calls per minute" (10 here, the middle of the low end); Demo 30 per minute;
    /// Pro plans start at 250 per minute (Basic; Analyst and above allow 500 or more).
    public static func coinGecko(plan: String) -> BudgetLimit {
        switch plan {
        case "demo": return BudgetLimit(weight: 30, windowSeconds: 60)
        case "pro": return BudgetLimit(weight: 250, windowSeconds: 60)
        default: return BudgetLimit(weight: 10, windowSeconds: 60)
        }
    }

    public static func limit(for source: String, coinGeckoPlan: String = "keyless") -> BudgetLimit {
        switch source {
        case "mexc": return mexc
        case "dexscreener": return dexScreener
        case "geckoterminal": return geckoTerminal
        case "binance": return binance
        case "coingecko": return coinGecko(plan: coinGeckoPlan)
        default: return unknown
        }
    }

    /// What the API counts separately: MEXC each endpoint (its path), the others the whole API.
    public static func bucket(source: String, path: String) -> String {
        source == "mexc" ? path : "all"
    }

    /// Sources whose calls are counted per UTC month (`monthly_credits`).
    public static func countsMonthly(_ source: String) -> Bool { source == "coingecko" }
}
