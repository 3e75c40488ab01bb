import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// SIGTERM to a real `ats poll` process between bursts.
@Suite struct SignalHandlingTests {
    @Test func sigtermEndsAPollCleanlyBetweenBursts() async throws {
        let directory = try TemporaryDirectory()
        let market = try await SimulatedMarket.start(seed: 3, port: 0)
        defer { Task { await market.stop() } }
        let config = directory.file("ats.yaml")
        try market.writeConfig(to: config, force: true)
        #expect(try await ATSProcess.run(["scan", "--config", config.path], in: directory.url).status == 0)

        let process = Process()
        process.executableURL = ATSProcess.executable
        process.arguments = ["poll", "--config", config.path, "--bursts", "20", "--interval", "1"]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let database = try AppDatabase.open(at: directory.file("ats.sqlite"))
        for _ in 0..<200 {
            let bursts = try await database.reader.read { try Int.fetchOne($0, sql: "SELECT COUNT(DISTINCT burst) FROM observations") ?? 0 }
            if bursts >= 1 { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        process.terminate()  // SIGTERM
        let stderr = try await Blocking.run { String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        await Blocking.wait(for: process)

        #expect(process.terminationStatus == 1)
        let run = try #require(try database.lastRuns(stage: .poll, limit: 1).first)
        #expect(run.status == .partial)
        #expect(run.summary.hasPrefix("poll: stopped by SIGTERM after "))
        #expect(stderr.contains("stopped by SIGTERM"))
        let (bursts, perBurst) = try await database.reader.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT burst) FROM observations")!,
             try Int.fetchAll(db, sql: "SELECT COUNT(*) FROM observations GROUP BY burst"))
        }
        #expect(bursts >= 1 && bursts < 20)
        #expect(Set(perBurst) == [ExpectedObservation.scannedPairs(market.pairs).count])  // every stored burst is whole
        try StageLock.acquire(stage: .poll, databaseURL: directory.file("ats.sqlite")).release()
    }
}
