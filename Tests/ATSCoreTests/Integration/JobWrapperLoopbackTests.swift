import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The jobs/ wrappers driving the real `ats` against the simulated market, as cron would.
@Suite struct JobWrapperLoopbackTests {
    let wrappers = JobWrapperTests()

    func withMarket(_ body: (SimulatedMarket, TemporaryDirectory) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        try await Sim.withMarket(now: Clocks.system) { market in
            try market.writeConfig(to: directory.file("ats.yaml"), force: false)
            try await body(market, directory)
        }
    }

    func run(_ stage: String, _ arguments: [String] = [], _ directory: TemporaryDirectory) async throws -> JobWrapperTests.Result {
        try await wrappers.runWrapper(stage, arguments: arguments, environment: ["ATS_BIN": ATSProcess.executable.path], directory: directory)
    }

    @Test func eachStageWrapperRunsTheRealStageQuietly() async throws {
        try await withMarket { _, directory in
            for (stage, arguments) in [("scan", []), ("poll", ["--bursts", "1", "--interval", "0"]), ("reward", []), ("report", [])] {
                let result = try await run(stage, arguments, directory)
                #expect(result.status == 0, "\(stage): \(result.stderr)")
                #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(stage) printed under cron")
                #expect(result.log.hasSuffix("exit 0\n"), "\(stage) log: \(result.log)")
            }
            let database = try AppDatabase.open(at: directory.file("ats.sqlite"))
            let statuses = try await database.reader.read { db in
                try Row.fetchAll(db, sql: "SELECT stage, status FROM runs ORDER BY id").map { "\($0["stage"] as String) \($0["status"] as String)" }
            }
            #expect(statuses == ["scan ok", "poll ok", "reward ok", "report ok"])
            #expect(FileManager.default.fileExists(atPath: directory.file("report/index.html").path))
        }
    }

    @Test func theSameStageTwiceIsAQuietSkipAndDifferentStagesBothSucceed() async throws {
        try await withMarket { market, directory in
            #expect(try await run("scan", [], directory).status == 0)
            await market.setFault(.latency(milliseconds: 1_500), on: .mexcTickers)
            async let first = run("poll", ["--bursts", "1", "--interval", "0"], directory)
            try await Task.sleep(for: .milliseconds(400))
            async let second = run("poll", ["--bursts", "1", "--interval", "0"], directory)
            async let report = run("report", [], directory)
            let results = try await [first, second, report]
            #expect(results.map(\.status) == [0, 0, 0])
            #expect(results.allSatisfy { $0.stderr.isEmpty })
            let log = results[0].log
            #expect(log.contains("exit 75"))  // one poll skipped, quietly
            #expect(log.contains("exit 0"))
            #expect(log.contains("another `ats poll` is running"))
            #expect(results[2].log.contains("exit 0"))
        }
    }
}
