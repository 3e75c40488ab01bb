import Foundation
import Testing
@testable import ATSCore

/// v2's reward columns from known candles: the entry, `reward_cost`, `reward_net`,
/// `reward_baseline` and the window's `signal_candles`.
@Suite struct RewardCostBaselineTests {
    /// Window 3, baseline 4, a signal at T + 30 s: t0 = T + 1, the window is T+1..T+3 and
    /// the baseline's entries are m = T−3..T+0, each held from open(m) to close(m + 2).
    /// The exchange sends every row it has (not only those asked): T−5, T−4 and T+4 are
    /// wild, and any of them counted would change every number below.
    static let candles: [Int: (String, String, String, String)] = [
        -5: ("5.00", "9.00", "0.50", "5.00"),
        -4: ("5.00", "9.00", "0.50", "5.00"),
        -3: ("1.90", "1.95", "1.85", "1.92"),
        -2: ("1.92", "1.98", "1.90", "1.96"),
        -1: ("1.96", "2.02", "1.94", "2.00"),
        0: ("2.00", "2.04", "1.97", "2.01"),
        1: ("2.00", "2.10", "1.90", "2.05"),
        2: ("2.05", "2.30", "1.95", "2.20"),
        3: ("2.20", "2.25", "1.80", "2.05"),
        4: ("2.05", "9.00", "0.50", "3.00"),
    ]

    static func rows(without missing: [Int]) -> [KlineRow] {
        candles.keys.sorted().filter { !missing.contains($0) }.compactMap { minute in
            candles[minute].map { KlineRow(at(minutes: Double(minute)), $0.0, $0.1, $0.2, $0.3) }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var side: SignalType
        var entryPrice: Double?
        var impactPct: Double?
        var feePct: Double
        /// Candles the exchange does not send (each takes baseline entries with it).
        var missing: [Int] = []
        var actual, mae, close, cost, net: Double
        var baseline: Double?
        var testDescription: String {
            "\(side.rawValue) entry \(entryPrice.map { "\($0)" } ?? "NULL") impact \(impactPct.map { "\($0)" } ?? "NULL") missing \(missing)"
        }
    }

    // Expected values from this python3, independent of the code (the candles above; cex_price 2.0):
    //   c={-3:(1.90,1.95,1.85,1.92),-2:(1.92,1.98,1.90,1.96),-1:(1.96,2.02,1.94,2.00),0:(2.00,2.04,1.97,2.01),
    //      1:(2.00,2.10,1.90,2.05),2:(2.05,2.30,1.95,2.20),3:(2.20,2.25,1.80,2.05)}
    //   def run(side,e,impact,fee,drop=()):
    //     cs={k:v for k,v in c.items() if k not in drop}; w=[cs[m] for m in (1,2,3)]
    //     hi=max(x[1] for x in w); lo=min(x[2] for x in w); cl=w[-1][3]; imp=(impact or 0)/100
    //     r=(hi/e-1,lo/e-1,cl/e-1) if side=='BUY' else (1-lo/e,1-hi/e,1-cl/e); cost=2*fee/100+imp
    //     v=[((cs[m+2][3]/cs[m][0]-1) if side=='BUY' else (1-cs[m+2][3]/cs[m][0]))-cost-imp
    //        for m in range(-3,1) if m in cs and m+2 in cs]
    //     print(*map(repr,r), cost, repr(r[2]-cost), repr(sum(v)/len(v)) if len(v)*2>=4 else None)
    @Test(arguments: [
        // run('BUY',2.004,0.2,0.1): the walked fill is the entry, not cex_price; impact once more for the exit
        Case(side: .buy, entryPrice: 2.004, impactPct: 0.2, feePct: 0.1,
             actual: 0.14770459081836318, mae: -0.10179640718562877, close: 0.022954091816367095,
             cost: 0.004, net: 0.018954091816367095, baseline: 0.0553562365735768),
        // run('SELL',1.996,0.2,0.1)
        Case(side: .sell, entryPrice: 1.996, impactPct: 0.2, feePct: 0.1,
             actual: 0.09819639278557113, mae: -0.1523046092184368, close: -0.027054108216432837,
             cost: 0.004, net: -0.031054108216432837, baseline: -0.06735623657357681),
        // run('BUY',2.0,None,0.1): recorded before v2, entry = cex_price, impact NULL counts 0
        Case(side: .buy, entryPrice: nil, impactPct: nil, feePct: 0.1,
             actual: 0.1499999999999999, mae: -0.09999999999999998, close: 0.02499999999999991,
             cost: 0.002, net: 0.02299999999999991, baseline: 0.059356236573576804),
        // run('SELL',2.0,None,0.5)
        Case(side: .sell, entryPrice: nil, impactPct: nil, feePct: 0.5,
             actual: 0.09999999999999998, mae: -0.1499999999999999, close: -0.02499999999999991,
             cost: 0.01, net: -0.03499999999999991, baseline: -0.0713562365735768),
        // run('BUY',2.004,0.2,0.1,(-3,-2)): entries T−1 and T+0 left, exactly half of 4: a number
        Case(side: .buy, entryPrice: 2.004, impactPct: 0.2, feePct: 0.1, missing: [-3, -2],
             actual: 0.14770459081836318, mae: -0.10179640718562877, close: 0.022954091816367095,
             cost: 0.004, net: 0.018954091816367095, baseline: 0.06695918367346942),
        // run('SELL',1.996,0.2,0.1,(-3,-2,-1)): only T+0 left, 1 of 4: too few, NULL
        Case(side: .sell, entryPrice: 1.996, impactPct: 0.2, feePct: 0.1, missing: [-3, -2, -1],
             actual: 0.09819639278557113, mae: -0.1523046092184368, close: -0.027054108216432837,
             cost: 0.004, net: -0.031054108216432837, baseline: nil),
    ])
    func theRewardColumnsMatchAnIndependentComputation(expected: Case) async throws {
        let setup = try rewardSetup(window: 3, delay: 4, baseline: 4, feePct: expected.feePct)
        let database = try setup.database()
        let id = try insertSignal(database, type: expected.side, at: at(seconds: 30), cexPrice: 2.0,
                                  entryPrice: expected.entryPrice, impactPct: expected.impactPct)
        let market = KlineMarket(honest: false, ["ALPHAUSDT": Self.rows(without: expected.missing)])

        let outcome = await runReward(setup, market, now: at(minutes: 10))

        #expect(outcome.exit == .ok)
        let row = try signal(database, id)
        #expect(row.rewardStatus == .done)
        let stored = [row.actualReward, row.rewardMae, row.rewardClose, row.rewardCost, row.rewardNet]
        let wanted = [expected.actual, expected.mae, expected.close, expected.cost, expected.net]
        for (name, (value, want)) in zip(["actual_reward", "reward_mae", "reward_close", "reward_cost", "reward_net"], zip(stored, wanted)) {
            #expect(abs(try #require(value) - want) < 1e-12, "\(name): \(value ?? .nan), python says \(want)")
        }
        if let baseline = expected.baseline {
            #expect(abs(try #require(row.rewardBaseline) - baseline) < 1e-12)
        } else {
            #expect(row.rewardBaseline == nil)
        }
    }

    /// The window's three candles as the exchange sent them, and nothing else; a second
    /// run neither duplicates nor changes them.
    @Test func theWindowsCandlesAreKeptOnceInTheRewardsTransaction() async throws {
        let setup = try rewardSetup(window: 3, delay: 4, baseline: 4)
        let database = try setup.database()
        let id = try insertSignal(database, at: at(seconds: 30))
        let market = KlineMarket(honest: false, ["ALPHAUSDT": Self.rows(without: [])])

        _ = await runReward(setup, market, now: at(minutes: 10))
        let kept = try database.signalCandles(signalID: id)
        _ = await runReward(setup, market, now: at(minutes: 20))

        #expect(kept == [
            SignalCandleRecord(signalId: id, openTime: at(minutes: 1), open: 2.00, high: 2.10, low: 1.90, close: 2.05),
            SignalCandleRecord(signalId: id, openTime: at(minutes: 2), open: 2.05, high: 2.30, low: 1.95, close: 2.20),
            SignalCandleRecord(signalId: id, openTime: at(minutes: 3), open: 2.20, high: 2.25, low: 1.80, close: 2.05),
        ])
        #expect(try database.signalCandles(signalID: id) == kept)
        #expect(market.klineQueries.count == 1)
    }

    /// A baseline of 0 minutes asks only the window (and its margin) and stores NULL.
    @Test func noBaselineMinutesMeansNoBaseline() async throws {
        let setup = try rewardSetup(window: 3, delay: 4, baseline: 0)
        let database = try setup.database()
        let id = try insertSignal(database, at: at(seconds: 30))
        let market = KlineMarket(["ALPHAUSDT": Self.rows(without: [])])

        _ = await runReward(setup, market, now: at(minutes: 10))

        #expect(market.klineQueries.first?["startTime"] == String(at(minutes: 0).millisecondsSince1970))
        #expect(market.klineQueries.first?["limit"] == "5")
        let row = try signal(database, id)
        #expect(row.rewardStatus == .done)
        #expect(row.rewardBaseline == nil)
    }
}
