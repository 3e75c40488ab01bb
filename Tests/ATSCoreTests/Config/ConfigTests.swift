import Foundation
import Testing
@testable import ATSCore

@Suite struct ConfigTests {
    @Test func theInitFileParsesToEveryDefault() throws {
        let parsed = try ConfigLoader.parse(yaml: DefaultConfigFile.render(), file: "ats.yaml")
        #expect(parsed == ATSConfig())
    }

    @Test func theInitFileNamesEveryKeyOfTheSchemaWithAComment() {
        let text = DefaultConfigFile.render()
        for entry in ConfigSchema.entries {
            let leaf = entry.path.split(separator: ".").last!
            #expect(text.contains("\(leaf): \(entry.render(ATSConfig()))"), "missing \(entry.path)")
        }
        for entry in ConfigSchema.entries {
            #expect(!entry.comment.isEmpty, "\(entry.path) has no comment")
            #expect(text.contains("# \(entry.comment)\n"))
        }
    }

    /// `plan` picks the host and the key header; a `base_url` given replaces the host only.
    @Test(arguments: [("keyless", "", "https://api.coingecko.com/api/v3", nil), ("demo", "", "https://api.coingecko.com/api/v3", "x-cg-demo-api-key"),
                      ("pro", "", "https://pro-api.coingecko.com/api/v3", "x-cg-pro-api-key"),
                      ("pro", "http://127.0.0.1:9/cg", "http://127.0.0.1:9/cg", "x-cg-pro-api-key")] as [(String, String, String, String?)])
    func theCoinGeckoPlanPicksHostAndHeader(_ plan: String, _ baseURL: String, _ host: String, _ header: String?) throws {
        let config = try ConfigLoader.parse(yaml: "verifiers:\n  coingecko:\n    plan: \(plan)\n    base_url: \"\(baseURL)\"\n", file: "c.yaml")
        #expect(config.verifiers.coingecko.effectiveBaseURL == host)
        #expect(config.verifiers.coingecko.keyHeader == header)
    }

    @Test func anEmptyFileMeansEveryDefault() throws {
        #expect(try ConfigLoader.parse(yaml: "", file: "x.yaml") == ATSConfig())
        #expect(try ConfigLoader.parse(yaml: "# only a comment\n", file: "x.yaml") == ATSConfig())
    }

    @Test func valuesAreRead() throws {
        let config = try ConfigLoader.parse(yaml: """
            database: /var/lib/ats/ats.sqlite
            watchlist:
              size: 25
              quote_symbols: [usdc]
              confirmation_bonus: 99.5
              require_identity: false
            signal:
              min_spread_pct: 1
            scanners:
              geckoterminal:
                networks: [eth, bsc]
            """, file: "x.yaml")
        #expect(config.database == "/var/lib/ats/ats.sqlite")
        #expect(config.watchlist.size == 25)
        #expect(config.watchlist.quoteSymbols == ["usdc"])
        #expect(config.watchlist.confirmationBonus == 99.5)
        #expect(config.watchlist.requireIdentity == false)
        #expect(config.signal.minSpreadPct == 1)
        #expect(config.scanners.geckoterminal.networks == ["eth", "bsc"])
        #expect(config.poll.bursts == 1)
    }

    struct BadCase: Sendable, CustomStringConvertible {
        let yaml: String
        let expected: ConfigError
        var description: String { expected.description }
    }

    static let badCases: [BadCase] = [
        BadCase(yaml: "database: a.sqlite\nwatchlst:\n  size: 3\n", expected: .unknownKey(file: "c.yaml", key: "watchlst", line: 2)),
        BadCase(yaml: "watchlist:\n  sise: 3\n", expected: .unknownKey(file: "c.yaml", key: "watchlist.sise", line: 2)),
        BadCase(yaml: "watchlist:\n  size: \"10\"\n", expected: .wrongType(file: "c.yaml", key: "watchlist.size", line: 2, expected: "a whole number")),
        BadCase(yaml: "watchlist:\n  size: 2.5\n", expected: .wrongType(file: "c.yaml", key: "watchlist.size", line: 2, expected: "a whole number")),
        BadCase(yaml: "watchlist:\n  require_identity: yes please\n", expected: .wrongType(file: "c.yaml", key: "watchlist.require_identity", line: 2, expected: "true or false")),
        BadCase(yaml: "watchlist:\n  quote_symbols: USDC\n", expected: .wrongType(file: "c.yaml", key: "watchlist.quote_symbols", line: 2, expected: "a list, like [a, b]")),
        BadCase(yaml: "risk: 5\n", expected: .wrongType(file: "c.yaml", key: "risk", line: 1, expected: "a section of keys")),
        BadCase(yaml: "http:\n  timeout_seconds: fast\n", expected: .wrongType(file: "c.yaml", key: "http.timeout_seconds", line: 2, expected: "a number")),
        BadCase(yaml: "watchlist:\n  size: -5\n", expected: .invalidValue(file: "c.yaml", key: "watchlist.size", line: 2, problem: "must be at least 1 (got -5)")),
        BadCase(yaml: "watchlist:\n  quote_symbols: []\n", expected: .invalidValue(file: "c.yaml", key: "watchlist.quote_symbols", line: 2, problem: "must list at least one entry")),
        BadCase(yaml: "http:\n  timeout_seconds: 0\n", expected: .invalidValue(file: "c.yaml", key: "http.timeout_seconds", line: 2, problem: "must be greater than 0 (got 0)")),
        BadCase(yaml: "signal:\n  min_spread_pct: 5\n  max_spread_pct: 2\n", expected: .invalidValue(file: "c.yaml", key: "signal.max_spread_pct", line: 3, problem: "(2) is below signal.min_spread_pct (5)")),
        BadCase(yaml: "reward:\n  window_minutes: 5000\n", expected: .invalidValue(file: "c.yaml", key: "reward.window_minutes", line: 2, problem: "must be at most 1000 (one klines response)")),
        BadCase(yaml: "exchange:\n  mexc:\n    base_url: ftp://x\n", expected: .invalidValue(file: "c.yaml", key: "exchange.mexc.base_url", line: 3, problem: "must be an http(s) URL (got 'ftp://x')")),
        BadCase(yaml: "database: \"\"\n", expected: .invalidValue(file: "c.yaml", key: "database", line: 1, problem: "must not be empty")),
        BadCase(yaml: "verifiers:\n  coingecko:\n    plan: gold\n", expected: .invalidValue(
            file: "c.yaml", key: "verifiers.coingecko.plan", line: 3, problem: "must be one of keyless, demo, pro (got 'gold')")),
        BadCase(yaml: "verifiers:\n  coingecko:\n    base_url: api.coingecko.com\n", expected: .invalidValue(
            file: "c.yaml", key: "verifiers.coingecko.base_url", line: 3, problem: "must be an http(s) URL (got 'api.coingecko.com')")),
        BadCase(yaml: "- a\n- b\n", expected: .syntax(file: "c.yaml", line: 1, problem: "the top level must be a mapping of keys")),
    ]

    @Test(arguments: badCases)
    func aBadValueIsAnErrorNamingFileKeyAndLine(_ bad: BadCase) {
        #expect(throws: bad.expected) { try ConfigLoader.parse(yaml: bad.yaml, file: "c.yaml") }
        #expect(bad.expected.exitStatus == .config)
    }

    @Test func brokenYAMLNamesTheLine() {
        do {
            _ = try ConfigLoader.parse(yaml: "watchlist:\n  size: [1, 2\n", file: "c.yaml")
            Issue.record("expected a syntax error")
        } catch let error as ConfigError {
            guard case .syntax(let file, let line, _) = error else { Issue.record("got \(error)"); return }
            #expect(file == "c.yaml")
            #expect(line != nil)
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aDuplicatedKeyIsAnErrorNamingTheKeyAndALine() {
        do {
            _ = try ConfigLoader.parse(yaml: "poll:\n  bursts: 2\n  bursts: 3\n", file: "c.yaml")
            Issue.record("expected an error")
        } catch let error as ConfigError {
            guard case .syntax("c.yaml", let line?, let problem) = error else { Issue.record("got \(error)"); return }
            #expect((1...3).contains(line))
            #expect(problem.contains("'bursts' appears twice"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aMissingFileIsAConfigError() {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/ats.yaml")
        #expect(throws: ConfigError.missing(file: missing.path)) { try ConfigLoader.load(file: missing) }
    }

    @Test func anUnreadableFileIsAConfigError() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("ats.yaml")
        try Data([0xFF, 0xFE, 0x00]).write(to: file)
        #expect(throws: ConfigError.unreadable(file: file.path, reason: "not UTF-8 text")) { try ConfigLoader.load(file: file) }
    }

    @Test func relativePathsResolveAgainstTheConfigFolder() {
        var values = ATSConfig()
        values.metrics.textfile = "metrics/ats.prom"
        let config = LoadedConfig(values: values, file: URL(fileURLWithPath: "/etc/ats/ats.yaml"))
        #expect(config.databaseURL.path == "/etc/ats/ats.sqlite")
        #expect(config.reportOutputURL.path == "/etc/ats/report/index.html")
        #expect(config.metricsURL?.path == "/etc/ats/metrics/ats.prom")
        values.database = "/var/lib/ats.sqlite"
        #expect(LoadedConfig(values: values, file: config.file).databaseURL.path == "/var/lib/ats.sqlite")
    }

    @Test(arguments: [
        (nil as String?, ["ATS_CONFIG": "/etc/ats/env.yaml"], "/etc/ats/env.yaml"),
        ("/tmp/flag.yaml", ["ATS_CONFIG": "/etc/ats/env.yaml"], "/tmp/flag.yaml"),
        (nil, [:], FileManager.default.currentDirectoryPath + "/ats.yaml"),
    ])
    func theConfigIsFoundByFlagThenEnvironmentThenWorkingFolder(_ flag: String?, _ environment: [String: String], _ expected: String) {
        #expect(ConfigLoader.locate(explicit: flag, environment: environment).path == URL(fileURLWithPath: expected).standardizedFileURL.path)
    }

    @Test func initRefusesToOverwriteWithoutForce() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("ats.yaml")
        try DefaultConfigFile.write(to: file, force: false)
        #expect(throws: ConfigError.alreadyExists(file: file.path)) { try DefaultConfigFile.write(to: file, force: false) }
        try DefaultConfigFile.write(to: file, force: true)
        #expect(try ConfigLoader.load(file: file).values == ATSConfig())
    }
}
