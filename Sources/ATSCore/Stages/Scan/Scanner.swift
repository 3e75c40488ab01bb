import Foundation

/// A DEX pair a scanner proposes, in the scanner-neutral shape the rules judge.
public struct ScanCandidate: Sendable, Equatable {
    public var source: String
    /// Canonical chain id (DexScreener's naming; see `Chain`).
    public var chainId: String
    public var pairAddress: String
    public var baseAddress: String
    public var baseSymbol: String
    public var quoteSymbol: String
    /// The quote token's contract as the source names it: the quote rule proves it against `QuoteTokens`.
    public var quoteAddress: String
    public var dexId: String?
    public var priceUSD: Double?
    public var liquidityUSD: Double?
    public var volume24hUSD: Double?
    /// Percent; a window without data is nil.
    public var priceChangeH1: Double?
    /// Buys + sells in the last hour.
    public var transactionsH1: Int?

    public init(
        source: String, chainId: String, pairAddress: String, baseAddress: String, baseSymbol: String, quoteSymbol: String,
        quoteAddress: String, dexId: String? = nil, priceUSD: Double?, liquidityUSD: Double?, volume24hUSD: Double?,
        priceChangeH1: Double?, transactionsH1: Int?
    ) {
        self.source = source
        self.chainId = chainId
        self.pairAddress = pairAddress
        self.baseAddress = baseAddress
        self.baseSymbol = baseSymbol
        self.quoteSymbol = quoteSymbol
        self.quoteAddress = quoteAddress
        self.dexId = dexId
        self.priceUSD = priceUSD
        self.liquidityUSD = liquidityUSD
        self.volume24hUSD = volume24hUSD
        self.priceChangeH1 = priceChangeH1
        self.transactionsH1 = transactionsH1
    }

    /// The candidate a source's pair makes; nil when the answer does not name both tokens'
    /// symbols, since the rules judge a pair by its tickers.
    package init?(source: String, pair: DexPair) {
        guard let base = pair.base, let quote = pair.quote, let baseSymbol = base.symbol, let quoteSymbol = quote.symbol else { return nil }
        self.init(
            source: source, chainId: pair.chainId, pairAddress: pair.pairAddress, baseAddress: base.address,
            baseSymbol: baseSymbol, quoteSymbol: quoteSymbol, quoteAddress: quote.address, dexId: pair.dexId,
            priceUSD: pair.priceUSD, liquidityUSD: pair.liquidityUSD, volume24hUSD: pair.volume24hUSD,
            priceChangeH1: pair.priceChangeH1, transactionsH1: pair.transactionsH1)
    }
}

/// What one scanner brought back: candidates, and the requests that failed.
public struct ScannerOutput: Sendable {
    public var candidates: [ScanCandidate]
    public var failures: [String]
    /// True when every request of the scanner failed (its part of the scan is missing).
    public var failedCompletely: Bool
}

/// What one of a scanner's concurrent requests returned, and for which item.
struct ItemAnswer: Sendable {
    var index: Int
    var result: Result<[DexPair], any Error>
}

/// A source of candidate pairs. A new scanner is one file conforming to this
/// and one line in `ScannerRegistry`.
///
/// The same shape as `PriceVerifier` and its `VerifierRegistry`: each kind builds itself
/// from the config (nil when disabled), and the registry lists the kinds in order.
public protocol DEXScanner: Sendable {
    /// The scanner for this config, or nil when the config disables it.
    static func make(_ config: ATSConfig) -> Self?

    var name: String { get }
    func scan(_ context: StageContext) async -> ScannerOutput
}

/// Every scanner `ats` knows, in the order their results are merged.
public enum ScannerRegistry {
    public static let kinds: [any DEXScanner.Type] = [
        DexScreenerScanner.self,
        GeckoTerminalScanner.self,
    ]

    /// The scanners the config enables.
    public static func enabled(_ config: ATSConfig) -> [any DEXScanner] {
        kinds.compactMap { $0.make(config) }
    }
}

extension DEXScanner {
    /// Runs one request per item concurrently and gathers the pairs found, as candidates, and failures.
    /// Failures with the same reason make ONE line naming the items they hit
    /// (`dexscreener search: HTTP 503 server error; 3 of 3 queries failed (solana usd, bsc usd, base usd)`):
    /// a source that is down is one warning, not one identical line per query.
    func gather<Item: Sendable & CustomStringConvertible>(
        _ items: [Item], asking what: String, per noun: (one: String, many: String),
        _ fetch: @escaping @Sendable (Item) async throws -> [DexPair]
    ) async -> ScannerOutput {
        // A named child result, built after the await: see BurstFetcher.books (swiftlang/swift#91911).
        await withTaskGroup(of: ItemAnswer.self) { group in
            for (index, item) in items.enumerated() {
                group.addTask {
                    let result: Result<[DexPair], any Error>
                    do { result = .success(try await fetch(item)) } catch { result = .failure(error) }
                    return ItemAnswer(index: index, result: result)
                }
            }
            var candidates: [ScanCandidate] = []
            var failed: [(index: Int, reason: String)] = []
            for await answer in group {
                switch answer.result {
                case .success(let found): candidates += found.compactMap { ScanCandidate(source: name, pair: $0) }
                case .failure(let error): failed.append((answer.index, Self.reason(error)))
                }
            }
            var failures: [String] = []
            for reason in Set(failed.map(\.reason)).sorted() {
                let hit = failed.filter { $0.reason == reason }.map(\.index).sorted().map { items[$0].description.singleLine(limit: 60) }
                failures.append("\(name) \(what): \(reason); \(hit.count) of \(items.count) \(items.count == 1 ? noun.one : noun.many) failed (\(hit.joined(separator: ", ")))")
            }
            return ScannerOutput(candidates: candidates, failures: failures,
                                 failedCompletely: !items.isEmpty && failed.count == items.count)
        }
    }

    /// Why one request failed, without the source and path (the line names them once).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? SourceError else { return StageRunner.describe(error) }
        return error.reasonAndAttempts
    }
}
