import Foundation
import Testing
@testable import ATSCore

/// A database written by the v1 schema (`Fixtures/v1-schema.db`: 12 signals, all `done`),
/// upgraded in place: its rewards are what they were, and the reward stage leaves them so.
@Suite struct RewardUpgradeTests {
    /// (id, actual_reward, reward_mae, reward_close, reward_net) as the v1 file holds them, read
    /// BEFORE any upgrade with python3's sqlite3 (the file opened read-only):
    ///   c = sqlite3.connect('file:Tests/ATSCoreTests/Fixtures/v1-schema.db?mode=ro', uri=True)
    ///   for r in c.execute('select id,actual_reward,reward_mae,reward_close,reward_net from signals order by id'):
    ///       print('(%d, %r, %r, %r, %r),' % r)
    static let v1Rewards: [(Int64, Double, Double, Double, Double)] = [
        (1, 0.004361093505370395, -0.0019916639733381647, 0.0020819079679150754, 8.190796791507533e-05),
        (2, 0.005666120945462039, -0.0002600702616051276, 0.0008654797230465139, -0.0011345202769534862),
        (3, 0.0034896191162423484, -0.0031607654540274366, 0.0015667677664761293, -0.0004332322335238708),
        (4, 0.0032127177544255536, -0.003430312184008244, -0.0010837055904702186, -0.0030837055904702187),
        (5, 0.002581233553526019, -0.0053528173934142, 0.002198441219413372, 0.00019844121941337174),
        (6, 0.004365397404634819, -0.0009293521818460881, 0.003858090479682219, 0.001858090479682219),
        (7, 0.006492638892368285, -0.0009478000183714697, 0.0056116441616353985, 0.0036116441616353984),
        (8, -0.0010360564779217096, -0.0095043197561413, -0.007890297887643394, -0.009890297887643394),
        (9, -0.00010170047342605848, -0.005479372445813313, -0.005361067813460574, -0.007361067813460574),
        (10, 0.006665138354687183, -0.002173599259617909, 0.005777868344413517, 0.003777868344413517),
        (11, -0.00031701340007295187, -0.011825434068512441, -0.011825434068512441, -0.013825434068512442),
        (12, 0.004071135945182713, -0.0006493312315507538, -4.271915997167142e-06, -0.002004271915997167),
    ]

    /// A copy of the v1 file where the test's config puts its database (the fixture itself stays untouched).
    static func upgradedCopy(_ setup: TestSetup) throws -> AppDatabase {
        let fixture = try #require(Bundle.module.url(forResource: "v1-schema.db", withExtension: nil, subdirectory: "Fixtures"))
        try FileManager.default.copyItem(at: fixture, to: setup.config.databaseURL)
        return try setup.database()
    }

    @Test func v1RewardsKeepTheirNumbersWithTheEntryAtTheExchangePriceAndTheCostTheyWereCharged() throws {
        let setup = try rewardSetup()   // kept: its temporary folder holds the file
        let database = try Self.upgradedCopy(setup)

        let rows = try allSignals(database)

        #expect(rows.count == 12)
        #expect(rows.map(\.id) == Self.v1Rewards.map(\.0))
        for (row, v1) in zip(rows, Self.v1Rewards) {
            #expect(row.rewardStatus == .done)
            #expect(row.actualReward == v1.1 && row.rewardMae == v1.2 && row.rewardClose == v1.3 && row.rewardNet == v1.4,
                    "signal \(v1.0)")
            #expect(row.entryPrice == row.cexPrice && row.entry == row.cexPrice)
            #expect(row.rewardCost == v1.3 - v1.4, "signal \(v1.0): cost = reward_close − reward_net")
            #expect(row.impactPct == nil && row.rewardBaseline == nil && row.dexPriceAfter == nil && row.cexPriceAfter == nil)
            #expect(try database.signalCandles(signalID: v1.0).isEmpty)
        }
    }

    /// The stage measures a signal recorded after the upgrade, on candles that would give
    /// every v1 signal other numbers: a done reward is never recomputed, so none changes.
    @Test func theRewardStageChangesNoneOfThem() async throws {
        let setup = try rewardSetup()
        let database = try Self.upgradedCopy(setup)
        let before = try allSignals(database)
        let fresh = try insertSignal(database, at: at(seconds: 30), entryPrice: 2.002, impactPct: 0.1)
        let market = KlineMarket(honest: false) { _ in RewardStageTests.path }

        let outcome = await runReward(setup, market, now: at(minutes: 10))

        #expect(outcome.exit == .ok)
        #expect(try signal(database, fresh).rewardStatus == .done)
        #expect(try allSignals(database).filter { $0.id != fresh } == before)
        for row in before { #expect(try database.signalCandles(signalID: try #require(row.id)).isEmpty) }
    }
}
