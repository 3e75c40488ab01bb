import Foundation
import Testing

/// Swift 6.3 at -O corrupts a tuple an async child returns when part of it is written
/// before a suspension (`(symbol, try await depth(…))`, swiftlang/swift#91911): a release
/// build of the poll crashed on the order-book step, and the scan's two task groups had
/// the same shape. The debug build the suite runs cannot show the miscompile, so this
/// holds the rule that avoids it: a task group's child result is a named type.
@Suite struct TaskGroupResultTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// `withTaskGroup(of: (…` or `withThrowingTaskGroup(of: (…`, with the file and line.
    static func tupleGroups(in folder: URL) throws -> [String] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        var found: [String] = []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated()
            where line.range(of: #"with(Throwing)?(Discarding)?TaskGroup\(of: *\("#, options: .regularExpression) != nil {
                found.append("\(file.lastPathComponent):\(number + 1)")
            }
        }
        return found.sorted()
    }

    @Test func noTaskGroupReturnsATuple() throws {
        #expect(FileManager.default.fileExists(atPath: Self.sources.appendingPathComponent("ATSCore").path))
        #expect(try Self.tupleGroups(in: Self.sources) == [])
    }

    @Test func theRuleFindsATupleGroup() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("task-group-rule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "let x = 1\nawait withTaskGroup(of: (String, Int).self) { _ in }\n"
            .write(to: folder.appendingPathComponent("Bad.swift"), atomically: true, encoding: .utf8)
        #expect(try Self.tupleGroups(in: folder) == ["Bad.swift:2"])
    }
}
