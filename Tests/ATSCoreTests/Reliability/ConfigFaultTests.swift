import Foundation
import Testing
@testable import ATSCore

/// One bad value for one key, with the line the operator must read.
struct ConfigFault: Sendable, CustomTestStringConvertible {
    let key: String
    let yamlValue: String
    /// The message after `<file>:<line>: `.
    let message: String

    var testDescription: String { "\(key): \(yamlValue)" }

    /// The key as nested YAML; the key itself is on the last line.
    var yaml: String {
        let parts = key.split(separator: ".")
        return parts.enumerated().map { depth, name in
            String(repeating: "  ", count: depth) + name + ":" + (depth == parts.count - 1 ? " " + yamlValue : "")
        }.joined(separator: "\n") + "\n"
    }

    var line: Int { key.split(separator: ".").count }

    /// For every key of the schema: a value of the wrong type, and each impossible value
    /// its kind knows. A key added to `ConfigSchema.entries` is covered without a word here.
    static var all: [ConfigFault] {
        ConfigSchema.entries.flatMap { entry -> [ConfigFault] in
            let key = entry.path
            func wrongType(_ value: String, _ expected: String) -> ConfigFault {
                ConfigFault(key: key, yamlValue: value, message: "\(key) must be \(expected)")
            }
            func invalid(_ value: String, _ problem: String) -> ConfigFault {
                ConfigFault(key: key, yamlValue: value, message: "\(key) \(problem)")
            }
            func below(_ limit: NumberLimit) -> ConfigFault {
                switch limit {
                case .atLeast(let minimum):
                    return invalid(Format.shortest(minimum - 1),
                                   "must be at least \(Format.shortest(minimum)) (got \(Format.shortest(minimum - 1)))")
                case .above(let minimum):
                    return invalid(Format.shortest(minimum),
                                   "must be greater than \(Format.shortest(minimum)) (got \(Format.shortest(minimum)))")
                }
            }
            switch entry.kind {
            case .number(let limit):
                return [wrongType("\"10\"", "a number"), wrongType("[1]", "a number"), below(limit),
                        invalid(".inf", "must be a finite number"), invalid(".nan", "must be a finite number")]
            case .integer(let limit):
                return [wrongType("1.5", "a whole number"), wrongType("\"10\"", "a whole number"), below(limit)]
            case .bool:
                return [wrongType("\"true\"", "true or false"), wrongType("1", "true or false")]
            case .text(let allowEmpty):
                return [wrongType("12", "text"), wrongType("[a]", "text")] + (allowEmpty ? [] : [invalid("\"\"", "must not be empty")])
            case .url:
                return [wrongType("12", "text"), invalid("ftp://example.com", "must be an http(s) URL (got 'ftp://example.com')"),
                        invalid("example.com", "must be an http(s) URL (got 'example.com')")]
            case .symbol:
                return [wrongType("[USDT]", "text"), invalid("US-DT", "must be letters and digits, like USDT (got 'US-DT')")]
            case .textList:
                return [wrongType("USDC", "a list, like [a, b]"), invalid("[]", "must list at least one entry"),
                        invalid("[a, \"\"]", "must not contain an empty entry")]
            }
        }
    }
}

extension Reliability {
    /// Every key with a wrong type and with every impossible value, generated from the
    /// schema: exit 78 and one line naming the file, the line and the key. Relative paths
    /// land beside the config file whatever the working directory.
    @Suite struct ConfigFaultTests {
        @Test(arguments: ConfigFault.all)
        func aBadValueIsOneLineNamingFileLineAndKey(_ fault: ConfigFault) throws {
            let directory = try TemporaryDirectory()
            let file = directory.file("ats.yaml")
            try fault.yaml.write(to: file, atomically: true, encoding: .utf8)
            let error = #expect(throws: ConfigError.self) { _ = try ConfigLoader.load(file: file) }
            #expect(error?.exitStatus == .config)
            #expect(error?.description == "\(file.path):\(fault.line): \(fault.message)")
        }

        @Test func everyKeyHasAWrongTypeCase() {
            let covered = Set(ConfigFault.all.filter { $0.message.contains(" must be ") }.map(\.key))
            #expect(covered == Set(ConfigSchema.entries.map(\.path)))
        }

        @Test(arguments: [
            ("signal:\n  min_spread_pct: 5\n  max_spread_pct: 4\n", "3: signal.max_spread_pct (4) is below signal.min_spread_pct (5)"),
            ("reward:\n  window_minutes: 1001\n", "2: reward.window_minutes must be at most 1000 (one klines response)"),
        ])
        func keysThatContradictEachOtherAreRefused(_ yaml: String, _ message: String) throws {
            let directory = try TemporaryDirectory()
            let file = directory.file("ats.yaml")
            try yaml.write(to: file, atomically: true, encoding: .utf8)
            let error = #expect(throws: ConfigError.self) { _ = try ConfigLoader.load(file: file) }
            #expect(error?.description == "\(file.path):\(message)")
        }

        /// The executable, for one case of each kind: exit 78, that line on stderr and nothing else.
        @Test func theCommandLineExits78WithTheLine() async throws {
            var seen = Set<String>()
            let samples = ConfigFault.all.filter { fault in
                let kind = "\(ConfigSchema.entries.first { $0.path == fault.key }!.kind)".prefix { $0 != "(" }
                return seen.insert(String(kind)).inserted
            }
            #expect(samples.count == 7)
            for fault in samples {
                let directory = try TemporaryDirectory()
                try fault.yaml.write(to: directory.file("ats.yaml"), atomically: true, encoding: .utf8)
                for command in [["scan"], ["status"]] {
                    let result = try await ATSChild.run(command, in: directory.url)
                    #expect(result.status == 78, "\(fault) \(command)")
                    #expect(result.stderr == "error: \(directory.file("ats.yaml").path):\(fault.line): \(fault.message)\n")
                    #expect(result.stdout.isEmpty)
                }
                #expect(!FileManager.default.fileExists(atPath: directory.file("ats.sqlite").path), "nothing created on a bad config")
            }
        }

        @Test func relativePathsLandBesideTheConfigWhateverTheWorkingDirectory() async throws {
            let home = try TemporaryDirectory()
            let elsewhere = try TemporaryDirectory()
            let folder = home.url.appendingPathComponent("etc/ats")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var values = ATSConfig()
            values.database = "data/ats.sqlite"
            values.report.output = "web/index.html"
            values.metrics.textfile = "node/ats.prom"
            try Data(DefaultConfigFile.render(values).utf8).write(to: folder.appendingPathComponent("ats.yaml"))
            let relative = "../" + home.url.lastPathComponent + "/etc/ats/ats.yaml"

            for command in [["report"], ["status"]] {
                let result = try await ATSChild.run(command + ["--config", relative], in: elsewhere.url)
                #expect(result.status == 0, "\(command): \(result.stderr)")
            }
            let viaEnvironment = try await ATSChild.run(["report"], in: elsewhere.url,
                                                        ATSChild.Launch(environment: ["ATS_CONFIG": folder.appendingPathComponent("ats.yaml").path]))
            #expect(viaEnvironment.status == 0)

            for path in ["data/ats.sqlite", "web/index.html", "node/ats.prom"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.url.path).isEmpty, "nothing in the working directory")
        }
    }
}
