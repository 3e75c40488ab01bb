import Foundation
import Testing
@testable import ATSCore

@Suite struct RewardDatabaseTests {
    private let reward = RewardMeasurement(actualReward: 0.05, mae: -0.01, close: 0.02, cost: 0.002, net: 0.018)

    /// (milliseconds the clock stands after timestamp + delay, due?)
    @Test(arguments: [(-1.0, false), (0.0, true), (1.0, true)])
    func aSignalIsDueOnceDelayMinutesHavePassed(offsetMs: Double, due: Bool) throws {
        let database = try AppDatabase.inMemory()
        try insertSignal(database, at: at(seconds: 30))

        let found = try database.signalsDueForReward(at: at(minutes: 16, seconds: 30, ms: offsetMs), delayMinutes: 16)

        #expect(found.count == (due ? 1 : 0))
    }

    @Test func onlyPendingSignalsAreDueOldestFirst() throws {
        let database = try AppDatabase.inMemory()
        let newer = try insertSignal(database, at: at(minutes: 2))
        let older = try insertSignal(database, at: at(minutes: 1))
        let done = try insertSignal(database, at: at(minutes: 0))
        try database.recordReward(signalID: done, reward, candles: [], after: nil, at: at(minutes: 30))

        #expect(try database.signalsDueForReward(at: at(minutes: 60), delayMinutes: 16).map(\.id) == [older, newer])
    }

    @Test func aRewardIsNeverWrittenTwice() throws {
        let database = try AppDatabase.inMemory()
        let id = try insertSignal(database, at: at(minutes: 0))
        #expect(try database.recordReward(signalID: id, reward, candles: [], after: nil, at: at(minutes: 30)))
        let first = try signal(database, id)

        var other = reward
        other.net = -0.5
        #expect(try database.recordReward(signalID: id, other, candles: [], after: nil, at: at(minutes: 40)) == false)
        #expect(try database.markRewardUnavailable(signalID: id, note: "late", at: at(minutes: 40)) == false)
        #expect(try signal(database, id) == first)
    }

    @Test(arguments: [("", "reward unavailable: x"), ("binance did not answer", "binance did not answer; reward unavailable: x")])
    func givingUpAppendsItsNoteToTheSignalsNotes(notes: String, expected: String) throws {
        let database = try AppDatabase.inMemory()
        let id = try insertSignal(database, at: at(minutes: 0), notes: notes)

        try database.markRewardUnavailable(signalID: id, note: "reward unavailable: x", at: at(minutes: 30))

        let row = try signal(database, id)
        #expect(row.notes == expected)
        #expect(row.rewardStatus == .unavailable)
        #expect(row.rewardComputedAt == at(minutes: 30))
    }
}
