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

/// What the filters found for a candidate: the proofs the later steps build on, or why it
/// was excluded.
public enum FilterVerdict: Sendable, Equatable {
    /// `quote` is the table's token the pair's quote address proved; `market` the exchange's.
    case passed(quote: QuoteToken, market: ExchangeMarket)
    case excluded(Exclusion)

    public var exclusion: Exclusion? {
        if case .excluded(let exclusion) = self { return exclusion }
        return nil
    }
}

/// product.md's scan filters, in its order: quote, liquidity, 1h change, exchange
/// listing; then identity (judged separately, it needs the coin list) and score.
public enum CandidateRules {
    /// `0.3 × priceChange.h1 + 0.7 × (buys + sells in the last hour)`; a missing window counts as 0.
    public static func score(_ candidate: ScanCandidate) -> Double {
        0.3 * (candidate.priceChangeH1 ?? 0) + 0.7 * Double(candidate.transactionsH1 ?? 0)
    }

    /// The first filter the candidate fails, or what it passed with when it may go on to the identity check.
    public static func filter(_ candidate: ScanCandidate, config: ATSConfig, listing: CEXListing) -> FilterVerdict {
        let rules = config.watchlist
        let quote: QuoteToken
        switch provenQuote(candidate, quoteSymbols: rules.quoteSymbols) {
        case .proven(let token): quote = token
        case .excluded(let exclusion): return .excluded(exclusion)
        }
        guard let liquidity = candidate.liquidityUSD, liquidity >= 0 else {
            return .excluded(Exclusion(reason: .liquidity, detail: "liquidity unknown"))
        }
        if liquidity < rules.minLiquidityUSD {
            return .excluded(Exclusion(reason: .liquidity, detail: "liquidity \(money(liquidity)) USD < \(money(rules.minLiquidityUSD))"))
        }
        guard let price = candidate.priceUSD, price > 0 else {
            return .excluded(Exclusion(reason: .price, detail: "no usable USD price"))
        }
        if let change = candidate.priceChangeH1, abs(change) > rules.maxPriceChangeH1Pct {
            return .excluded(Exclusion(reason: .pump, detail: "1h change \(percent(change)) beyond ±\(Format.shortest(rules.maxPriceChangeH1Pct))%"))
        }
        let base = candidate.baseSymbol.uppercased()
        guard let market = listing.market(base: base) else {
            return .excluded(Exclusion(reason: .notListed, detail: "no \(base)\(listing.quoteAsset) market on the exchange"))
        }
        if !market.isOpenForSpot {
            return .excluded(Exclusion(
                reason: .cexClosed,
                detail: "\(market.symbol) is not open for spot trading (status \(market.status ?? "?"), side type \(market.tradeSideType ?? "?"))"))
        }
        return .passed(quote: quote, market: market)
    }

    /// product.md "Quote tokens": the quote must be named in `quote_symbols` (wrapped tokens
    /// answer to their asset's name: `SOL` admits `WSOL`, `ETH` admits `WETH`) AND sit at that
    /// token's real contract on the pair's chain. Anyone can launch a token called USDC, so
    /// the name alone proves nothing.
    static func provenQuote(_ candidate: ScanCandidate, quoteSymbols: [String]) -> QuoteCheck {
        let named = candidate.quoteSymbol.singleLine(limit: 40)
        let canonical = QuoteTokens.canonicalSymbol(candidate.quoteSymbol)
        guard Set(quoteSymbols.map(QuoteTokens.canonicalSymbol)).contains(canonical) else {
            return .excluded(Exclusion(reason: .quote, detail: "quote \(named) is not one of \(quoteSymbols.joined(separator: ", "))"))
        }
        if let token = QuoteTokens.token(chainID: candidate.chainId, address: candidate.quoteAddress),
           token.symbol == canonical, QuoteTokens.admits(token, quoteSymbols: quoteSymbols) {
            return .proven(token)
        }
        let chain = candidate.chainId.singleLine(limit: 40)
        let address = candidate.quoteAddress.isEmpty ? "an unnamed address" : candidate.quoteAddress.singleLine(limit: 60)
        let unknownThere = QuoteTokens.token(symbol: canonical, chainID: candidate.chainId) == nil
        return .excluded(Exclusion(
            reason: .quote,
            detail: "quote \(named) at \(address) is not \(canonical)'s contract on \(chain)"
                + (unknownThere ? " (no \(canonical) contract is known there)" : "")))
    }

    enum QuoteCheck {
        case proven(QuoteToken)
        case excluded(Exclusion)
    }

    static func money(_ value: Double) -> String { Format.printf(value, decimals: 0) }
    static func percent(_ value: Double) -> String { Format.printf(value, decimals: 1) + "%" }
}
