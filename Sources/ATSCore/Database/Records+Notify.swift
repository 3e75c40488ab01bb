import Foundation
import GRDB

/// What a notification is about; the names `notify.events` lists.
public enum NotificationEvent: String, Codable, Sendable, CaseIterable {
    case signal, reward, health
}

public enum NotificationStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting to be sent (new, or answered with a network error, 429 or 5xx).
    case queued
    /// A 2xx was recorded: never sent again.
    case sent
    /// The receiver refused it (any other answer, noted): never retried.
    case failed
    /// Still unsent 24 hours after the event: given up, with a note.
    case dropped
}

extension NotificationEvent: DatabaseValueConvertible {}
extension NotificationStatus: DatabaseValueConvertible {}

/// One delivery of one event to one channel (`notifications`).
public struct NotificationRecord: SnakeCaseRecord, Sendable, Equatable, Identifiable {
    public static let databaseTableName = "notifications"
    public var id: Int64?
    public var event: NotificationEvent
    public var eventId: String
    public var channel: String
    public var createdAt: Date
    public var status: NotificationStatus
    public var attempts: Int
    public var sentAt: Date?
    public var note: String
    public var notBefore: Date?
    public var signalId: Int64?
    public var stage: Stage?
    public var detail: String

    public init(event: NotificationEvent, eventId: String, channel: String, createdAt: Date, signalId: Int64? = nil,
                stage: Stage? = nil, detail: String = "") {
        self.id = nil
        self.event = event
        self.eventId = eventId
        self.channel = channel
        self.createdAt = createdAt
        self.status = .queued
        self.attempts = 0
        self.sentAt = nil
        self.note = ""
        self.notBefore = nil
        self.signalId = signalId
        self.stage = stage
        self.detail = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The stable id a receiver may drop a repeat by: the same for every channel and retry.
    public static func signalEventID(_ signalID: Int64) -> String { "ats-signal-\(signalID)" }
    public static func rewardEventID(_ signalID: Int64) -> String { "ats-reward-\(signalID)" }

    public enum Columns {
        static let id = Column("id")
        static let event = Column("event")
        static let channel = Column("channel")
        static let createdAt = Column("created_at")
        static let status = Column("status")
        static let attempts = Column("attempts")
        static let sentAt = Column("sent_at")
        static let note = Column("note")
        static let notBefore = Column("not_before")
        static let signalId = Column("signal_id")
    }
}

/// Which channels an event kind is queued for (the enabled channels, when the kind is in
/// `notify.events`): what the recording transactions of poll, reward and notify need.
public struct NotificationRouting: Sendable, Equatable {
    public var channels: [NotificationEvent: [String]]

    public init(channels: [NotificationEvent: [String]] = [:]) {
        self.channels = channels
    }

    public static let none = NotificationRouting()

    public func channels(for event: NotificationEvent) -> [String] { channels[event] ?? [] }
}

/// A queued delivery with what its message needs.
public struct PendingNotification: Sendable, Equatable {
    public var delivery: NotificationRecord
    /// The signal of a `signal` or `reward` event (nil: a health event, or a signal pruned since).
    public var signal: SignalRecord?
}

/// Deliveries by status (all time) and the oldest queued: for `status`, the report and metrics.
public struct NotificationCounts: Sendable, Equatable {
    public struct Channel: Sendable, Equatable {
        public var channel: String
        public var queued: Int
        public var sent: Int
        public var failed: Int
        public var dropped: Int
        public var oldestQueued: Date?
        public var lastNote: String?
    }

    public var channels: [Channel]

    public var queued: Int { channels.reduce(0) { $0 + $1.queued } }
    public var failed: Int { channels.reduce(0) { $0 + $1.failed } }
    public var dropped: Int { channels.reduce(0) { $0 + $1.dropped } }
    public var sent: Int { channels.reduce(0) { $0 + $1.sent } }
}
