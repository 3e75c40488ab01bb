import Foundation
import Testing
@testable import ATSCore

@Suite struct ReportStageTests {
    let setup: TestSetup

    init() throws {
        setup = try TestSetup()
    }

    func run(output: URL? = nil) async -> StageRunner.Outcome {
        await ReportStage.run(config: setup.config, environment: setup.environment(StubTransport(byPath: [:])), output: output)
    }

    func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
    }

    @Test func writesThePageToReportOutputUnderTheConfigFolder() async throws {
        let outcome = await run()
        #expect(outcome.exit == .ok)
        let page = setup.directory.file("report/index.html")
        #expect(setup.config.reportOutputURL.path == page.path)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("No signals yet"))
        #expect(outcome.summary.contains(page.path))
    }

    @Test func recordsARunRow() async throws {
        let outcome = await run()
        let runs = try setup.database().lastRuns(stage: .report, limit: 5)
        #expect(runs.count == 1)
        #expect(runs.first?.id == outcome.runID)
        #expect(runs.first?.status == .ok)
    }

    @Test func outputOptionReplacesTheConfiguredPath() async throws {
        let elsewhere = setup.directory.file("public/ats.html")
        #expect(await run(output: elsewhere).exit == .ok)
        #expect(FileManager.default.fileExists(atPath: elsewhere.path))
        #expect(!FileManager.default.fileExists(atPath: setup.config.reportOutputURL.path))
    }

    @Test func theNextPageListsThePreviousReportRun() async throws {
        _ = await run()
        _ = await run()
        let html = try String(contentsOf: setup.config.reportOutputURL, encoding: .utf8)
        #expect(html.contains("<td>report</td>"))
        #expect(!html.contains(">running<"))
    }

    @Test func aReaderOfTheOldPageKeepsTheCompleteOldPage() async throws {
        let page = setup.config.reportOutputURL
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        let old = String(repeating: "old page ", count: 10_000)
        try Data(old.utf8).write(to: page)
        let reader = try FileHandle(forReadingFrom: page)
        defer { try? reader.close() }
        let oldInode = try FileManager.default.attributesOfItem(atPath: page.path)[.systemFileNumber] as? Int

        let database = try setup.database()
        try ReportSamples.populate(database)
        #expect(await run().exit == .ok)

        // The old file was replaced by a rename, never rewritten in place.
        #expect(String(decoding: try reader.readToEnd() ?? Data(), as: UTF8.self) == old)
        let newInode = try FileManager.default.attributesOfItem(atPath: page.path)[.systemFileNumber] as? Int
        #expect(newInode != oldInode)
        #expect(try String(contentsOf: page, encoding: .utf8).contains("id=\"chart-distribution\""))
        #expect(try leftovers(in: page.deletingLastPathComponent()).isEmpty)
    }

    @Test func aFailedWriteLeavesNoTemporaryFile() async throws {
        let target = setup.directory.file("site/index.html")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("occupied"), withIntermediateDirectories: true)
        let outcome = await run(output: target)
        #expect(outcome.exit == .failure)
        #expect(outcome.summary.contains("cannot write \(target.path)"))
        #expect(try leftovers(in: target.deletingLastPathComponent()).isEmpty)
        #expect(try setup.database().lastRuns(stage: .report, limit: 1).first?.status == .failed)
    }
}
