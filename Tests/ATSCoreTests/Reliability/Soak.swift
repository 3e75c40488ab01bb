import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// Minutes of cron life compressed: each round switches a few random faults on the
/// market, starts every stage at once (sometimes one twice), and sometimes kills or
/// stops one of them. After each round the database must pass the audit and keep every
/// row earlier rounds stored; at the end a clean round must succeed everywhere and
/// leave no run open. Run by `scripts/soak.sh`; the seed is printed to replay a run.
enum Soak {
    static var seconds: Double? {
        ProcessInfo.processInfo.environment["ATS_SOAK_SECONDS"].flatMap(Double.init)
    }

    static let faults: [SimulatedFault] = [
        .serverError(status: 503), .rateLimited(retryAfter: 1), .htmlChallenge, .truncatedJSON, .emptyBody,
        .latency(milliseconds: 400), .hang, .badNumbers(.nanText), .clientError(status: 418, message: nil),
    ]

    static let stages: [[String]] = [
        ["scan"], ["poll", "--bursts", "3", "--interval", "1"], ["reward"], ["report"], ["status"], ["prune", "--older-than", "30"],
    ]

    struct Tally {
        var rounds = 0
        var exits: [String: Int] = [:]
        var killed = 0
        var stopped = 0
    }

    static func run(seconds: Double) async throws {
        let seed = ProcessInfo.processInfo.environment["ATS_SOAK_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000)
        print("soak: \(Int(seconds)) s, seed \(seed) (ATS_SOAK_SEED=\(seed) replays it)")
        var random = SplitMix(seed: seed)
        try await CLIRig.with({ $0.http.timeoutSeconds = 2 }) { rig in
            try rig.fillWatchlist()
            var tally = Tally()
            let end = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < end {
                tally.rounds += 1
                try await round(rig, number: tally.rounds, random: &random, tally: &tally, clean: false)
            }
            try await round(rig, number: tally.rounds + 1, random: &random, tally: &tally, clean: true)
            print("soak: \(tally.rounds) rounds, \(tally.killed) kills, \(tally.stopped) stops; exits \(tally.exits.sorted { $0.key < $1.key })")
            print("soak: rows \(try await rig.counts().sorted { $0.key < $1.key })")
        }
    }

    static func round(_ rig: CLIRig, number: Int, random: inout SplitMix, tally: inout Tally, clean: Bool) async throws {
        await rig.market.clearFaults()
        if !clean {
            for _ in 0..<random.below(3) {
                let endpoint = SimulatedEndpoint.usedByStages[random.below(SimulatedEndpoint.usedByStages.count)]
                await rig.market.setFault(faults[random.below(faults.count)], on: endpoint, times: random.below(2) == 0 ? 1 : nil)
            }
        }
        try rig.insertDueSignals(run: -Int64(number))
        let before = try await DatabaseAudit.Snapshot.take(rig.database)
        // The clean round runs every stage that keeps runs, so each closes what killed runs left open.
        var commands = clean ? stages.filter { $0[0] != "status" } : stages.filter { _ in random.below(4) != 0 }
        if !clean && random.below(3) == 0, let doubled = commands.first { commands.append(doubled) }
        let children = try commands.map { ($0.joined(separator: " "), try rig.start($0[0], Array($0.dropFirst()))) }
        var signalled: Set<Int32> = []
        if !clean && random.below(2) == 0, let (_, victim) = children.randomElement(using: &random) {
            try await Task.sleep(for: .milliseconds(random.below(500)))
            let stop = random.below(3) == 0
            victim.send(stop ? SIGTERM : SIGKILL)
            signalled.insert(victim.pid)
            if stop { tally.stopped += 1 } else { tally.killed += 1 }
        }
        for (name, child) in children {
            let result = try await child.finish()
            let exit = result.killed ? "killed" : String(result.status)
            tally.exits[exit, default: 0] += 1
            #expect(!result.stderr.contains("locked") && !result.stderr.contains("busy"), "round \(number) \(name): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"), "round \(number) \(name): \(result.stderr)")
            if clean {
                #expect(result.status == 0, "clean round \(name): \(result.stderr)")
            } else if !signalled.contains(child.pid) {
                #expect([0, 69, 75].contains(result.status) && !result.killed, "round \(number) \(name): exit \(result.status): \(result.stderr)")
            }
        }
        #expect(try await DatabaseAudit.problems(rig.database) == [], "round \(number)")
        #expect(before.lost(in: try await DatabaseAudit.Snapshot.take(rig.database)) == [], "round \(number)")
        if clean {
            #expect(try await DatabaseAudit.runningRuns(rig.database).isEmpty, "every run closed after the clean round")
        }
    }
}

/// A small seeded generator, so a failing soak can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}
