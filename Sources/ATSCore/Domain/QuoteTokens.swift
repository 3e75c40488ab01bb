/// The real contracts of the tokens a DEX pair may be quoted in, per chain (product.md
/// "Quote tokens"). Anyone can launch a token called USDC: a pair's quote token is
/// accepted only at one of these addresses.
///
/// Source: the Uniswap default token list (tokens.uniswap.org, ethereum/base/arbitrum/
/// polygon), the PancakeSwap extended list (tokens.pancakeswap.finance, bsc) and the
/// Solana token list (USDC, USDT, wrapped SOL mints), as gathered in docs/market-apis.md.
/// Bridged variants (Arbitrum USDC.e, Polygon USDC.e, Base USDbC) are other tokens.
public struct QuoteToken: Sendable, Equatable {
    /// The symbol `watchlist.quote_symbols` names (wrapped tokens also answer to their asset's name).
    public let symbol: String
    /// The exchange asset it is priced as: the quote asset itself, or a market `<asset><quote_asset>`.
    public let asset: String
    public let chainID: String
    public let address: String
}

public enum QuoteTokens {
    public static let all: [QuoteToken] = [
        token("USDC", "USDC", "solana", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"),
        token("USDT", "USDT", "solana", "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB"),
        token("SOL", "SOL", "solana", "So11111111111111111111111111111111111111112"),
        token("USDC", "USDC", "ethereum", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"),
        token("USDT", "USDT", "ethereum", "0xdAC17F958D2ee523a2206206994597C13D831ec7"),
        token("WETH", "ETH", "ethereum", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"),
        token("USDC", "USDC", "bsc", "0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d"),
        token("USDT", "USDT", "bsc", "0x55d398326f99059fF775485246999027B3197955"),
        token("WBNB", "BNB", "bsc", "0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c"),
        token("USDC", "USDC", "base", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"),
        token("WETH", "ETH", "base", "0x4200000000000000000000000000000000000006"),
        token("USDC", "USDC", "arbitrum", "0xaf88d065e77c8cC2239327C5EDb3A432268e5831"),
        token("USDT", "USDT", "arbitrum", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9"),
        token("WETH", "ETH", "arbitrum", "0x82aF49447D8a07e3bd95BD0d56f35241523fBab1"),
        token("USDC", "USDC", "polygon", "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359"),
        token("USDT", "USDT", "polygon", "0xc2132D05D31c914a87C6611C10748AEb04B58e8F"),
    ]

    /// Other names DEXs give the same contract (DexScreener calls wrapped SOL `SOL`, sometimes `WSOL`).
    static let aliases: [String: String] = ["WSOL": "SOL", "ETH": "WETH", "BNB": "WBNB"]

    /// The known token at `address` on `chainID`, or nil: any other address is not that token.
    public static func token(chainID: String, address: String) -> QuoteToken? {
        all.first { $0.chainID == chainID && ChainAddress.same($0.address, address) }
    }

    /// The table's token called `symbol` (or an alias of it) on `chainID`, or nil when the
    /// chain has none (Base has no native USDT in the table).
    public static func token(symbol: String, chainID: String) -> QuoteToken? {
        let wanted = canonicalSymbol(symbol)
        return all.first { $0.chainID == chainID && $0.symbol == wanted }
    }

    /// Whether `quoteSymbols` (the config's list) admits `token`: by its symbol, its asset or an alias.
    public static func admits(_ token: QuoteToken, quoteSymbols: [String]) -> Bool {
        let wanted = Set(quoteSymbols.map { $0.uppercased() }.map { aliases[$0] ?? $0 })
        return wanted.contains(token.symbol) || wanted.contains(aliases[token.asset] ?? token.asset)
    }

    /// The DEX's name for a quote token, normalised the way the table spells it.
    public static func canonicalSymbol(_ symbol: String) -> String {
        let upper = symbol.uppercased()
        return aliases[upper] ?? upper
    }

    private static func token(_ symbol: String, _ asset: String, _ chainID: String, _ address: String) -> QuoteToken {
        QuoteToken(symbol: symbol, asset: asset, chainID: chainID, address: address)
    }
}
