import ATSCore
import Foundation

/// A DEX pool's numbers at one instant, shared by the DexScreener and GeckoTerminal
/// renderings so both sources agree on the same pool.
struct SimulatedPoolSnapshot {
    enum Window: String, CaseIterable {
        case m5, m15, m30, h1, h6, h24

        var seconds: Int64 {
            switch self {
            case .m5: return 300
            case .m15: return 900
            case .m30: return 1_800
            case .h1: return 3_600
            case .h6: return 21_600
            case .h24: return 86_400
            }
        }

        var share: Double { Double(seconds) / 86_400 }
        static let dexScreener: [Window] = [.m5, .h1, .h6, .h24]
    }

    struct Trades {
        let buys: Int
        let sells: Int
        var buyers: Int { Int((Double(buys) * 0.7).rounded()) }
        var sellers: Int { Int((Double(sells) * 0.7).rounded()) }
    }

    let priceUSD: Double
    let priceNative: Double
    let quotePriceUSD: Double
    let liquidityUSD: Double
    let volume: [Window: Double]
    let trades: [Window: Trades]
    /// Percent; a window without trades is absent (DexScreener omits it).
    let priceChange: [Window: Double]
    let fdv: Double

    var liquidityBase: Double { liquidityUSD / 2 / priceUSD }
    var liquidityQuote: Double { liquidityUSD / 2 / quotePriceUSD }
    var marketCap: Double { fdv * 0.62 }
}

extension SimulatedMarketModel {
    /// `listing`: the answer of a search or trending list, whose numbers are cached
    /// (a pool being drained still shows its old liquidity there).
    func snapshot(_ pool: SimulatedPool, at second: Int64, listing: Bool) -> SimulatedPoolSnapshot {
        let key = SimulationNoise.hash(pool.divergence.key, 0x5AA)
        let hour = Double(second) / 3_600
        func wobble(_ salt: UInt64, _ width: Double) -> Double {
            1 + width * SimulationNoise.smooth(key &+ salt, hour)
        }
        let price = dexPrice(pool, at: second)
        let quotePrice = quotePrice(pool.quote, at: second)
        var volume: [SimulatedPoolSnapshot.Window: Double] = [:]
        var trades: [SimulatedPoolSnapshot.Window: SimulatedPoolSnapshot.Trades] = [:]
        var change: [SimulatedPoolSnapshot.Window: Double] = [:]
        for (index, window) in SimulatedPoolSnapshot.Window.allCases.enumerated() {
            let salt = UInt64(index) * 7
            let quiet = pool.quietLastHour && window.seconds <= 3_600
            let perHour = pool.txnsPerHour > 0 ? pool.txnsPerHour : (window == .h24 ? 0.5 : 0.3)
            let count = quiet ? 0 : perHour * Double(window.seconds) / 3_600
            trades[window] = .init(buys: Int((count * 0.52 * wobble(salt + 1, 0.15)).rounded()),
                                   sells: Int((count * 0.48 * wobble(salt + 2, 0.15)).rounded()))
            volume[window] = quiet ? 0 : pool.volume24hUSD * window.share * wobble(salt + 3, 0.12)
            if !quiet {
                let before = dexPrice(pool, at: second - window.seconds)
                change[window] = ((price / before - 1) * 100 * 100).rounded() / 100
            }
        }
        if pool.pumping {
            let pump = 330 + 70 * (SimulationNoise.smooth(key &+ 99, hour) + 1) / 2
            change[.h1] = (pump * 10).rounded() / 10
            change[.h6] = ((pump * 1.1) * 10).rounded() / 10
            change[.h24] = change[.h6]
            change[.m5] = 12.1
        }
        let liquidity = (listing ? pool.listedLiquidityUSD : nil) ?? pool.liquidityUSD
        let supply = 1e8 * (1 + 20 * SimulationNoise.unit(key)) / max(coins[pool.coin].path.level, 1e-9) * 0.01
        // The pool trades in its quote token: the native price is what it quotes. Its USD
        // prices follow the quote's own value, unless the pool takes its quote at the peg.
        let native = price / quotePrice
        let quoteUSD = pool.quoteAtPeg ? 1 : quotePrice
        return SimulatedPoolSnapshot(
            priceUSD: native * quoteUSD, priceNative: native, quotePriceUSD: quoteUSD,
            liquidityUSD: liquidity * wobble(50, 0.04), volume: volume, trades: trades, priceChange: change,
            fdv: native * quoteUSD * supply)
    }
}
