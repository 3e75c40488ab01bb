import Foundation

/// Collects every request a run makes (for `source_requests`, source health and
/// latency), and what is in flight right now (for the deadline message).
public actor RequestRecorder {
    private(set) var records: [SourceRequestRecord] = []
    private var inFlight: [Int: String] = [:]
    private var nextToken = 0
    let stage: Stage

    public init(stage: Stage) {
        self.stage = stage
    }

    func begin(_ what: String) -> Int {
        nextToken += 1
        inFlight[nextToken] = what
        return nextToken
    }

    func end(_ token: Int, source: String, endpoint: String, at date: Date, latencyMs: Int, statusCode: Int?, error: String?) {
        inFlight[token] = nil
        records.append(SourceRequestRecord(
            id: nil, runId: 0, stage: stage, source: source, endpoint: endpoint, requestedAt: date,
            latencyMs: latencyMs, statusCode: statusCode, ok: error == nil, error: error))
    }

    /// Requests started and not yet answered, oldest first.
    public func waitingFor() -> [String] {
        inFlight.sorted { $0.key < $1.key }.map(\.value)
    }

    public func allRecords() -> [SourceRequestRecord] { records }

    /// Requests so far, per source.
    public func requestCount(source: String? = nil) -> Int {
        records.filter { source == nil || $0.source == source }.count
    }
}
