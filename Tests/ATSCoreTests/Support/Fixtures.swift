import Foundation

/// API responses shaped exactly like market-apis.md, under Tests/ATSCoreTests/Fixtures.
enum Fixtures {
    static func url(_ name: String) throws -> URL {
        let file = name.hasSuffix(".json") ? name : name + ".json"
        guard let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureMissing(name: file)
        }
        return url
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }

    struct FixtureMissing: Error, CustomStringConvertible {
        let name: String
        var description: String { "no fixture named \(name)" }
    }
}

/// A fresh folder per test, removed when the value is released.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ats-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
