import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// Issue 14: a ban MEXC announced (418, `Retry-After: 120`) is remembered in the database
/// and honoured by the next `ats poll` process: nothing is sent, it exits 69 naming the
/// pause, and `status` shows it; once the pause has passed, the next poll asks again.
@Suite(.serialized) struct BanPauseTests {
    @Test func aBanIsHonouredByTheNextProcessUntilItEnds() async throws {
        try await CLIRig.with { rig in
            try rig.fillWatchlist()
            await rig.market.setFault(.banned(retryAfter: 120), on: .mexcTickers, times: 1)
            let banned = try await rig.ats("poll")
            #expect(banned.status == 0, "the DEX answered: a warning, \(banned.stderr)")
            #expect(banned.stderr.contains("HTTP 418 banned, retry after 120s"))
            let pause = try #require(try rig.open().pause(of: "mexc", at: Date()))
            #expect(pause.until.timeIntervalSinceNow > 100)

            await rig.market.resetRequestLog()
            let next = try await rig.ats("poll")
            #expect(next.status == 69, "\(next.stderr)")
            #expect(next.stderr.contains("mexc is paused until \(pause.until.iso8601)"), "\(next.stderr)")
            #expect(await rig.market.requestCount() == 0, "nothing sent: not to MEXC, nor to a DEX whose prices would be worth nothing")
            let lastPoll = try #require(try rig.open().lastRuns(stage: .poll, limit: 1).first?.id)
            let rows = try await rig.open().reader.read { try ObservationRecord.fetchAll($0) }.filter { $0.runId == lastPoll }
            #expect(!rows.isEmpty && rows.allSatisfy { $0.outcome == .error && $0.reason.contains("mexc is paused until") })

            let status = try await rig.ats("status")
            #expect(status.stdout.contains("mexc paused until \(pause.until.iso8601)"), "\(status.stdout)")

            // Past the pause (the budget's clock moved on), the next poll asks MEXC again.
            let config = try ConfigLoader.load(file: rig.config)
            var environment = StageEnvironment(variables: [:])
            environment.budgetClock = { Date().addingTimeInterval(125) }
            let after = await PollStage.run(bursts: 1, intervalSeconds: 0, config: config, environment: environment)
            #expect(after.exit == .ok, "\(after.summary)")
            #expect(await rig.market.requestCount(.mexcTickers) == 1)
        }
    }
}
