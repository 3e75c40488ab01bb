import Foundation
import GRDB
import Testing
@testable import ATSCore

@Suite struct MetricsTextfileTests {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// A small parser of the Prometheus text format: the test reads what node_exporter would.
    static func parse(_ text: String) throws -> [Sample] {
        var samples: [Sample] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty && !line.hasPrefix("#") {
            var rest = Substring(line)
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }
            rest = rest.dropFirst(name.count)
            var labels: [String: String] = [:]
            if rest.first == "{" {
                rest = rest.dropFirst()
                while rest.first != "}" {
                    let key = rest.prefix { $0 != "=" }
                    rest = rest.dropFirst(key.count + 2)  // ="
                    var value = ""
                    while let character = rest.first, character != "\"" {
                        if character == "\\" {
                            rest = rest.dropFirst()
                            value.append(rest.first == "n" ? "\n" : rest.first!)
                        } else {
                            value.append(character)
                        }
                        rest = rest.dropFirst()
                    }
                    rest = rest.dropFirst()  // closing quote
                    if rest.first == "," { rest = rest.dropFirst() }
                    labels[String(key)] = value
                }
                rest = rest.dropFirst()
            }
            guard rest.first == " ", let value = Double(rest.dropFirst()) else { throw ParseError(line: String(line)) }
            samples.append(Sample(name: String(name), labels: labels, value: value))
        }
        return samples
    }

    struct ParseError: Error { let line: String }

    @Test func theFileCarriesLastSuccessDurationCountsAndSourceErrors() throws {
        let directory = try TemporaryDirectory()
        let database = try AppDatabase.inMemory()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let id = try database.beginRun(stage: .poll, at: start)
        try database.finishRun(id: id, status: .partial, summary: "x", counts: ["signals": 3, "errors": 1], requests: [
            SourceRequestRecord(id: nil, runId: 0, stage: .poll, source: "mexc", endpoint: "t", requestedAt: start, latencyMs: 100, statusCode: 200, ok: true, error: nil),
            SourceRequestRecord(id: nil, runId: 0, stage: .poll, source: "mexc", endpoint: "t", requestedAt: start, latencyMs: 300, statusCode: 503, ok: false, error: "HTTP 503"),
            SourceRequestRecord(id: nil, runId: 0, stage: .poll, source: "odd\"name\\", endpoint: "t", requestedAt: start, latencyMs: 1, statusCode: 200, ok: true, error: nil),
        ], at: start.addingTimeInterval(2.5))
        let file = directory.file("metrics/ats.prom")
        try MetricsTextfile.write(database: database, to: file, now: start.addingTimeInterval(10))
        let samples = try Self.parse(String(contentsOf: file, encoding: .utf8))
        func value(_ name: String, _ labels: [String: String]) -> Double? {
            samples.first { $0.name == name && $0.labels == labels }?.value
        }
        #expect(value("ats_stage_last_success_timestamp_seconds", ["stage": "poll"]) == 1_800_000_002.5)
        #expect(value("ats_stage_last_duration_seconds", ["stage": "poll"]) == 2.5)
        #expect(value("ats_stage_last_status", ["stage": "poll", "status": "partial"]) == 1)
        #expect(value("ats_stage_last_status", ["stage": "poll", "status": "ok"]) == 0)
        #expect(value("ats_stage_last_count", ["stage": "poll", "name": "signals"]) == 3)
        #expect(value("ats_source_requests_last_hour", ["source": "mexc"]) == 2)
        #expect(value("ats_source_errors_last_hour", ["source": "mexc"]) == 1)
        #expect(value("ats_source_latency_avg_ms_last_hour", ["source": "mexc"]) == 200)
        #expect(value("ats_source_requests_last_hour", ["source": "odd\"name\\"]) == 1)
        #expect(value("ats_watchlist_pairs", [:]) == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.file("metrics").path)
        #expect(leftovers == ["ats.prom"])
    }

    @Test func aFailedRunDoesNotMoveTheLastSuccess() throws {
        let database = try AppDatabase.inMemory()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let ok = try database.beginRun(stage: .scan, at: start)
        try database.finishRun(id: ok, status: .ok, summary: "", counts: [:], requests: [], at: start.addingTimeInterval(1))
        let failed = try database.beginRun(stage: .scan, at: start.addingTimeInterval(900))
        try database.finishRun(id: failed, status: .failed, summary: "", counts: [:], requests: [], at: start.addingTimeInterval(901))
        let samples = try Self.parse(MetricsTextfile.render(database: database, now: start.addingTimeInterval(1000)))
        #expect(samples.first { $0.name == "ats_stage_last_success_timestamp_seconds" }?.value == 1_800_000_001)
        #expect(samples.first { $0.name == "ats_stage_last_run_timestamp_seconds" }?.value == 1_800_000_901)
        #expect(samples.first { $0.name == "ats_stage_last_status" && $0.labels["status"] == "failed" }?.value == 1)
    }
}
