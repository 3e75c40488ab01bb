import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The built `ats` executable as cron runs it (no terminal), against the simulated
/// market served by this test process, with the config `ats simulate --write-config` writes.
@Suite struct CommandLineLoopbackTests {
    static func ats(_ arguments: [String], in directory: URL) async throws -> ATSChild.Result {
        try await ATSProcess.run(arguments, in: directory)
    }

    /// Runs `body` with a market on the real clock (the executable has no other) and a config pointing at it.
    static func withConfiguredMarket(_ body: (SimulatedMarket, TemporaryDirectory) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        try await Sim.withMarket(now: Clocks.system) { market in
            try market.writeConfig(to: directory.file("ats.yaml"), force: false)
            try await body(market, directory)
        }
    }

    @Test func scanPollAndStatusRunQuietlyAndLeaveTheirRows() async throws {
        try await Self.withConfiguredMarket { market, directory in
            let scan = try await Self.ats(["scan"], in: directory.url)
            #expect(scan.status == 0, "\(scan.stderr)")
            #expect(scan.stdout.isEmpty && scan.stderr.isEmpty)

            let poll = try await Self.ats(["poll", "--bursts", "2", "--interval", "0"], in: directory.url)
            #expect(poll.status == 0, "\(poll.stderr)")
            #expect(poll.stdout.isEmpty && poll.stderr.isEmpty)

            let scanned = ExpectedObservation.scannedPairs(market.pairs)
            let pairs = scanned.count
            let signalling = scanned.filter { ExpectedObservation.forScenario($0.scenario)?.side != nil }.count
            let database = try AppDatabase.open(at: directory.file("ats.sqlite"))
            #expect(try database.watchlist().count == pairs)
            let (observations, signals) = try await database.reader.read { db in
                (try ObservationRecord.fetchCount(db), try SignalRecord.fetchCount(db))
            }
            #expect(observations == 2 * pairs)
            #expect(signalling == 5, "ALPHA, YANKEE and GAMMA BUY; BRAVO and SIGMA SELL")
            #expect(signals == signalling, "one per signalling pair; the second burst is in cooldown")

            let status = try await Self.ats(["status"], in: directory.url)
            #expect(status.status == 0)
            #expect(status.stderr.isEmpty)
            let lines = status.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("Watchlist: \(pairs) pairs (scanned ") == true)
            #expect(lines.last == BuildInfo.description, "the build is named last")
            #expect(lines.contains { $0.hasPrefix("Pending rewards: \(signalling) (oldest signal ") })
            #expect(lines.contains { $0.contains("poll: 2 bursts × \(pairs) pairs: \(signalling) signals") })
            #expect(lines.contains { $0.hasPrefix("  scan ") && $0.contains(" ok ") })
        }
    }

    /// A second `ats scan` while one is running exits 75 at once and does nothing.
    @Test func aSecondScanWhileOneRunsExits75() async throws {
        try await Self.withConfiguredMarket { market, directory in
            await market.setFault(.latency(milliseconds: 2_000), on: .dexscreenerSearch)
            async let first = Self.ats(["scan"], in: directory.url)
            // The first scan asks the market only once it holds the lock.
            let deadline = ContinuousClock.now + .seconds(30)
            while await market.requestCount() == 0 {
                try #require(ContinuousClock.now < deadline, "the first scan never reached the market")
                try await Task.sleep(for: .milliseconds(20))
            }

            let second = try await Self.ats(["scan"], in: directory.url)

            #expect(second.status == 75)
            #expect(second.stdout.isEmpty)
            #expect(second.stderr.hasPrefix("error: another `ats scan` is running"))
            #expect(second.stderr.split(separator: "\n").count == 1)
            let firstResult = try await first
            #expect(firstResult.status == 0, "\(firstResult.stderr)")
            #expect(await market.requestCount(.dexscreenerSearch) == SimulatedMarketModel.searchQueries.count, "only the first scan searched")
            #expect(await market.requestCount(.mexcExchangeInfo) == 1)
            let database = try AppDatabase.open(at: directory.file("ats.sqlite"))
            #expect(try database.lastRuns(stage: .scan, limit: 5).map(\.status).sorted { $0.rawValue < $1.rawValue } == [.ok, .skipped])
        }
    }
}
