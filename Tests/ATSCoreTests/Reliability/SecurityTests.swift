import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

extension Reliability {
    /// Secrets, hostile text, links and file modes, through the real executable against the
    /// simulated market.
    @Suite struct SecurityTests {
        /// Every file under `folder` (lock files, WAL, report, metrics...), with its bytes.
        static func files(under folder: URL) -> [(path: String, data: Data)] {
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
            var found: [(String, Data)] = []
            while let url = enumerator?.nextObject() as? URL {
                if let data = FileManager.default.contents(atPath: url.path), (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                    found.append((url.path, data))
                }
            }
            return found
        }

        /// The key reaches CoinGecko in its header and nowhere else: not in any output, row,
        /// file or other request, not even when CoinGecko echoes it back in an error.
        @Test func theAPIKeyGoesToCoinGeckoInAHeaderAndNowhereElse() async throws {
            let canary = "CG-canary-\(UUID().uuidString.prefix(12))"
            try await CLIRig.with({ $0.verifiers.coingecko.plan = "demo" }) { rig in
                let echo = "Invalid API key \(canary); see https://www.coingecko.com"
                await rig.market.setFault(.clientError(status: 401, message: echo), on: .coingeckoCoinsList)
                await rig.market.setFault(.clientError(status: 401, message: echo), on: .coingeckoSimplePrice)
                let launch = ATSChild.Launch(environment: ["COINGECKO_API_KEY": canary])
                var said = ""
                for command in [["scan", "-v"], ["poll", "-v"], ["status", "-v"], ["report", "-v"]] {
                    // Without the coin list no CoinGecko id is proven; give poll pairs it will ask CoinGecko about.
                    if command[0] == "poll" { try rig.fillWatchlist() }
                    let result = try await rig.ats(command[0], Array(command.dropFirst()), launch)
                    #expect(result.status == 0, "\(command): \(result.stderr)")
                    said += result.stdout + result.stderr
                }
                #expect(!said.contains(canary))
                #expect(said.contains("HTTP 401 'Invalid API key [redacted]; see"), "the echo reached the operator, blanked out")
                #expect(!(try await DatabaseAudit.dump(rig.database)).contains(canary))
                for file in Self.files(under: rig.directory.url) {
                    #expect(file.data.range(of: Data(canary.utf8)) == nil, "\(file.path)")
                }
                #expect(FileManager.default.fileExists(atPath: rig.report.path) && FileManager.default.fileExists(atPath: rig.metrics.path))

                let requests = await rig.market.requestLog().filter { $0.endpoint != nil }
                let toCoinGecko = requests.filter { $0.endpoint?.source == "coingecko" }
                #expect(toCoinGecko.count >= 2)
                #expect(toCoinGecko.allSatisfy { $0.headers[CoinGeckoAPI.keyHeader] == canary })
                for request in requests {
                    #expect(!(request.path + "?" + request.query).contains(canary), "never in a URL: \(request.path)")
                    if request.endpoint?.source != "coingecko" {
                        #expect(!request.headers.values.contains { $0.contains(canary) }, "\(request.path)")
                    }
                }
            }
        }

        /// Markup, script and bidi controls from the market (token names, an API's error
        /// message) reach the page only escaped; token names are not stored at all.
        @Test func hostileTextReachesTheReportOnlyEscaped() async throws {
            try await CLIRig.with { rig in
                let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>\u{202E}gnp.exe"
                #expect(try await rig.ats("scan").status == 0)
                await rig.market.setFault(.clientError(status: 400, message: hostile), on: .dexscreenerPairs)
                #expect(try await rig.ats("poll").status == 0)
                #expect(try await rig.ats("report").status == 0)

                let page = try String(contentsOf: rig.report, encoding: .utf8)
                for raw in ["<script", "<img", "onerror=alert(1)>", "\u{202E}", "Finance</b>"] {
                    #expect(!page.lowercased().contains(raw.lowercased()), "\(raw) in the page")
                }
                #expect(page.contains("&lt;script&gt;alert("), "the error is shown, escaped")
                let stored = try await DatabaseAudit.dump(rig.database)
                #expect(stored.contains("<script>alert("), "stored as received; escaping is the page's job")
                for name in ["onerror=alert(1)> Papa", "nekoT", "<b>Finance</b>"] {
                    #expect(!stored.contains(name), "a token name is not stored: \(name)")
                }
            }
        }

        /// Links in the answers (pair pages, websites, socials, images) point at a listener
        /// that counts connections: no stage, and not the page, ever contacts it.
        @Test func linksFromTheAPIsAreNeverFetched() async throws {
            let listener = try ConnectionCounter()
            defer { listener.stop() }
            try await CLIRig.with { rig in
                await rig.market.setFault(.foreignLinks(base: listener.baseURL), on: SimulatedEndpoint.allCases)
                try rig.insertDueSignals(run: -1)
                for stage in ["scan", "poll", "reward", "report", "status"] {
                    let result = try await rig.ats(stage)
                    #expect(result.status == 0, "\(stage): \(result.stderr)")
                }
                let served = try await Sim.get(rig.market.dexScreenerURL + "/latest/dex/search?q=solana%20usd")
                #expect(String(decoding: served.body, as: UTF8.self).contains(listener.baseURL + "/site"), "the market did serve the links")
                #expect(listener.connections == 0)
                let page = try String(contentsOf: rig.report, encoding: .utf8)
                #expect(!page.contains("127.0.0.1:\(listener.port)"))
            }
        }

        /// Nothing ats creates is writable by others; with umask 077 nothing is readable by them either.
        @Test(arguments: ["000", "022", "077"])
        func filesAreNeverWritableByOthersAndFollowTheUmask(_ umask: String) async throws {
            try await CLIRig.with { rig in
                let launch = ATSChild.Launch(umask: umask)
                for stage in ["scan", "poll", "report"] {
                    let result = try await rig.ats(stage, [], launch)
                    #expect(result.status == 0, "\(stage): \(result.stderr)")
                }
                let created = Self.modes(under: rig.directory.url).filter { !$0.path.hasSuffix("/ats.yaml") }
                #expect(created.contains { $0.path.hasSuffix("report/index.html") })
                #expect(created.contains { $0.path.hasSuffix("metrics/ats.prom") })
                #expect(created.contains { $0.path.hasSuffix("ats.sqlite.poll.lock") })
                let limit: Int = umask == "077" ? 0o700 : 0o755
                for (path, mode, folder) in created {
                    #expect(mode & ~limit & 0o777 == 0 && (folder || mode & 0o111 == 0), "\(path): \(String(mode, radix: 8))")
                }
            }
        }

        /// A group the test may give a file: any when root, else one of the user's other groups.
        static var otherGroup: gid_t? {
            if getuid() == 0 { return 65534 }
            var groups = [gid_t](repeating: 0, count: 64)
            let count = getgroups(Int32(groups.count), &groups)
            return groups.prefix(max(0, Int(count))).first { $0 != getgid() }
        }

        @Test func aReportTheOperatorRestrictedKeepsItsModeAndGroup() async throws {
            try await CLIRig.with { rig in
                #expect(try await rig.ats("report").status == 0)
                try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: rig.report.path)
                let group = Self.otherGroup
                if let group { #expect(chown(rig.report.path, uid_t.max, group) == 0) }
                #expect(try await rig.ats("report").status == 0)
                let attributes = try FileManager.default.attributesOfItem(atPath: rig.report.path)
                #expect(attributes[.posixPermissions] as? Int == 0o640)
                if let group { #expect((attributes[.groupOwnerAccountID] as? NSNumber)?.uint32Value == group) }
            }
        }

        static func modes(under folder: URL) -> [(path: String, mode: Int, folder: Bool)] {
            let enumerator = FileManager.default.enumerator(atPath: folder.path)
            var found: [(String, Int, Bool)] = []
            while let relative = enumerator?.nextObject() as? String {
                let path = folder.appendingPathComponent(relative).path
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                found.append((path, Int(info.st_mode & 0o7777), (info.st_mode & S_IFMT) == S_IFDIR))
            }
            return found
        }
    }
}

/// A TCP listener on 127.0.0.1 that accepts, counts and closes every connection.
final class ConnectionCounter: @unchecked Sendable {
    let port: UInt16
    private let socketFD: Int32
    private let lock = NSLock()
    private var count = 0
    private let finished = DispatchSemaphore(value: 0)

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var connections: Int { lock.withLock { count } }

    struct CannotListen: Error {}

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound, listen(fd, 16) == 0 else { throw CannotListen() }
        socketFD = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { break }
                lock.withLock { count += 1 }
                close(client)
            }
            finished.signal()
        }
    }

    func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
        _ = finished.wait(timeout: .now() + 2)
    }
}
