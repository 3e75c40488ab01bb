import Foundation

/// Why a candidate did not make the watchlist. Stable codes: they are stored,
/// counted by `status` and the report.
public enum ExclusionReason: String, Sendable, CaseIterable {
    case quote, liquidity, price, pump, notListed = "not_listed", cexClosed = "cex_closed", identity, score, rank
}

public struct Exclusion: Sendable, Equatable {
    public var reason: ExclusionReason
    public var detail: String
}

/// The exchange side of a candidate: the market `<BASE><quote_asset>` if it exists.
public struct CEXListing: Sendable {
    let markets: [String: ExchangeMarket]
    let quoteAsset: String

    public init(markets: [ExchangeMarket], quoteAsset: String) {
        self.markets = Dictionary(markets.map { ($0.symbol.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
        self.quoteAsset = quoteAsset.uppercased()
    }

    public func market(base: String) -> ExchangeMarket? { markets[base.uppercased() + quoteAsset] }
}

/// product.md's scan filters, in its order: quote, liquidity, 1h change, exchange
/// listing; then identity (judged separately, it needs the coin list) and score.
public enum CandidateRules {
    /// `0.3 × priceChange.h1 + 0.7 × (buys + sells in the last hour)`; a missing window counts as 0.
    public static func score(_ candidate: ScanCandidate) -> Double {
        0.3 * (candidate.priceChangeH1 ?? 0) + 0.7 * Double(candidate.transactionsH1 ?? 0)
    }

    /// The first filter the candidate fails, or nil when it may go on to the identity check.
    public static func firstFailure(_ candidate: ScanCandidate, config: ATSConfig, listing: CEXListing) -> Exclusion? {
        let rules = config.watchlist
        let quote = candidate.quoteSymbol.uppercased()
        if !rules.quoteSymbols.map({ $0.uppercased() }).contains(quote) {
            return Exclusion(reason: .quote, detail: "quote \(candidate.quoteSymbol) is not one of \(rules.quoteSymbols.joined(separator: ", "))")
        }
        guard let liquidity = candidate.liquidityUSD, liquidity >= 0 else {
            return Exclusion(reason: .liquidity, detail: "liquidity unknown")
        }
        if liquidity < rules.minLiquidityUSD {
            return Exclusion(reason: .liquidity, detail: "liquidity \(money(liquidity)) USD < \(money(rules.minLiquidityUSD))")
        }
        guard let price = candidate.priceUSD, price > 0 else {
            return Exclusion(reason: .price, detail: "no usable USD price")
        }
        if let change = candidate.priceChangeH1, abs(change) > rules.maxPriceChangeH1Pct {
            return Exclusion(reason: .pump, detail: "1h change \(percent(change)) beyond ±\(Format.shortest(rules.maxPriceChangeH1Pct))%")
        }
        let base = candidate.baseSymbol.uppercased()
        guard let market = listing.market(base: base) else {
            return Exclusion(reason: .notListed, detail: "no \(base)\(listing.quoteAsset) market on the exchange")
        }
        if !market.isOpenForSpot {
            return Exclusion(reason: .cexClosed, detail: "\(market.symbol) is not open for spot trading (status \(market.status ?? "?"), side type \(market.tradeSideType ?? "?"))")
        }
        return nil
    }

    static func money(_ value: Double) -> String { Format.printf(value, decimals: 0) }
    static func percent(_ value: Double) -> String { Format.printf(value, decimals: 1) + "%" }
}
