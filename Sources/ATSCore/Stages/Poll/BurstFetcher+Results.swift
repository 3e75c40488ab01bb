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
                quotes[pair.cexSymbol] = .value(DexQuote(source: source, priceUSD: answer.priceUSD, liquidityUSD: answer.liquidityUSD,
                                                         volume24hUSD: answer.volume24hUSD, latencyMs: latency))
            }
            return .dex(source: source, quotes: quotes, latencyMs: latency, failure: nil)
        } catch {
            let (message, reason) = Self.explain(error, route: route)
            let quotes = Dictionary(pairs.map { ($0.cexSymbol, Sourced<DexQuote>.missing("\(source) failed: \(reason)")) }, uniquingKeysWith: { a, _ in a })
            return .dex(source: source, quotes: quotes, latencyMs: nil, failure: SourceFailure(source: source, message: message, pairs: pairs.count))
        }
    }

    func cexResult(_ pairs: [WatchlistEntry]) async -> JobResult {
        do {
            let (tickers, latency) = try await mexc.allTickers()
            let byMarket = Dictionary(tickers.map { ($0.symbol, $0.ticker) }, uniquingKeysWith: { first, _ in first })
            var quotes: [String: Sourced<CexQuote>] = [:]
            for pair in pairs {
                let market = pair.cexSymbol.uppercased() + quoteAsset.uppercased()
                guard let ticker = byMarket[market] else {
                    quotes[pair.cexSymbol] = .missing("mexc has no ticker for \(market.singleLine(limit: 40))")
                    continue
                }
                quotes[pair.cexSymbol] = .value(CexQuote(market: market, price: ticker.lastPrice, quoteVolume24h: ticker.quoteVolume24h,
                                                         changeFraction24h: ticker.changeFraction24h, latencyMs: latency))
            }
            return .cex(quotes: quotes, latencyMs: latency, failure: nil)
        } catch {
            let (message, reason) = Self.explain(error)
            let quotes = Dictionary(pairs.map { ($0.cexSymbol, Sourced<CexQuote>.missing("mexc failed: \(reason)")) }, uniquingKeysWith: { a, _ in a })
            return .cex(quotes: quotes, latencyMs: nil, failure: SourceFailure(source: MEXCAPI.source, message: message, pairs: pairs.count))
        }
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

    /// A whole-line message (for warnings) and a short reason (for each pair's row).
    static func explain(_ error: any Error, route: String? = nil) -> (message: String, reason: String) {
        if let error = error as? SourceError {
            let tries = error.attempts > 1 ? " (after \(error.attempts) attempts)" : ""
            let message = route.map { "\(error.source) \($0): \(error.reason)\(tries)" } ?? error.description
            return (message, error.reason + tries)
        }
        let text = StageRunner.describe(error)
        return (text, text)
    }
}
