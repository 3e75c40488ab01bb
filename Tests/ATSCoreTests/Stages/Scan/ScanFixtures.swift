import Foundation
@testable import ATSCore

/// Candidates and exchange listings for the scan rules' case tables.
enum ScanFixtures {
    static func candidate(
        source: String = "dexscreener", chain: String = "solana", pair: String = "PAIR1", base: String = "TOKEN1",
        symbol: String = "JUP", quote: String = "USDC", quoteAddress: String? = nil, price: Double? = 1, liquidity: Double? = 100_000,
        change: Double? = 1, transactions: Int? = 10
    ) -> ScanCandidate {
        ScanCandidate(source: source, chainId: chain, pairAddress: pair, baseAddress: base, baseSymbol: symbol, quoteSymbol: quote,
                      // By default the quote token is the real one, from the code's one table.
                      quoteAddress: quoteAddress ?? QuoteTokens.token(symbol: quote, chainID: chain)?.address ?? "NO-SUCH-TOKEN-IN-THE-TABLE",
                      priceUSD: price, liquidityUSD: liquidity, volume24hUSD: 1_000_000, priceChangeH1: change, transactionsH1: transactions)
    }

    /// A market from a MEXC `exchangeInfo` symbol decoded from JSON, as the API sends it.
    static func market(
        _ base: String, quote: String = "USDT", status: String = "1", spot: Bool = true, side: String = "1",
        contract: String = "", fullName: String? = nil
    ) -> ExchangeMarket {
        let name = fullName.map { ",\"fullName\":\"\($0)\"" } ?? ""
        let json = """
            {"symbol":"\(base)\(quote)","status":"\(status)","baseAsset":"\(base)","quoteAsset":"\(quote)",
             "isSpotTradingAllowed":\(spot),"tradeSideType":"\(side)","contractAddress":"\(contract)"\(name)}
            """
        return try! JSONDecoder().decode(MEXCSymbol.self, from: Data(json.utf8)).market
    }

    static func listing(_ markets: [ExchangeMarket]) -> CEXListing {
        CEXListing(markets: markets, quoteAsset: "USDT")
    }

    /// An in-memory database holding the coin list fixture (two coins share `jup`).
    static func databaseWithCoinList() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        let coins = try JSONDecoder().decode(LossyArray<CoinGeckoCoin>.self, from: Fixtures.data("coingecko-coins-list")).elements
        try database.replaceCoinList(coins.map(\.listing), at: Date(timeIntervalSince1970: 0))
        return database
    }

    static let jupSolana = "JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN"
    static let jupEthereum = "0x4b1e80cac91e2216eeb63e29b957eb91ae9c2be8"
    /// A real Solana mint (BONK's, 44 characters) that the coin list fixture does not know.
    static let unknownSolana = "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263"
}
