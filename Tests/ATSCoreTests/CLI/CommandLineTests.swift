import Foundation
import Testing
@testable import ATSCore

@Suite struct CommandLineTests {
    @Test func theExecutableIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: ATSProcess.executable.path), "run `swift build` before `swift test`")
    }

    @Test func initWritesTheDefaultConfigAndRefusesToOverwrite() async throws {
        let directory = try TemporaryDirectory()
        let first = try await ATSProcess.run(["init"], in: directory.url)
        #expect(first.status == 0)
        #expect(try ConfigLoader.load(file: directory.file("ats.yaml")).values == ATSConfig())
        let second = try await ATSProcess.run(["init"], in: directory.url)
        #expect(second.status == 78)
        #expect(second.stderr.contains("already exists; pass --force"))
        #expect(try await ATSProcess.run(["init", "--force"], in: directory.url).status == 0)
    }

    @Test func aMissingConfigExits78WithOneLine() async throws {
        let directory = try TemporaryDirectory()
        let result = try await ATSProcess.run(["scan"], in: directory.url)
        #expect(result.status == 78)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("ats.yaml: no config file here"))
    }

    @Test func aBadKeyExits78NamingFileLineAndKey() async throws {
        let directory = try TemporaryDirectory()
        try "watchlist:\n  size: 10\n  colour: blue\n".write(to: directory.file("custom.yaml"), atomically: true, encoding: .utf8)
        let result = try await ATSProcess.run(["status", "--config", "custom.yaml"], in: directory.url)
        #expect(result.status == 78)
        #expect(result.stderr == "error: \(directory.file("custom.yaml").path):3: unknown key 'watchlist.colour' (check the spelling against `ats init`)\n")
    }

    @Test func theConfigComesFromTheEnvironmentWhenNoFlagIsGiven() async throws {
        let directory = try TemporaryDirectory()
        try "database: \"\"\n".write(to: directory.file("env.yaml"), atomically: true, encoding: .utf8)
        let result = try await ATSProcess.run(["status"], in: directory.url, environment: ["ATS_CONFIG": directory.file("env.yaml").path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("env.yaml:1: database must not be empty"))
    }

    @Test func aBadCommandLineExits64() async throws {
        let directory = try TemporaryDirectory()
        #expect(try await ATSProcess.run(["scan", "--bogus"], in: directory.url).status == 64)
        #expect(try await ATSProcess.run(["frobnicate"], in: directory.url).status == 64)
    }

    @Test func statusOnAFreshDatabaseSaysWhatToDo() async throws {
        let directory = try TemporaryDirectory()
        #expect(try await ATSProcess.run(["init"], in: directory.url).status == 0)
        let result = try await ATSProcess.run(["status"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Watchlist: 0 pairs"))
        #expect(result.stdout.contains("(empty: run `ats scan`)"))
        #expect(result.stderr.isEmpty)
    }

    @Test func statusJSONOnAFreshDatabaseIsOneJSONDocument() async throws {
        let directory = try TemporaryDirectory()
        #expect(try await ATSProcess.run(["init"], in: directory.url).status == 0)
        let result = try await ATSProcess.run(["status", "--json"], in: directory.url)
        #expect(result.status == 0 && result.stderr.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == StatusDocumentTests.topLevelKeys)
    }

    @Test func versionNamesTheVersionAndTheCommitItWasBuiltFrom() async throws {
        let directory = try TemporaryDirectory()
        let result = try await ATSProcess.run(["--version"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout == "ats \(BuildInfo.version) (commit \(BuildInfo.commit))\n")
        #expect(BuildInfo.commit != "unknown", "built from a git checkout, the commit is known")
    }

    @Test func aDatabaseFileThatIsNotSQLiteIsRefusedAndLeftAlone() async throws {
        let directory = try TemporaryDirectory()
        #expect(try await ATSProcess.run(["init"], in: directory.url).status == 0)
        let junk = Data("this is my shopping list, not a database".utf8)
        try junk.write(to: directory.file("ats.sqlite"))
        let result = try await ATSProcess.run(["status"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not an SQLite database"))
        #expect(try Data(contentsOf: directory.file("ats.sqlite")) == junk)
    }
}

/// Options the command line alone can judge are swift-argument-parser errors: exit 64,
/// its message first, before any config is read or any request is sent.
@Suite struct CommandLineValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var firstLine: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        Case(arguments: ["poll", "--bursts", "0"], firstLine: "Error: --bursts must be 1 or more (got 0)"),
        Case(arguments: ["poll", "--bursts", "-3"], firstLine: "Error: --bursts must be 1 or more (got -3)"),
        Case(arguments: ["poll", "--interval", "-1"], firstLine: "Error: --interval must be 0 or more seconds (got -1)"),
        Case(arguments: ["poll", "--interval", "nan"], firstLine: "Error: --interval must be 0 or more seconds (got nan)"),
        Case(arguments: ["prune", "--older-than", "0.5"], firstLine: "Error: --older-than must be at least 1 day"),
        Case(arguments: ["reward", "--as-of", "2026-11-21"],
             firstLine: "Error: The value '2026-11-21' is invalid for '--as-of <time>': " + AsOfTime.problem("2026-11-21")),
    ])
    func exits64WithTheParsersMessageAndTouchesNothing(_ test: Case) async throws {
        let directory = try TemporaryDirectory()
        let result = try await ATSProcess.run(test.arguments, in: directory.url)
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == test.firstLine)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }
}
