import Foundation
import GRDB
import Testing
@testable import ATSCore

extension Reliability {
    /// The database cannot be written (a read-only folder or file), is held by another
    /// writer past the busy timeout, or is not SQLite at all: every command ends with one
    /// clear line and its exit code, and the file is never changed or damaged.
    @Suite struct StorageFaultTests {
        /// Every command that opens the database, as cron runs it.
        static let commands: [[String]] = [["scan"], ["poll"], ["reward"], ["report"], ["status"], ["prune", "--older-than", "30"]]

        /// Bytes of the database (and of a WAL beside it, if any), to compare before and after.
        static func bytes(_ url: URL) -> [Data?] {
            [url.path, url.path + "-wal"].map { FileManager.default.contents(atPath: $0) }
        }

        /// A folder with a config pointing nowhere reachable and a database with a run in it.
        static func preparedFolder() async throws -> TemporaryDirectory {
            let directory = try TemporaryDirectory()
            var values = ATSConfig()
            for url in [\ATSConfig.scanners.dexscreener.baseURL, \.scanners.geckoterminal.baseURL, \.exchange.mexc.baseURL,
                        \.verifiers.coingecko.baseURL, \.verifiers.binance.baseURL] {
                values[keyPath: url] = "http://127.0.0.1:9"  // discard port: refused at once
            }
            values.http.retries = 0
            try Data(DefaultConfigFile.render(values).utf8).write(to: directory.file("ats.yaml"))
            let made = try await ATSChild.run(["report", "-q"], in: directory.url)
            try #require(made.status == 0, "\(made.stderr)")
            return directory
        }

        enum Denied: String, CaseIterable, CustomTestStringConvertible {
            case folder, file
            var testDescription: String { "a read-only database \(rawValue)" }
        }

        @Test(arguments: Denied.allCases)
        func aReadOnlyDatabaseIsOneLineExit1AndLeftAsItWas(_ denied: Denied) async throws {
            let directory = try await Self.preparedFolder()
            let database = directory.file("ats.sqlite")
            let before = Self.bytes(database)
            let listing = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
            let target = denied == .folder ? directory.url.path : database.path
            let original = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int ?? 0o755
            try FileManager.default.setAttributes([.posixPermissions: denied == .folder ? 0o555 : 0o444], ofItemAtPath: target)
            if denied == .file {
                // The folder is writable for the user running ats; only the file is not.
                try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.url.path)
            }
            defer {
                try? FileManager.default.setAttributes([.posixPermissions: original], ofItemAtPath: target)
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path)
            }

            for command in Self.commands {
                let result = try await ATSChild.run(command, in: directory.url, ATSChild.Launch(unprivileged: true))
                #expect(result.status == 1, "\(command): \(result.stderr)")
                let expected = denied == .folder
                    ? "error: cannot open the database \(database.path): its folder \(directory.url.path) is not writable by this user "
                        + "(SQLite keeps ats.sqlite-wal and ats.sqlite-shm beside the database); give the user running ats write access to the folder"
                    : "error: cannot open the database \(database.path): the file is not writable by this user; give the user running ats write access to it"
                #expect(result.stderr == expected + "\n", "\(command)")
                #expect(result.stdout.isEmpty, "\(command)")
            }
            #expect(Self.bytes(database) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == listing, "no file left beside it")
        }

        @Test func aFileThatIsNotSQLiteIsRefusedByEveryCommandAndLeftAlone() async throws {
            let directory = try await Self.preparedFolder()
            let database = directory.file("ats.sqlite")
            try FileManager.default.removeItem(at: database)
            let junk = Data("id,price\n1,0.5\n".utf8) + Data(repeating: 0x2C, count: 4096)
            try junk.write(to: database)
            for command in Self.commands {
                let result = try await ATSChild.run(command, in: directory.url)
                #expect(result.status == 1, "\(command)")
                #expect(result.stderr == "error: cannot open the database \(database.path): it is not an SQLite database; "
                            + "move it away or point `database:` elsewhere\n", "\(command)")
            }
            #expect(try Data(contentsOf: database) == junk)
            #expect(!FileManager.default.fileExists(atPath: database.path + "-wal"))
        }

        // MARK: Another writer holds the database

        /// Holds a write transaction (`BEGIN IMMEDIATE`) from another connection, on a thread
        /// of its own, until released.
        final class WriteLockHolder: @unchecked Sendable {
            private let release = DispatchSemaphore(value: 0)
            private let done = DispatchSemaphore(value: 0)

            private init() {}

            static func take(_ url: URL) async throws -> WriteLockHolder {
                let holder = WriteLockHolder()
                let queue = try DatabaseQueue(path: url.path)
                let taken = DispatchSemaphore(value: 0)
                DispatchQueue.global().async { [release = holder.release, done = holder.done] in
                    try? queue.inDatabase { db in
                        try db.execute(sql: "BEGIN IMMEDIATE")
                        taken.signal()
                        release.wait()
                        try db.execute(sql: "ROLLBACK")
                    }
                    done.signal()
                }
                await Blocking.wait(for: taken)
                return holder
            }

            func letGo() async {
                release.signal()
                await Blocking.wait(for: done)
            }
        }

        @Test(arguments: Stage.allCases)
        func aDatabaseLockedPastTheBusyTimeoutIsOneLineExit1AndNothingWritten(_ stage: Stage) async throws {
            try await LoopbackRig.with { rig in
                try rig.fillWatchlist(rig.market.watchlistPairs)
                rig.expectClean(await rig.poll())
                let url = rig.setup.config.databaseURL
                let before = try await DatabaseAudit.Snapshot.take(url)
                let runsBefore = try rig.database().lastRuns(stage: stage, limit: 10)
                await rig.market.resetRequestLog()
                let holder = try await WriteLockHolder.take(url)

                var environment = rig.environment
                environment.databaseBusyTimeout = 0.3
                let outcome = await Self.run(stage, rig, environment)
                await holder.letGo()

                #expect(outcome.exit == .failure)
                #expect(rig.console.stderr == [
                    "error: cannot open the database \(url.path): the database is busy: another process held its write lock longer "
                        + "than the busy timeout (0.3s); the write was not made, try again later",
                ])
                #expect(await rig.market.requestCount() == 0, "nothing asked before the run could be recorded")
                #expect(try rig.database().lastRuns(stage: stage, limit: 10) == runsBefore)
                #expect(before.lost(in: try await DatabaseAudit.Snapshot.take(url)) == [])
                #expect(try await DatabaseAudit.problems(url) == [])
                #expect(await Self.run(stage, rig, rig.environment).exit == .ok, "once the other writer is gone, the stage runs")
            }
        }

        /// The lock is taken while the run is already working: the burst cannot be stored and
        /// the run row cannot be closed; the next run closes it as failed and works.
        @Test func aDatabaseLockedInTheMiddleOfAPollLosesOnlyThatBurst() async throws {
            try await LoopbackRig.with { rig in
                try rig.fillWatchlist(rig.market.watchlistPairs)
                let url = rig.setup.config.databaseURL
                await rig.market.setFault(.latency(milliseconds: 600), on: .mexcTickers, times: 1)
                var environment = rig.environment
                environment.databaseBusyTimeout = 0.3
                let poll = Task { await PollStage.run(bursts: 1, intervalSeconds: 0, config: rig.setup.config, environment: environment) }
                try await eventually("the run row") { !(try await DatabaseAudit.runningRuns(url)).isEmpty }
                let holder = try await WriteLockHolder.take(url)
                let outcome = await poll.value
                await holder.letGo()

                #expect(outcome.exit == .failure)
                let busy = "the database is busy: another process held its write lock longer than the busy timeout (0.3s); the write was not made, try again later"
                #expect(rig.console.stderr == ["error: could not record the poll run: \(busy)", "error: \(busy)"])
                #expect(try rig.observations().isEmpty)
                #expect(try await DatabaseAudit.runningRuns(url).count == 1)
                #expect(try await DatabaseAudit.problems(url) == [])

                rig.expectClean(await rig.poll())
                #expect(try await DatabaseAudit.runningRuns(url).isEmpty)
                #expect(try rig.database().lastRuns(stage: .poll, limit: 2).map(\.status) == [.ok, .failed])
            }
        }

        static func run(_ stage: Stage, _ rig: LoopbackRig, _ environment: StageEnvironment) async -> StageRunner.Outcome {
            switch stage {
            case .scan: return await ScanStage.run(config: rig.setup.config, environment: environment)
            case .poll: return await PollStage.run(bursts: 1, intervalSeconds: 0, config: rig.setup.config, environment: environment)
            case .reward: return await RewardStage.run(config: rig.setup.config, environment: environment)
            case .report: return await ReportStage.run(config: rig.setup.config, environment: environment)
            case .prune: return await PruneStage.run(config: rig.setup.config, environment: environment, olderThanDays: 30, includeSignals: false)
            case .notify: return await NotifyStage.run(config: rig.setup.config, environment: environment)
            }
        }
    }
}

extension Blocking {
    static func wait(for semaphore: DispatchSemaphore) async {
        _ = try? await run { semaphore.wait() }
    }
}
