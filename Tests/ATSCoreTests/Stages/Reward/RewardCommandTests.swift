import Foundation
import Testing
@testable import ATSCore

/// `ats reward` as cron runs it (the built executable, no terminal).
@Suite struct RewardCommandTests {
    @Test(arguments: ["yesterday", "2026-11-21", "2026-11-21T12:00:00"])
    func anUnreadableAsOfIsAnArgumentErrorSayingHowToWriteIt(time: String) async throws {
        let directory = try TemporaryDirectory()
        #expect(try await ATSProcess.run(["init"], in: directory.url).status == 0)

        let result = try await ATSProcess.run(["reward", "--as-of", time], in: directory.url)

        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init)
        #expect(firstLine == "Error: The value '\(time)' is invalid for '--as-of <time>': " + AsOfTime.problem(time))
    }

    @Test func nothingDueIsSilentUnderCron() async throws {
        let directory = try TemporaryDirectory()
        #expect(try await ATSProcess.run(["init"], in: directory.url).status == 0)

        let result = try await ATSProcess.run(["reward", "--as-of", "2026-11-21T12:00:00.5+01:00"], in: directory.url)

        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let database = try AppDatabase.open(at: directory.file("ats.sqlite"))
        #expect(try database.lastRuns(stage: .reward, limit: 1).first?.summary == "reward: nothing due")
    }
}

