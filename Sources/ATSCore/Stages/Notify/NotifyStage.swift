import Foundation

/// `ats notify`: queues health alerts (see `HealthWatch`), drops what is a day old, then
/// sends each enabled channel's queued deliveries oldest first, several events a message
/// where the channel's rate limit calls for it. Every answer is recorded before the next
/// message goes out: a 2xx makes its deliveries `sent` for good.
public enum NotifyStage {
    /// A delivery still unsent this long after its event is dropped (product.md).
    public static let giveUpSeconds: Double = 24 * 3600

    public static func run(config: LoadedConfig, environment: StageEnvironment) async -> StageRunner.Outcome {
        await StageRunner.run(.notify, config: config, environment: environment) { context in
            try await notify(context)
        }
    }

    static func notify(_ context: StageContext) async throws -> StageResult {
        let database = context.database
        let routing = NotifyChannels.routing(context.values.notify)
        var tally = NotifyTally()
        if !routing.channels(for: .health).isEmpty {
            let changes = try HealthWatch.changes(database, now: context.now(), afterMinutes: context.values.notify.healthAfterMinutes)
            try database.recordHealthChanges(changes, routing: routing)
            tally.health = changes.count
        }
        tally.dropped = try database.dropNotifications(
            createdBefore: context.now().addingTimeInterval(-giveUpSeconds), note: "not delivered within 24 h")
        if tally.dropped > 0 {
            tally.warnings.append("notify: \(Format.plural(tally.dropped, "delivery", "deliveries")) dropped, unsent 24 h after their event")
        }
        for (kind, made) in NotifyChannels.enabled(context.values, variables: context.environment.variables) {
            if context.stopRequested { break }
            switch made {
            case .failure(let error):
                tally.warnings.append(error.description)
                tally.unusable += 1
            case .success(let channel):
                try await ChannelSender(channel: channel, kind: kind, context: context).deliver(into: &tally)
            }
        }
        tally.queued = try database.notificationCounts().queued
        return tally.result(stopped: context.environment.stop.reason)
    }
}

/// One channel's part of a run: its messages, paced, each answer recorded at once.
struct ChannelSender {
    let channel: any NotificationChannel
    let kind: String
    let context: StageContext
    let redact: SecretRedactor

    init(channel: any NotificationChannel, kind: String, context: StageContext) {
        self.channel = channel
        self.kind = kind
        self.context = context
        self.redact = SecretRedactor(channel.secrets)
    }

    func deliver(into tally: inout NotifyTally) async throws {
        let pacing = channel.pacing
        let database = context.database
        var messages = 0
        var lastSent: ContinuousClock.Instant?
        let quoteAsset = context.values.exchange.mexc.quoteAsset
        while messages < pacing.messagesPerRun, !context.stopRequested {
            let pending = try database.pendingNotifications(channel: kind, at: context.now(), limit: pacing.eventsPerMessage)
            guard !pending.isEmpty else { break }
            var facts: [NotificationFacts] = []
            var orphans: [Int64] = []
            for row in pending {
                if let made = NotificationFacts.make(row, quoteAsset: quoteAsset) { facts.append(made) } else if let id = row.delivery.id { orphans.append(id) }
            }
            try database.markNotificationsFailed(orphans, note: "its signal is no longer stored (pruned)")
            tally.failed += orphans.count
            guard let first = facts.first else { continue }
            // One kind per message: a batch of signals, of rewards, or of health alerts.
            let batch = Array(facts.prefix { $0.event == first.event })
            let (message, count) = channel.message(for: batch, reportURL: context.values.report.publicURL)
            let ids = batch.prefix(count).map(\.deliveryID)
            if let lastSent {
                try await context.environment.stop.sleep(until: lastSent.advanced(by: .cappedSeconds(pacing.secondsBetweenMessages)))
                if context.stopRequested { break }
            }
            let (verdict, answered) = await send(message)
            lastSent = ContinuousClock.now
            messages += 1
            tally.messages[kind, default: 0] += 1
            switch verdict {
            case .sent:
                try database.markNotificationsSent(ids, at: context.now())
                tally.sent += ids.count
            case .failed(let note):
                let note = redact(note).singleLine(limit: 300)
                try database.markNotificationsFailed(ids, note: note)
                tally.failed += ids.count
                tally.warnings.append("notify \(kind): \(Format.plural(ids.count, "delivery", "deliveries")) refused: \(note); not retried")
            case .retry(let note, let retryAfter):
                let note = redact(note).singleLine(limit: 300)
                try database.deferNotifications(ids, note: note, notBefore: retryAfter.map { context.now().addingTimeInterval($0) })
                tally.deferred += ids.count
                tally.unreached[kind] = !answered && (tally.unreached[kind] ?? true)
                let wait = retryAfter.map { ", not asked again before \(context.now().addingTimeInterval($0).iso8601)" } ?? ""
                tally.warnings.append("notify \(kind): \(note); its queued deliveries wait for the next run\(wait)")
                return
            }
            tally.unreached[kind] = false
        }
    }

    /// POSTs the message and reads the answer; transport failures are retries, named without the URL.
    private func send(_ message: OutgoingMessage) async -> (DeliveryVerdict, answered: Bool) {
        let recorder = context.recorder
        let token = await recorder.begin("\(kind) \(message.endpoint)")
        let started = context.now()
        let clock = ContinuousClock.now
        var verdict: DeliveryVerdict
        var status: Int?
        do {
            let response = try await context.environment.transport.post(
                HTTPRequest(url: message.url, headers: message.headers), body: message.body,
                timeout: .cappedSeconds(context.values.http.timeoutSeconds), maxBytes: 1 << 20)
            status = response.status
            verdict = channel.verdict(response)
        } catch let error as TransportError {
            verdict = .retry(note: error.description, retryAfter: nil)
        } catch {
            verdict = .retry(note: Task.isCancelled ? "cancelled" : "network error: \(String(describing: error).singleLine(limit: 160))", retryAfter: nil)
        }
        let error: String? = switch verdict {
        case .sent: nil
        case .failed(let note), .retry(let note, _): redact(note).singleLine(limit: 300)
        }
        await recorder.end(token, source: kind, endpoint: message.endpoint, at: started,
                           latencyMs: SourceClient.milliseconds(since: clock), statusCode: status, error: error)
        return (verdict, status != nil)
    }
}

/// A run's counts and the lines the operator reads.
struct NotifyTally {
    var sent = 0
    var failed = 0
    var deferred = 0
    var dropped = 0
    var health = 0
    var queued = 0
    var unusable = 0
    var messages: [String: Int] = [:]
    /// Per channel tried: true while nothing it was sent got an answer that counts.
    var unreached: [String: Bool] = [:]
    var warnings: [String] = []

    var counts: [String: Int] {
        ["sent": sent, "failed": failed, "deferred": deferred, "dropped": dropped, "health_events": health, "queued": queued,
         "messages": messages.values.reduce(0, +)]
    }

    var summary: String {
        let perChannel = messages.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "notify: \(sent) sent, \(failed) failed, \(deferred) deferred, \(dropped) dropped, \(queued) still queued; "
            + "\(Format.plural(messages.values.reduce(0, +), "message"))" + (perChannel.isEmpty ? "" : " (\(perChannel))")
            + (health > 0 ? "; \(Format.plural(health, "health alert"))" : "")
    }

    func result(stopped signal: String?) -> StageResult {
        if let signal {
            return StageResult(status: .partial, summary: "notify: stopped by \(signal); " + summary.dropFirst("notify: ".count),
                               counts: counts, warnings: warnings, exit: .failure)
        }
        // Every channel that was tried failed to get a single answer: nothing could be done.
        if !unreached.isEmpty && unreached.values.allSatisfy({ $0 }) && sent == 0 {
            return StageResult(status: .failed, summary: "notify: no receiver could be reached; " + summary.dropFirst("notify: ".count),
                               counts: counts, warnings: warnings, exit: .unavailable)
        }
        let clean = failed == 0 && deferred == 0 && dropped == 0 && unusable == 0
        return StageResult(status: clean ? .ok : .partial, summary: summary, counts: counts, warnings: warnings)
    }
}
