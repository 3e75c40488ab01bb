import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

extension Reliability {
    /// `ats notify` through the reliability suite: every bad answer a receiver can give,
    /// an unreachable receiver, SIGKILL in the middle of a batch, and secrets echoed back.
    /// (Overlap and storage faults cover notify through `Stage.allCases`.)
    @Suite struct NotifyReliabilityTests {
        struct BadAnswer: Sendable, CustomTestStringConvertible {
            var fault: SimulatedReceiverFault
            var kind: SimulatedReceiverKind
            var status: NotificationStatus
            var note: String
            var testDescription: String { "\(kind) \(fault) → \(status)" }
        }

        static let badAnswers: [BadAnswer] = [
            BadAnswer(fault: .serverError, kind: .webhook, status: .queued, note: "HTTP 500"),
            BadAnswer(fault: .serverError, kind: .telegram, status: .queued, note: "HTTP 500"),
            BadAnswer(fault: .serverError, kind: .discord, status: .queued, note: "HTTP 500"),
            BadAnswer(fault: .rateLimited(retryAfter: 5), kind: .webhook, status: .queued, note: "HTTP 429, retry after 5s"),
            BadAnswer(fault: .rateLimited(retryAfter: 5), kind: .telegram, status: .queued, note: "HTTP 429 'Too Many Requests: retry after 5', retry after 5s"),
            BadAnswer(fault: .rateLimited(retryAfter: 5), kind: .discord, status: .queued, note: "HTTP 429 'You are being rate limited.', retry after 5s"),
            BadAnswer(fault: .badRequest, kind: .webhook, status: .failed, note: "HTTP 400 'bad request'"),
            BadAnswer(fault: .badRequest, kind: .telegram, status: .failed, note: "HTTP 400 'Bad Request: chat not found'"),
            BadAnswer(fault: .badRequest, kind: .discord, status: .failed, note: "HTTP 400 'Unknown Webhook'"),
            BadAnswer(fault: .echoSecret, kind: .webhook, status: .failed, note: "HTTP 401 'Invalid Webhook Token [redacted]'"),
            BadAnswer(fault: .echoSecret, kind: .telegram, status: .failed, note: "HTTP 401 'Unauthorized: invalid token [redacted]'"),
            BadAnswer(fault: .echoSecret, kind: .discord, status: .failed, note: "HTTP 401 'Invalid Webhook Token [redacted]'"),
        ]

        @Test(arguments: badAnswers)
        func aBadAnswerKeepsOrFailsTheDeliveryAsProductMdSays(_ answer: BadAnswer) async throws {
            try await LoopbackRig.with(notify: true, { values in
                values.notify.webhook.enabled = answer.kind == .webhook
                values.notify.telegram.enabled = answer.kind == .telegram
                values.notify.discord.enabled = answer.kind == .discord
            }) { rig in
                try rig.fillWatchlist(rig.market.watchlistPairs)
                rig.expectClean(await rig.poll())
                await rig.market.setReceiverFault(answer.fault, on: answer.kind, times: 1)
                let outcome = await rig.notify()
                #expect(outcome.exit == .ok && outcome.status == .partial, "\(outcome.summary)")
                let tried = try NotifyLoopbackTests.deliveries(rig).filter { !$0.note.isEmpty }
                #expect(!tried.isEmpty && tried.allSatisfy { $0.status == answer.status && $0.note == answer.note && $0.attempts == 1 })
                #expect(rig.console.warnings.count == 1)
                if answer.status == .queued {
                    #expect(await rig.market.receivers.messages(answer.kind).count == 1, "the channel is not asked again this run")
                }
                rig.clock.advance(by: 10)
                rig.expectClean(await rig.notify())
                let triedIDs = Set(tried.compactMap(\.id))
                for row in try NotifyLoopbackTests.deliveries(rig) {
                    let expected: NotificationStatus = triedIDs.contains(row.id ?? 0) && answer.status == .failed ? .failed : .sent
                    #expect(row.status == expected, "\(row.eventId)")
                }
            }
        }

        @Test func anUnreachableReceiverExits69AndKeepsEverythingQueued() async throws {
            try await LoopbackRig.with(notify: true, { values in
                values.notify.telegram.enabled = false
                values.notify.discord.enabled = false
            }) { rig in
                try rig.fillWatchlist(rig.market.watchlistPairs)
                rig.expectClean(await rig.poll())
                var environment = rig.environment
                environment.variables["ATS_WEBHOOK_URL"] = "http://127.0.0.1:9/hook"
                let outcome = await NotifyStage.run(config: rig.setup.config, environment: environment)
                #expect(outcome.exit == .unavailable && outcome.status == .failed)
                let rows = try NotifyLoopbackTests.deliveries(rig)
                #expect(rows.allSatisfy { $0.status == .queued } && rows.map(\.attempts).reduce(0, +) == 1, "one try, then the channel waits")
                #expect(!rig.console.stderr.joined().contains("127.0.0.1:9"), "the URL is a secret")
            }
        }

        @Test func aMissingSecretIsOneWarningAndTheDeliveriesWait() async throws {
            try await LoopbackRig.with(notify: true, { $0.notify.discord.enabled = false; $0.notify.webhook.enabled = false }) { rig in
                try rig.fillWatchlist(rig.market.watchlistPairs)
                rig.expectClean(await rig.poll())
                var environment = rig.environment
                environment.variables = [:]
                let outcome = await NotifyStage.run(config: rig.setup.config, environment: environment)
                #expect(outcome.exit == .ok && outcome.status == .partial)
                #expect(rig.console.warnings == ["warning: notify telegram: the environment variable ATS_TELEGRAM_BOT_TOKEN (named by notify.telegram.bot_token_env) is not set; its deliveries stay queued"])
                #expect(try NotifyLoopbackTests.deliveries(rig).allSatisfy { $0.status == .queued && $0.attempts == 0 })
            }
        }

        /// Receivers that echo the token or URL back: it is in no output, row, report or metrics line.
        @Test func secretsNeverLeaveEvenWhenAReceiverEchoesThem() async throws {
            try await CLIRig.with(notify: true) { rig in
                try rig.fillWatchlist()
                try rig.insertDueSignals(run: -1, minutesAgo: 1, routing: NotifyChannels.routing(rig.values.notify))
                for kind in SimulatedReceiverKind.allCases { await rig.market.setReceiverFault(.echoSecret, on: kind, times: 1) }
                let notify = try await rig.ats("notify", ["-v"], rig.notifyLaunch)
                #expect(notify.status == 0, "\(notify.stderr)")
                _ = try await rig.ats("report")
                let status = try await rig.ats("status")
                let wal = URL(fileURLWithPath: rig.database.path + "-wal")
                let dump = try String(contentsOf: rig.database, encoding: .isoLatin1)
                    + ((try? String(contentsOf: wal, encoding: .isoLatin1)) ?? "")
                let texts = [notify.stdout, notify.stderr, status.stdout, try String(contentsOf: rig.report, encoding: .utf8),
                             try String(contentsOf: rig.metrics, encoding: .utf8), dump]
                let secrets = [SimulatedMarket.telegramToken, SimulatedMarket.discordWebhookToken, SimulatedMarket.webhookSecret,
                               "ats-7f3c9a", rig.market.discordWebhookURL, rig.market.webhookURL]
                for secret in secrets {
                    #expect(!texts.contains { $0.contains(secret) }, "\(secret) leaked")
                }
                #expect(notify.stderr.contains("[redacted]"))
                let echoes = await rig.market.receivers.messages()
                #expect(echoes.filter { $0.status == 401 }.count == 3, "each receiver echoed once")
            }
        }

        /// SIGKILL while a batch of webhook deliveries is being sent: every event arrives,
        /// and none recorded as sent before the kill arrives twice.
        @Test(arguments: [150, 400, 650])
        func aKillInTheMiddleOfABatchLosesNothingAndDuplicatesNothingRecordedAsSent(_ milliseconds: Int) async throws {
            try await CLIRig.with(notify: true, { values in
                values.notify.telegram.enabled = false
                values.notify.discord.enabled = false
            }) { rig in
                try rig.fillWatchlist()
                let queued = try rig.insertDueSignals(run: -1, minutesAgo: 1, routing: NotifyChannels.routing(rig.values.notify))
                #expect(queued >= 10)
                await rig.market.setReceiverFault(.latency(milliseconds: 60), on: .webhook)
                let child = try rig.start("notify", [], rig.notifyLaunch)
                try await Task.sleep(for: .milliseconds(milliseconds))
                child.send(SIGKILL)
                _ = try await child.finish()
                let sentBefore = try await rig.open().reader.read { db in
                    try String.fetchAll(db, sql: "SELECT event_id FROM notifications WHERE status = 'sent'")
                }
                #expect(sentBefore.count < queued, "killed in the middle")
                await rig.market.receivers.clearFaults()
                let next = try await rig.ats("notify", [], rig.notifyLaunch)
                #expect(next.status == 0, "\(next.stderr)")

                let received = NotifyLoopbackTests.eventIDs(await rig.market.receivers.delivered(.webhook))
                let counts = Dictionary(received.map { ($0, 1) }, uniquingKeysWith: +)
                #expect(counts.count == queued, "nothing lost")
                for id in sentBefore { #expect(counts[id] == 1, "\(id) was recorded sent and arrived again") }
                #expect(counts.values.filter { $0 > 1 }.count <= 1, "at most the one in flight when killed repeats")
                #expect(try rig.open().notificationCounts().queued == 0)
                #expect(try await DatabaseAudit.problems(rig.database) == [])
            }
        }
    }
}
