import Foundation
import Testing
@testable import ATSCore

@Suite struct AtomicFileTests {
    /// A pid no process has: past the kernel's pid limit.
    static let deadPID: Int32 = {
        let limit = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 4_194_304
        return limit + 1
    }()

    @Test func theNextWriteRemovesTemporariesAWriterLeftWhenItWasKilled() throws {
        let directory = try TemporaryDirectory()
        let page = directory.file("index.html")
        let abandoned = directory.file(".index.html.\(Self.deadPID).ab12cd34.tmp")
        let live = directory.file(".index.html.\(getpid()).ef56ab78.tmp")  // a writer still running
        let other = directory.file(".metrics.prom.\(Self.deadPID).ab12cd34.tmp")  // another file's
        for file in [abandoned, live, other] { try Data("half".utf8).write(to: file) }

        try AtomicFile.write(Data("<html>new</html>".utf8), to: page)

        #expect(try String(contentsOf: page, encoding: .utf8) == "<html>new</html>")
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        #expect(FileManager.default.fileExists(atPath: other.path))
    }
}
