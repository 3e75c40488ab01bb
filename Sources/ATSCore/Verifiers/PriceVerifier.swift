import Foundation

/// What one verifier said about one pair in one burst.
public enum VerifierReading: Sendable, Equatable {
    /// A usable (finite, positive) price in the exchange's quote currency (USD ≈ USDT).
    case price(Double)
    /// The verifier could not say: no id, not listed, or its request failed.
    /// This never blocks a signal; it is noted on it.
    case unverified(String)
}

/// An independent price source that must agree with the exchange before a
/// signal counts. Each verifier asks for every pair of a burst in ONE request.
///
/// To add one: write a type conforming to this protocol (one file under
/// `Verifiers/`) and list it in `VerifierRegistry.kinds`.
public protocol PriceVerifier: Sendable {
    /// The verifier for this run, or nil when the config disables it.
    static func make(_ context: StageContext) -> Self?

    /// Stable name: the source name of its requests, the key in `verifier_prices`, the word in notes.
    var name: String { get }

    /// Why this pair cannot be verified before asking (e.g. no proven CoinGecko id), or nil.
    func unverifiable(_ pair: WatchlistEntry) -> String?

    /// Readings for `pairs` (all verifiable) keyed by `cex_symbol`, from one request.
    /// Throws only when that request failed as a whole.
    func readings(for pairs: [WatchlistEntry]) async throws -> (readings: [String: VerifierReading], latencyMs: Int)
}

/// Every verifier `ats` knows, in the order notes list them.
public enum VerifierRegistry {
    public static let kinds: [any PriceVerifier.Type] = [
        CoinGeckoVerifier.self,
        BinanceVerifier.self,
    ]

    /// The verifiers the config enables.
    public static func enabled(in context: StageContext) -> [any PriceVerifier] {
        kinds.compactMap { $0.make(context) }
    }
}

extension VerifierReading {
    /// A reading from an optional API number: anything but a finite positive price is "no price".
    static func from(_ value: Double?, otherwise reason: @autoclosure () -> String) -> VerifierReading {
        if let price = MarketNumber(value).positive { return .price(price) }
        return .unverified(reason())
    }
}
