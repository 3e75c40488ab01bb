import Foundation

/// The report's "pending and failed notifications" section: its own data, its own page
/// block and its own template partial, so the rest of the report does not know of it.
public struct NotificationsSection: Sendable, Equatable {
    public var counts: NotificationCounts
    /// Deliveries not sent (queued, failed, dropped), newest first.
    public var unsent: [NotificationRecord]

    public static let empty = NotificationsSection(counts: NotificationCounts(channels: []), unsent: [])
    static let rowLimit = 50

    static func read(_ database: AppDatabase) throws -> NotificationsSection {
        NotificationsSection(counts: try database.notificationCounts(), unsent: try database.unsentNotifications(limit: rowLimit))
    }
}

/// What the partial shows: display-ready strings only (escaped by the template engine).
struct NotificationsBlock {
    struct ChannelRow {
        let channel: String
        let queued: String
        let sent: String
        let failed: String
        let dropped: String
        let oldest: String
        let tone: String
    }

    struct DeliveryRow {
        let created: String
        let channel: String
        let event: String
        let status: String
        let statusTone: String
        let attempts: String
        let note: String
    }

    let channels: [ChannelRow]
    let hasChannels: Bool
    let rows: [DeliveryRow]
    let hasRows: Bool

    init(_ section: NotificationsSection) {
        channels = section.counts.channels.map { channel in
            ChannelRow(channel: ReportFormat.text(channel.channel), queued: Format.count(channel.queued), sent: Format.count(channel.sent),
                       failed: Format.count(channel.failed), dropped: Format.count(channel.dropped),
                       oldest: channel.oldestQueued.map { ReportFormat.dateTime($0) } ?? "–",
                       tone: channel.failed + channel.dropped > 0 ? "neg" : "plain")
        }
        hasChannels = !channels.isEmpty
        rows = section.unsent.map { row in
            DeliveryRow(created: ReportFormat.dateTime(row.createdAt), channel: ReportFormat.text(row.channel), event: row.event.rawValue,
                        status: row.status.rawValue, statusTone: row.status == .queued ? "plain" : "neg", attempts: String(row.attempts),
                        note: ReportFormat.text(row.note, limit: 200))
        }
        hasRows = !rows.isEmpty
    }

    static let template = """
    <section id="notifications">
    <h2>Notifications</h2>
    <p class="lead">Deliveries by channel (<code>ats notify</code>); queued ones are retried every run until 24 h after their event, failed ones were refused by the receiver and are not retried.</p>
    {{#notifications.hasChannels}}
    <div class="table-wrap"><table>
    <thead><tr><th>Channel</th><th class="num">Queued</th><th class="num">Sent</th><th class="num">Failed</th><th class="num">Dropped</th><th>Oldest queued</th></tr></thead>
    <tbody>
    {{#notifications.channels}}
    <tr><td>{{channel}}</td><td class="num">{{queued}}</td><td class="num">{{sent}}</td><td class="num {{tone}}">{{failed}}</td><td class="num {{tone}}">{{dropped}}</td><td>{{oldest}}</td></tr>
    {{/notifications.channels}}
    </tbody></table></div>
    {{/notifications.hasChannels}}
    {{^notifications.hasChannels}}<p class="empty">No notification queued yet (see <code>notify:</code> in the config).</p>{{/notifications.hasChannels}}
    {{#notifications.hasRows}}
    <h3>Pending and failed</h3>
    <div class="table-wrap"><table>
    <thead><tr><th>Event time</th><th>Channel</th><th>Event</th><th>Status</th><th class="num">Attempts</th><th>Note</th></tr></thead>
    <tbody>
    {{#notifications.rows}}
    <tr><td>{{created}}</td><td>{{channel}}</td><td>{{event}}</td><td><span class="badge {{statusTone}}">{{status}}</span></td><td class="num">{{attempts}}</td><td class="wrap">{{note}}</td></tr>
    {{/notifications.rows}}
    </tbody></table></div>
    {{/notifications.hasRows}}
    </section>
    """
}
