import Foundation

/// A candidate that passed every filter, with its score, identity and proven quote token.
public struct AdmittedCandidate: Sendable, Equatable {
    public var candidate: ScanCandidate
    public var score: Double
    public var coingeckoID: String?
    /// The table's token the candidate's quote address proved (see `CandidateRules.provenQuote`).
    public var quote: QuoteToken
}

/// Aggregation by exchange symbol, exactly as product.md says: the sum of the scanners'
/// scores plus `confirmation_bonus × (confirmations − 1)`; the reference pair is the most
/// liquid one found. A scanner that found several pairs of one symbol contributes its best
/// score once (one score per scanner), so a symbol with many pools is not counted many times.
public enum WatchlistBuilder {
    public struct Result: Sendable {
        public var entries: [WatchlistEntry]
        /// Admitted candidates whose symbol ranked below the top `size`.
        public var belowCut: [AdmittedCandidate]
    }

    public static func build(_ admitted: [AdmittedCandidate], size: Int, confirmationBonus: Double, scannedAt: Date) -> Result {
        let bySymbol = Dictionary(grouping: admitted) { $0.candidate.baseSymbol.uppercased() }
        var ranked: [(symbol: String, score: Double, reference: AdmittedCandidate, sources: [String], coingeckoID: String?)] = []
        for (symbol, group) in bySymbol {
            let bestPerScanner = Dictionary(grouping: group, by: \.candidate.source).mapValues { $0.map(\.score).max() ?? 0 }
            let confirmations = bestPerScanner.count
            let score = bestPerScanner.values.reduce(0, +) + confirmationBonus * Double(confirmations - 1)
            let reference = group.max { lhs, rhs in
                let (l, r) = (lhs.candidate.liquidityUSD ?? 0, rhs.candidate.liquidityUSD ?? 0)
                return l != r ? l < r : lhs.candidate.pairAddress > rhs.candidate.pairAddress
            }!
            let coingeckoID = reference.coingeckoID ?? group.compactMap(\.coingeckoID).sorted().first
            ranked.append((symbol, score, reference, bestPerScanner.keys.sorted(), coingeckoID))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.symbol < $1.symbol }
        let kept = ranked.prefix(size)
        let entries = kept.enumerated().map { index, item in
            let pair = item.reference.candidate
            // The table's spelling of the proven token, not the DEX's: `WSOL` is stored as `SOL`,
            // and an EVM address keeps one (checksummed) form whichever scanner found the pair.
            let quote = item.reference.quote
            return WatchlistEntry(
                rank: index + 1, cexSymbol: item.symbol, baseSymbol: item.symbol, quoteSymbol: quote.symbol,
                chainId: pair.chainId, pairAddress: pair.pairAddress, baseAddress: pair.baseAddress, dexId: pair.dexId,
                coingeckoId: item.coingeckoID, priceUsd: pair.priceUSD, liquidityUsd: pair.liquidityUSD,
                finalScore: item.score, confirmations: item.sources.count, sources: item.sources.joined(separator: ","),
                scannedAt: scannedAt, quoteAddress: quote.address)
        }
        let keptSymbols = Set(kept.map(\.symbol))
        let belowCut = admitted.filter { !keptSymbols.contains($0.candidate.baseSymbol.uppercased()) }
        return Result(entries: entries, belowCut: belowCut)
    }
}
