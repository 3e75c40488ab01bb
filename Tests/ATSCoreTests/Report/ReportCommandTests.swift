import Foundation
import Testing
@testable import ATSCore

/// `ats report` as cron runs it: the built executable, no terminal.
@Suite struct ReportCommandTests {
    let directory: TemporaryDirectory

    init() async throws {
        directory = try TemporaryDirectory()
        #expect(try await ATSProcess.run(["init"], in: directory.url).status == 0)
    }

    @Test func underCronItWritesThePageAndPrintsNothing() async throws {
        let result = try await ATSProcess.run(["report"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(FileManager.default.fileExists(atPath: directory.file("report/index.html").path))
    }

    @Test func verbosePrintsThePathWritten() async throws {
        let result = try await ATSProcess.run(["report", "-v"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("report: wrote \(directory.file("report/index.html").path)"))
    }

    @Test func outputIsRelativeToTheWorkingDirectory() async throws {
        let result = try await ATSProcess.run(["report", "--output", "public/ats.html"], in: directory.url)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.file("public/ats.html").path))
    }

    @Test func anEmptyOutputIsABadCommandLine() async throws {
        let result = try await ATSProcess.run(["report", "--output", ""], in: directory.url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--output needs a file path"))
    }
}
