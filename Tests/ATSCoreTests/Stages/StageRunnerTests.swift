import Foundation
import GRDB
import Testing
@testable import ATSCore

@Suite struct StageRunnerTests {
    func environment(stop: StopRequest, grace: Double = 0.2) -> StageEnvironment {
        var environment = StageEnvironment(transport: StubTransport { _ in .json("{}") }, console: .silent, variables: [:], stop: stop)
        environment.stopGraceSeconds = grace
        return environment
    }

    @Test func aStageThatHonoursAStopEndsCleanlyWithWhatItStored() async throws {
        let setup = try TestSetup()
        let stop = StopRequest()
        let outcome = await StageRunner.run(.poll, config: setup.config, environment: environment(stop: stop)) { context in
            var steps = 0
            while !context.stopRequested {
                steps += 1
                if steps == 3 { stop.request("SIGTERM") }
                try await Task.sleep(for: .milliseconds(5))
            }
            return StageResult(status: .partial, summary: "stopped by \(stop.reason!) after \(steps) steps", exit: .failure)
        }
        #expect(outcome.status == .partial)
        #expect(outcome.summary == "stopped by SIGTERM after 3 steps")
        #expect(try setup.database().lastRuns(stage: .poll, limit: 1).first?.status == .partial)
    }

    @Test func aStageThatIgnoresAStopIsCancelledAfterTheGracePeriod() async throws {
        let setup = try TestSetup()
        let stop = StopRequest()
        stop.request("SIGINT")
        let outcome = await StageRunner.run(.reward, config: setup.config, environment: environment(stop: stop)) { _ in
            try await Task.sleep(for: .seconds(60))
            return StageResult(status: .ok, summary: "never")
        }
        #expect(outcome.exit == .failure)
        #expect(outcome.summary.contains("stopped by SIGINT"))
        #expect(try setup.database().lastRuns(stage: .reward, limit: 1).first?.status == .failed)
        try StageLock.acquire(stage: .reward, databaseURL: setup.config.databaseURL).release()
    }

    @Test func aRunLeftRunningByAKilledProcessIsClosedByTheNextRun() async throws {
        let setup = try TestSetup()
        let database = try setup.database()
        let orphan = try database.beginRun(stage: .scan, at: Date(timeIntervalSince1970: 1_000))
        _ = await StageRunner.run(.scan, config: setup.config, environment: environment(stop: StopRequest())) { _ in
            StageResult(status: .ok, summary: "done")
        }
        let runs = try await database.reader.read { try RunRecord.order(Column("id")).fetchAll($0) }
        #expect(runs.first { $0.id == orphan }?.status == .failed)
        #expect(runs.first { $0.id == orphan }?.summary.hasPrefix("interrupted") == true)
        #expect(runs.last?.status == .ok)
    }

    @Test func aStageErrorIsOneLineAndAFailedRun() async throws {
        let setup = try TestSetup()
        struct Boom: Error {}
        let outcome = await StageRunner.run(.report, config: setup.config, environment: environment(stop: StopRequest())) { _ in
            throw SourceError(source: "mexc", path: "/api/v3/klines", kind: .serverError(status: 502), attempts: 3)
        }
        #expect(outcome.exit == .failure)
        #expect(outcome.summary == "mexc /api/v3/klines: HTTP 502 server error (after 3 attempts)")
        #expect(try setup.database().lastRuns(stage: .report, limit: 1).first?.summary == outcome.summary)
    }
}
