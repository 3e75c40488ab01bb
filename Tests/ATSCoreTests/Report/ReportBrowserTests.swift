import Foundation
import GRDB
import Testing
@testable import ATSCore

/// The written page opened in a real browser: headless Chromium (Debian's `chromium`
/// package; `.ci/run` installs it) must render it with no console message at all:
/// no script error, no blocked load, no Content-Security-Policy violation.
private let chromiumPath = "/usr/bin/chromium"

/// Where Chromium is missing (a developer's machine) the suite is skipped with the
/// reason, rather than failing: CI always has it.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: chromiumPath),
                "Chromium is not installed (apt-get install -y chromium)"))
struct ReportBrowserTests {
    static let chromium = chromiumPath

    struct Rendering {
        var dom: String
        var consoleLines: [String]
    }

    /// `--dump-dom` prints the page after it loaded; `--enable-logging=stderr` prints
    /// every console message as a `:CONSOLE` line.
    static func open(_ file: URL, width: Int = 1280) async throws -> Rendering {
        try await Blocking.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                                 "--window-size=\(width),3000", "--dump-dom", file.absoluteString]
            // The log goes to a file: two pipes read one after the other could deadlock.
            let log = file.deletingLastPathComponent().appendingPathComponent("chromium-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: log) }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            let dom = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let lines = String(decoding: try Data(contentsOf: log), as: UTF8.self).split(separator: "\n").map(String.init)
            return Rendering(dom: String(decoding: dom, as: UTF8.self), consoleLines: lines.filter { $0.contains(":CONSOLE") })
        }
    }

    /// A desktop and a phone (390 px) width: the page's narrow-screen rules must not
    /// produce a message either.
    @Test(arguments: [1280, 390])
    func theReportRendersWithoutAConsoleMessage(width: Int) async throws {
        let setup = try TestSetup()
        let database = try setup.database()
        try ReportSamples.populate(database)
        try ReportSamples.insert(OutcomeSamples.signals(), into: database)
        try database.write { db in
            for var candle in Self.candles(signalID: 1) { try candle.insert(db) }
        }
        try ReportSamples.insert([
            ReportSamples.signal(at: 0, "<script>alert(1)</script>", spread: 1, pair: "\"><img src=x onerror=alert(1)>/USDC",
                                 address: "javascript:alert(1)", notes: "\u{202E}gpj.exe"),
        ], into: database)
        let output = setup.directory.file("public/index.html")
        let outcome = await ReportStage.run(config: setup.config, environment: setup.environment(StubTransport { _ in .json("{}") }), output: output)
        #expect(outcome.exit == .ok)

        let page = try await Self.open(output, width: width)
        #expect(page.consoleLines.isEmpty, "\(page.consoleLines)")
        #expect(page.dom.contains("class=\"path\""))
        #expect(page.dom.contains("<code>" + BuildInfo.description + "</code>"), "the footer names the build")
        #expect(page.dom.contains("ALPHA"))
        #expect(!page.dom.contains("<script>alert(1)"))
    }

    static func candles(signalID: Int64) -> [SignalCandleRecord] {
        (0..<15).map { minute in
            let price = 1.02 * (1 + Double(minute) / 1000)
            return SignalCandleRecord(signalId: signalID, openTime: ReportSamples.t0.addingTimeInterval(Double(60 + minute * 60)),
                                      open: price, high: price * 1.001, low: price * 0.999, close: price * 1.0005)
        }
    }

    @Test func theConsoleCheckSeesAViolationWhenThereIsOne() async throws {
        let directory = try TemporaryDirectory()
        let page = directory.file("bad.html")
        try """
            <!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head>
            <body><img src="http://127.0.0.1:9/x.png"></body></html>
            """.write(to: page, atomically: true, encoding: .utf8)
        let rendering = try await Self.open(page)
        #expect(rendering.consoleLines.contains { $0.contains("violates the following Content Security Policy") })
    }
}
