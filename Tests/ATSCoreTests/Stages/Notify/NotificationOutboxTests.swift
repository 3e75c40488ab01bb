import Foundation
import GRDB
import Testing
@testable import ATSCore

/// The outbox as the database keeps it: queued with the event, and each status change
/// made once (a delivery left `queued` is the only one a later write may change).
@Suite struct NotificationOutboxTests {
    static let routing = NotificationRouting(channels: [.signal: ["telegram", "webhook"], .reward: ["webhook"]])
    static let now = Date(timeIntervalSince1970: 1_795_267_845)

    static func burstRow(_ symbol: String) -> BurstRow {
        let signal = SignalRecord.pending(timestamp: now, chainId: "solana", pairAddress: "P-\(symbol)", pairSymbol: "\(symbol)/USDC",
                                          cexSymbol: symbol, signalType: .buy, dexPrice: 1, cexPrice: 1.02, spread: 2, dataLatencyMs: 5)
        let observation = ObservationRecord(
            id: nil, runId: 1, burst: 1, observedAt: now, cexSymbol: symbol, chainId: "solana", pairAddress: "P-\(symbol)",
            outcome: .signal, reason: "", dexPrice: 1, cexPrice: 1.02, spread: 2, dexLiquidityUsd: nil, dexVolume24hUsd: nil,
            cexVolume24hUsd: nil, verifierPrices: "{}", latencyMs: 5, signalId: nil)
        return BurstRow(observation: observation, signal: signal)
    }

    static func rows(_ database: AppDatabase) throws -> [NotificationRecord] {
        try database.reader.read { try NotificationRecord.order(Column("id")).fetchAll($0) }
    }

    @Test func aBurstQueuesOneDeliveryPerSignalPerChannelWithAStableEventID() throws {
        let database = try AppDatabase.inMemory()
        let stored = try database.recordBurst([Self.burstRow("ALPHA"), Self.burstRow("BRAVO")], routing: Self.routing)
        let ids = stored.compactMap { $0.signal?.id }
        let rows = try Self.rows(database)
        #expect(rows.map(\.eventId) == ids.flatMap { ["ats-signal-\($0)", "ats-signal-\($0)"] })
        #expect(rows.map(\.channel) == ["telegram", "webhook", "telegram", "webhook"])
        #expect(rows.allSatisfy { $0.status == .queued && $0.attempts == 0 && $0.createdAt == Self.now && $0.event == .signal })
        #expect(try database.recordBurst([Self.burstRow("CHARLIE")]).count == 1)
        #expect(try Self.rows(database).count == 4, "no routing: nothing queued")
    }

    @Test func sentIsFinalAndAFailedOrSentDeliveryIsNeverChangedAgain() throws {
        let database = try AppDatabase.inMemory()
        try database.recordBurst([Self.burstRow("ALPHA"), Self.burstRow("BRAVO")], routing: Self.routing)
        let ids = try Self.rows(database).compactMap(\.id)
        try database.markNotificationsSent([ids[0]], at: Self.now)
        try database.markNotificationsFailed([ids[1]], note: "HTTP 400")
        try database.deferNotifications([ids[0], ids[1], ids[2]], note: "HTTP 500", notBefore: nil)
        try database.markNotificationsFailed([ids[0]], note: "late")
        let rows = try Self.rows(database)
        #expect(rows.map(\.status) == [.sent, .failed, .queued, .queued])
        #expect(rows.map(\.attempts) == [1, 1, 1, 0])
        #expect(rows.map(\.note) == ["", "HTTP 400", "HTTP 500", ""])
    }

    @Test func aDeliveryWaitsForItsRetryAfterAndIsDroppedADayAfterItsEvent() throws {
        let database = try AppDatabase.inMemory()
        try database.recordBurst([Self.burstRow("ALPHA")], routing: Self.routing)
        let ids = try Self.rows(database).compactMap(\.id)
        try database.deferNotifications([ids[0]], note: "HTTP 429, retry after 60s", notBefore: Self.now.addingTimeInterval(60))
        #expect(try database.pendingNotifications(channel: "telegram", at: Self.now.addingTimeInterval(59), limit: 10).isEmpty)
        #expect(try database.pendingNotifications(channel: "telegram", at: Self.now.addingTimeInterval(60), limit: 10).count == 1)
        #expect(try database.dropNotifications(createdBefore: Self.now, note: "not delivered within 24 h") == 0)
        #expect(try database.dropNotifications(createdBefore: Self.now.addingTimeInterval(1), note: "not delivered within 24 h") == 2)
        #expect(try Self.rows(database).map(\.note) == ["not delivered within 24 h (last: HTTP 429, retry after 60s)", "not delivered within 24 h"])
        let counts = try database.notificationCounts()
        #expect(counts.dropped == 2 && counts.queued == 0)
        #expect(counts.channels.map(\.channel) == ["telegram", "webhook"])
    }

    @Test func theReportAndTheMetricsShowUnsentDeliveriesEscaped() throws {
        let database = try AppDatabase.inMemory()
        try database.recordBurst([Self.burstRow("ALPHA")], routing: Self.routing)
        let ids = try Self.rows(database).compactMap(\.id)
        try database.markNotificationsFailed([ids[0]], note: "HTTP 400 '<script>x</script>'")
        let setup = try TestSetup()
        let data = try ReportData.read(from: database, now: Self.now, latestSignals: 10, feePct: 0.1)
        let html = try ReportRenderer.html(data, config: setup.config)
        #expect(html.contains("<section id=\"notifications\">"))
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
        let metrics = try MetricsTextfile.render(database: database, now: Self.now)
        #expect(metrics.contains("ats_notifications{channel=\"telegram\",status=\"failed\"} 1\n"))
        #expect(metrics.contains("ats_notifications{channel=\"webhook\",status=\"queued\"} 1\n"))
        let document = try JSONSerialization.jsonObject(with: Data(try StatusDocument.read(database: database, now: Self.now).json().utf8)) as? [String: Any]
        let notifications = try #require(document?["notifications"] as? [String: Any])
        #expect(notifications["queued"] as? Int == 1 && notifications["failed"] as? Int == 1)
        let telegram = try #require((notifications["channels"] as? [[String: Any]])?.first)
        #expect(Set(telegram.keys) == ["channel", "queued", "sent", "failed", "dropped", "oldest_queued_at", "last_note"])
        #expect(telegram["last_note"] as? String == "HTTP 400 '<script>x</script>'", "JSON carries the text as it is; the encoder escapes it")
        let status = try StatusReport.lines(database: database, now: Self.now)
        #expect(status.contains("Notifications: 1 queued (oldest \(Self.now.iso8601)), 1 failed, 0 dropped, 0 sent"))
    }
}
