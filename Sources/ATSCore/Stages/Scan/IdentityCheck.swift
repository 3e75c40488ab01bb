import Foundation

/// Whether a DEX token is the exchange's asset (product.md "Identity").
public enum IdentityVerdict: Sendable, Equatable {
    /// Proven; `coingeckoID` is the coin the proof went through (used by the verifier), if any.
    case proven(coingeckoID: String?)
    case unproven(String)

    public var coingeckoID: String? {
        if case .proven(let id) = self { return id }
        return nil
    }
}

/// Tickers collide: a DEX token called PEPE is often not the PEPE the exchange lists.
/// The proof goes through contract addresses only, never through the ticker alone:
/// 1. the exchange publishes a contract equal to the DEX token's → proven;
/// 2. the exchange publishes another contract (the asset on another chain) that CoinGecko
///    knows → proven only if the CoinGecko coin owning that contract lists the DEX token on
///    the pair's chain, otherwise disproven (it names some other token);
/// 3. otherwise — no contract, a placeholder (MEXC publishes `xtokens`), an address of
///    another chain's kind, or one CoinGecko does not know, all of which prove nothing either
///    way — a CoinGecko coin with the ticker must list the DEX token on the pair's chain; when
///    several coins share the ticker, that coin's name must also be the exchange's full name
///    for the asset (otherwise it is ambiguous, so unproven).
public struct IdentityCheck: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func verdict(for candidate: ScanCandidate, market: ExchangeMarket) throws -> IdentityVerdict {
        let base = candidate.baseSymbol.lowercased()
        let token = ChainAddress.normalize(candidate.baseAddress)
        let platform = Chain.byID(candidate.chainId)?.coinGeckoPlatform

        func listsToken(_ coin: CoinListing) -> Bool {
            guard let platform, let address = coin.platforms[platform] else { return false }
            return address == token
        }

        // Why the exchange's contract, when it has one, was set aside: said beside a failed CoinGecko route.
        var setAside = ""
        if let published = market.contractAddress {
            let shown = published.singleLine(limit: 60)
            if !ChainAddress.isPlausible(published, chainID: candidate.chainId) {
                setAside = "; the exchange's contract \(shown) is not a \(candidate.chainId.singleLine(limit: 40)) address, so it proves nothing"
            } else if ChainAddress.same(published, candidate.baseAddress) {
                let coin = try database.coins(address: token).first { $0.symbol == base && listsToken($0) }
                return .proven(coingeckoID: coin?.id)
            } else {
                let owners = try database.coins(address: published)
                if let coin = owners.first(where: { $0.symbol == base && listsToken($0) }) { return .proven(coingeckoID: coin.id) }
                if !owners.isEmpty {
                    return .unproven("the exchange's \(market.baseAsset) contract is not this token on \(candidate.chainId)")
                }
                setAside = "; CoinGecko does not know the exchange's contract \(shown), so it proves nothing"
            }
        }
        guard let platform else {
            return .unproven("no CoinGecko platform is known for chain \(candidate.chainId)" + setAside)
        }
        let namesakes = try database.coins(symbol: base)
        let matches = namesakes.filter(listsToken)
        guard let coin = matches.first else {
            return .unproven((namesakes.isEmpty
                ? "CoinGecko lists no coin \(base) (or its coin list is unavailable)"
                : "no CoinGecko coin \(base) has this contract on \(platform)") + setAside)
        }
        if namesakes.count > 1 {
            let exchangeName = market.fullName?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard let named = matches.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == exchangeName }),
                  !exchangeName.isEmpty
            else {
                return .unproven("\(namesakes.count) CoinGecko coins share the ticker \(base) and the exchange's name for it does not single this one out" + setAside)
            }
            return .proven(coingeckoID: named.id)
        }
        return .proven(coingeckoID: coin.id)
    }
}
