import Foundation
import GRDB

/// One pair's row of a burst, with the signal it produced (if any).
public struct BurstRow: Sendable, Equatable {
    public var observation: ObservationRecord
    public var signal: SignalRecord?

    public init(observation: ObservationRecord, signal: SignalRecord?) {
        self.observation = observation
        self.signal = signal
    }
}

extension AppDatabase {
    /// Writes one burst in one transaction: every signal (with its notifications queued
    /// for `routing`'s channels), then every observation linked to its signal. A failure
    /// stores none of them.
    @discardableResult
    public func recordBurst(_ rows: [BurstRow], routing: NotificationRouting = .none) throws -> [BurstRow] {
        try write { db in
            var stored: [BurstRow] = []
            for var row in rows {
                if var signal = row.signal {
                    try signal.insert(db)
                    row.signal = signal
                    row.observation.signalId = signal.id
                    if let id = signal.id {
                        try Self.queue(db, .signal, eventID: NotificationRecord.signalEventID(id),
                                       channels: routing.channels(for: .signal), at: signal.timestamp, signalID: id)
                    }
                }
                try row.observation.insert(db)
                stored.append(row)
            }
            return stored
        }
    }

    /// The latest signal per symbol and side at or after `date` (the cooldown lookup).
    public func latestSignals(since date: Date) throws -> [String: [SignalType: Date]] {
        try reader.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT cex_symbol, signal_type, MAX(timestamp) AS latest FROM signals
                WHERE timestamp >= ? GROUP BY cex_symbol, signal_type
                """, arguments: [date])
            var latest: [String: [SignalType: Date]] = [:]
            for row in rows {
                guard let side = SignalType(rawValue: row["signal_type"]), let when: Date = row["latest"] else { continue }
                latest[row["cex_symbol"], default: [:]][side] = when
            }
            return latest
        }
    }
}
