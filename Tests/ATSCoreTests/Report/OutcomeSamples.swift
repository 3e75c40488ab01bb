import Foundation
@testable import ATSCore

/// Thirty analyzed signals with known rewards (the same formulas as /tmp/stats/ref.py's
/// `sample(30)`, from which the expected values in the tests were computed): net =
/// ((i·37) mod 23 − 9) / 1000, baseline = ((i·13) mod 11 − 5) / 2000 except every tenth
/// (none), cost 0.25 %, SELL when i mod 3 = 0. After the window: i mod 4 = 0 the DEX
/// closed the gap, 1 the CEX did, 2 it stayed open, 3 no observation afterwards.
enum OutcomeSamples {
    static func net(_ index: Int) -> Double { Double((index * 37) % 23 - 9) / 1000 }
    static func baseline(_ index: Int) -> Double? { index % 10 == 9 ? nil : Double((index * 13) % 11 - 5) / 2000 }
    static let cost = 0.0025

    static let net: [Double] = (0..<30).map(net)
    static let edge: [Double] = (0..<30).compactMap { index in baseline(index).map { net(index) - $0 } }

    static func signals(_ count: Int = 30) -> [SignalRecord] {
        (0..<count).map { index in
            let sell = index % 3 == 0
            var record = ReportSamples.signal(
                at: Double(index), "SYM\(index % 4)", sell ? .sell : .buy, spread: sell ? -2 : 2,
                actual: net(index) + cost + 0.004, mae: -0.003, close: net(index) + cost, net: net(index))
            record.rewardCost = cost
            record.rewardBaseline = baseline(index)
            let cex = record.cexPrice
            switch index % 4 {
            case 0: (record.dexPriceAfter, record.cexPriceAfter) = (cex * 0.999, cex)
            case 1: (record.dexPriceAfter, record.cexPriceAfter) = (1.0, 1.002)
            case 2: (record.dexPriceAfter, record.cexPriceAfter) = (1.0, cex)
            default: break
            }
            return record
        }
    }
}
