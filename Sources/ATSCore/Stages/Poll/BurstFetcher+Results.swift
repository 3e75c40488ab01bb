import Foundation

/// Turning each source's answer (or failure) into per-pair evidence.
extension BurstFetcher {
    /// `route` names the request in warnings without its batch of addresses, so one
    /// source failing for every chain is one line, not one per chain.
    func dexResult(_ source: String, route: String, _ pairs: [WatchlistEntry],
                   _ request: () async throws -> (found: [DexPair], latencyMs: Int)) async -> JobResult {
        do {
            let (found, latency) = try await request()
            let byAddress = Dictionary(found.map { (ChainAddress.normalize($0.pairAddress), $0) }, uniquingKeysWith: { first, _ in first })
            var quotes: [String: Sourced<DexQuote>] = [:]
            for pair in pairs {
                guard let answer = byAddress[ChainAddress.normalize(pair.pairAddress)] else {
                    quotes[pair.cexSymbol] = .missing("pair absent from \(source)'s answer")
                    continue
                }
                // An inverted or re-created pool would price another token: a wrong number, not data.
                if let base = answer.base?.address, !pair.baseAddress.isEmpty, !ChainAddress.same(base, pair.baseAddress) {
                    quotes[pair.cexSymbol] = .missing(
                        "\(source) reports base token \(base.singleLine(limit: 60)), not the watchlist's \(pair.baseAddress.singleLine(limit: 60))")
                    continue
                }
                quotes[pair.cexSymbol] = .value(DexQuote(source: source, priceNative: answer.priceNative, priceUSD: answer.priceUSD,
                                                         liquidityUSD: answer.liquidityUSD, volume24hUSD: answer.volume24hUSD, latencyMs: latency))
            }
            return .dex(source: source, quotes: quotes, latencyMs: latency, failure: nil)
        } catch {
            let (message, reason) = Self.explain(error, route: route)
            let quotes = Dictionary(pairs.map { ($0.cexSymbol, Sourced<DexQuote>.missing("\(source) failed: \(reason)")) }, uniquingKeysWith: { a, _ in a })
            return .dex(source: source, quotes: quotes, latencyMs: nil, failure: SourceFailure(source: source, message: message, pairs: pairs.count))
        }
    }

    /// The one all-tickers answer gives every pair its market and its quote token's rate.
    func cexResult(_ pairs: [WatchlistEntry]) async -> JobResult {
        do {
            let (tickers, latency) = try await mexc.allTickers()
            let arrivedAt = now()
            let byMarket = Dictionary(tickers.map { ($0.symbol, $0.ticker) }, uniquingKeysWith: { first, _ in first })
            var quotes: [String: Sourced<CexQuote>] = [:]
            var rates: [String: Sourced<Double>] = [:]
            for pair in pairs {
                rates[pair.cexSymbol] = rate(for: pair, byMarket)
                let market = pair.cexSymbol.uppercased() + quoteAsset.uppercased()
                guard let ticker = byMarket[market] else {
                    quotes[pair.cexSymbol] = .missing("mexc has no ticker for \(market.singleLine(limit: 40))")
                    continue
                }
                quotes[pair.cexSymbol] = .value(CexQuote(market: market, ticker: ticker, arrivedAt: arrivedAt, latencyMs: latency))
            }
            return .cex(quotes: quotes, rates: rates, latencyMs: latency, failure: nil)
        } catch {
            let (message, reason) = Self.explain(error)
            let quotes = Dictionary(pairs.map { ($0.cexSymbol, Sourced<CexQuote>.missing("mexc failed: \(reason)")) }, uniquingKeysWith: { a, _ in a })
            return .cex(quotes: quotes, rates: [:], latencyMs: nil, failure: SourceFailure(source: MEXCAPI.source, message: message, pairs: pairs.count))
        }
    }

    /// The pair's quote token in the quote asset: 1 for the quote asset itself, else the mid
    /// of the exchange's own market for it (`USDCUSDT`, `SOLUSDT`...). A market the exchange
    /// does not list is no rate, never a rate of 1.
    func rate(for pair: WatchlistEntry, _ byMarket: [String: ExchangeTicker]) -> Sourced<Double> {
        guard let token = Self.quoteToken(of: pair) else {
            return .missing("\(pair.quoteSymbol.singleLine(limit: 20)) on \(pair.chainId.singleLine(limit: 20)) is no known quote token")
        }
        if token.asset.uppercased() == quoteAsset.uppercased() { return .value(1) }
        let market = token.asset.uppercased() + quoteAsset.uppercased()
        guard let mid = byMarket[market]?.mid else { return .missing("mexc has no \(market) book for the quote token's rate") }
        return .value(mid)
    }

    func verifierResult(_ verifier: any PriceVerifier, _ pairs: [WatchlistEntry]) async -> JobResult {
        var checks: [String: VerifierCheck] = [:]
        var askable: [WatchlistEntry] = []
        for pair in pairs {
            if let why = verifier.unverifiable(pair) {
                checks[pair.cexSymbol] = VerifierCheck(verifier: verifier.name, reading: .unverified(why))
            } else {
                askable.append(pair)
            }
        }
        guard !askable.isEmpty else { return .verifier(name: verifier.name, checks: checks, latencyMs: nil, failure: nil) }
        do {
            let (readings, latency) = try await verifier.readings(for: askable)
            for pair in askable {
                let reading = readings[pair.cexSymbol] ?? .unverified("\(verifier.name) gave no reading")
                checks[pair.cexSymbol] = VerifierCheck(verifier: verifier.name, reading: reading, latencyMs: latency)
            }
            return .verifier(name: verifier.name, checks: checks, latencyMs: latency, failure: nil)
        } catch {
            let (message, reason) = Self.explain(error)
            for pair in askable {
                checks[pair.cexSymbol] = VerifierCheck(verifier: verifier.name, reading: .unverified("\(verifier.name) could not answer: \(reason)"))
            }
            return .verifier(name: verifier.name, checks: checks, latencyMs: nil,
                             failure: SourceFailure(source: verifier.name, message: message, pairs: askable.count))
        }
    }

    /// The pair's quote token: by the contract the scan proved, or for rows scanned before
    /// v2 (no address stored) by its symbol on the pair's chain.
    static func quoteToken(of pair: WatchlistEntry) -> QuoteToken? {
        if !pair.quoteAddress.isEmpty { return QuoteTokens.token(chainID: pair.chainId, address: pair.quoteAddress) }
        return QuoteTokens.token(symbol: pair.quoteSymbol, chainID: pair.chainId)
    }

    /// A whole-line message (for warnings) and a short reason (for each pair's row).
    static func explain(_ error: any Error, route: String? = nil) -> (message: String, reason: String) {
        if let error = error as? SourceError {
            let message = route.map { "\(error.source) \($0): \(error.reasonAndAttempts)" } ?? error.description
            return (message, error.reasonAndAttempts)
        }
        let text = StageRunner.describe(error)
        return (text, text)
    }
}
