import Foundation

extension StatusReport {
    /// `Notifications: 2 queued (oldest …), 1 failed, 0 dropped, 14 sent` and a line per channel.
    static func notificationLines(_ counts: NotificationCounts) -> [String] {
        let oldest = counts.channels.compactMap(\.oldestQueued).min().map { " (oldest \($0.iso8601))" } ?? ""
        var out = ["", "Notifications: \(counts.queued) queued\(oldest), \(counts.failed) failed, \(counts.dropped) dropped, \(counts.sent) sent"]
        guard !counts.channels.isEmpty else { return out + ["  (none queued yet: see notify: in the config)"] }
        out += table([["CHANNEL", "QUEUED", "SENT", "FAILED", "DROPPED", "LAST PROBLEM"]] + counts.channels.map {
            [$0.channel, String($0.queued), String($0.sent), String($0.failed), String($0.dropped), ($0.lastNote ?? "").singleLine(limit: 100)]
        })
        return out
    }
}

extension MetricsWriter {
    /// Deliveries by channel and status: alert on `queued` growing or `failed`/`dropped` moving.
    mutating func notifications(_ counts: NotificationCounts) {
        header("ats_notifications", "Notification deliveries by channel and status.")
        for channel in counts.channels {
            for (status, value) in [(NotificationStatus.queued, channel.queued), (.sent, channel.sent), (.failed, channel.failed), (.dropped, channel.dropped)] {
                sample("ats_notifications", ["channel": channel.channel, "status": status.rawValue], Double(value))
            }
        }
        header("ats_notifications_oldest_queued_timestamp_seconds", "When the oldest queued delivery's event happened (0: none queued).")
        for channel in counts.channels {
            sample("ats_notifications_oldest_queued_timestamp_seconds", ["channel": channel.channel], channel.oldestQueued?.timeIntervalSince1970 ?? 0)
        }
    }
}
