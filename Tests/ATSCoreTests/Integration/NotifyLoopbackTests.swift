import Foundation
import GRDB
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// `notify` end to end (issue 15): signals a real poll recorded, delivered over loopback to
/// the simulated market's Telegram bot API, Discord webhook and plain webhook.
@Suite struct NotifyLoopbackTests {
    static func deliveries(_ rig: LoopbackRig) throws -> [NotificationRecord] {
        try rig.database().reader.read { try NotificationRecord.order(Column("id")).fetchAll($0) }
    }

    static func eventIDs(_ messages: [SimulatedMessage]) -> [String] {
        messages.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any])?["id"] as? String }
    }

    @Test func signalsFromAPollReachEachChannelExactlyOnceAcrossTwoRuns() async throws {
        try await LoopbackRig.with(notify: true) { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            rig.expectClean(await rig.poll())
            let signals = try rig.signals()
            #expect(signals.count == 5)
            #expect(try Self.deliveries(rig).count == 15, "one queued delivery per signal per channel, written with the burst")
            rig.expectClean(await rig.notify())
            rig.expectClean(await rig.notify())

            let webhook = await rig.market.receivers.delivered(.webhook)
            #expect(Self.eventIDs(webhook) == signals.map { "ats-signal-\($0.id!)" }, "oldest first, each once")
            #expect(webhook.allSatisfy { $0.headers["x-ats-signature"] == WebhookChannel.signature(Data($0.body.utf8), secret: SimulatedMarket.webhookSecret) })
            let telegram = await rig.market.receivers.messages(.telegram)
            #expect(telegram.map(\.status) == [200], "five signals, one message")
            #expect(signals.allSatisfy { signal in telegram[0].text.contains(signal.pairSymbol) })
            let discord = await rig.market.receivers.messages(.discord)
            #expect(discord.map(\.status) == [204], "five signals, one message")
            #expect(signals.allSatisfy { signal in discord.contains { $0.text.contains("**\(signal.signalType.rawValue) \(signal.pairSymbol) ") } })
            #expect(try Self.deliveries(rig).allSatisfy { $0.status == .sent && $0.attempts == 1 && $0.sentAt != nil })
            #expect(try rig.lastRun(.notify).summary == "notify: 0 sent, 0 failed, 0 deferred, 0 dropped, 0 still queued; 0 messages")
        }
    }

    @Test func aReceiverAnswering500GetsTheDeliveryOnTheNextRun() async throws {
        try await LoopbackRig.with(notify: true, { $0.notify.telegram.enabled = false; $0.notify.discord.enabled = false }) { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            rig.expectClean(await rig.poll())
            await rig.market.setReceiverFault(.serverError, on: .webhook, times: 1)
            let first = await rig.notify()
            #expect(first.exit == .ok && first.status == .partial)
            #expect(rig.console.warnings == ["warning: notify webhook: HTTP 500; its queued deliveries wait for the next run"])
            #expect(try Self.deliveries(rig).map(\.status) == Array(repeating: .queued, count: 5), "the channel is not asked again this run")
            #expect(try Self.deliveries(rig).first?.note == "HTTP 500")
            rig.expectClean(await rig.notify())
            #expect(try Self.deliveries(rig).map(\.status) == Array(repeating: .sent, count: 5))
            #expect(Self.eventIDs(await rig.market.receivers.delivered(.webhook)).count == 5)
        }
    }

    @Test func a400IsFailedWithTheAnswerNotedAndNeverRetried() async throws {
        try await LoopbackRig.with(notify: true, { $0.notify.webhook.enabled = false; $0.notify.discord.enabled = false }) { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            rig.expectClean(await rig.poll())
            await rig.market.setReceiverFault(.badRequest, on: .telegram, times: 1)
            #expect(await rig.notify().status == .partial)
            #expect(try Self.deliveries(rig).map(\.status) == Array(repeating: .failed, count: 5), "one message held all five")
            #expect(try Self.deliveries(rig).first?.note == "HTTP 400 'Bad Request: chat not found'")
            #expect(await rig.notify().exit == .ok)
            #expect(await rig.market.receivers.messages(.telegram).count == 1, "not retried")
        }
    }

    @Test func a429WithRetryAfterIsLeftQueuedUntilThenNeverHammered() async throws {
        try await LoopbackRig.with(notify: true, { $0.notify.webhook.enabled = false; $0.notify.discord.enabled = false }) { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            rig.expectClean(await rig.poll())
            await rig.market.setReceiverFault(.rateLimited(retryAfter: 120), on: .telegram, times: 1)
            #expect(await rig.notify().status == .partial)
            let waiting = try Self.deliveries(rig)
            #expect(waiting.allSatisfy { $0.status == .queued && $0.notBefore == rig.clock.now().addingTimeInterval(120) })
            #expect(waiting.first?.note == "HTTP 429 'Too Many Requests: retry after 120', retry after 120s")
            rig.clock.advance(by: 60)
            rig.expectClean(await rig.notify())
            #expect(await rig.market.receivers.messages(.telegram).count == 1, "not asked before retry_after")
            rig.clock.advance(by: 61)
            rig.expectClean(await rig.notify())
            #expect(await rig.market.receivers.messages(.telegram).map(\.status) == [429, 200])
            #expect(try Self.deliveries(rig).allSatisfy { $0.status == .sent && $0.attempts == 2 })
        }
    }

    @Test func aTokenNamedEveryoneInMarkupArrivesEscapedAndPingsNobody() async throws {
        try await LoopbackRig.with(notify: true) { rig in
            let hostile = "<b>@everyone</b>"
            var signal = SignalRecord.pending(
                timestamp: rig.clock.now(), chainId: "solana", pairAddress: "P1", pairSymbol: "\(hostile)/USDC", cexSymbol: hostile,
                signalType: .buy, dexPrice: 1, cexPrice: 1.02, spread: 2, dataLatencyMs: 10, notes: "unverified: @here & <i>")
            signal.entryPrice = 1.021
            let observation = ObservationRecord(
                id: nil, runId: 1, burst: 1, observedAt: rig.clock.now(), cexSymbol: hostile, chainId: "solana", pairAddress: "P1",
                outcome: .signal, reason: "", dexPrice: 1, cexPrice: 1.02, spread: 2, dexLiquidityUsd: nil, dexVolume24hUsd: nil,
                cexVolume24hUsd: nil, verifierPrices: "{}", latencyMs: 10, signalId: nil)
            try rig.database().recordBurst([BurstRow(observation: observation, signal: signal)], routing: NotifyChannels.routing(rig.values.notify))
            rig.expectClean(await rig.notify())

            let telegram = try #require(await rig.market.receivers.delivered(.telegram).first)
            #expect(telegram.text.hasPrefix("BUY \(hostile)/USDC +2.00 %"), "Telegram parsed the HTML back to the token's own name")
            #expect(telegram.body.contains("&lt;b&gt;@everyone&lt;/b&gt;"))
            let discord = try #require(await rig.market.receivers.delivered(.discord).first)
            #expect(discord.pinged.isEmpty)
            #expect(discord.text.contains("\\<b\\>\\@everyone\\</b\\>"))
            #expect(discord.text.contains("\\@here"))
        }
    }

    @Test func aDeliveryStillUnsentADayAfterItsEventIsDroppedWithANote() async throws {
        try await LoopbackRig.with(notify: true, { $0.notify.telegram.enabled = false; $0.notify.discord.enabled = false; $0.notify.events = ["signal"] }) { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            rig.expectClean(await rig.poll())
            await rig.market.setReceiverFault(.serverError, on: .webhook)
            _ = await rig.notify()
            rig.clock.advance(by: 24 * 3600 + 1)
            let outcome = await rig.notify()
            #expect(outcome.status == .partial && outcome.exit == .ok)
            let rows = try Self.deliveries(rig)
            #expect(rows.map(\.status) == Array(repeating: .dropped, count: 5))
            #expect(rows.map(\.note) == ["not delivered within 24 h (last: HTTP 500)"] + Array(repeating: "not delivered within 24 h", count: 4))
            #expect(rig.console.warnings.contains("warning: notify: 5 deliveries dropped, unsent 24 h after their event"))
            #expect(await rig.market.receivers.messages(.webhook).count == 1, "a dropped delivery is not tried")
        }
    }

    @Test func enablingAChannelOnAnOldDatabaseSendsNothingFromBefore() async throws {
        try await LoopbackRig.with { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            rig.expectClean(await rig.poll())
            #expect(try rig.signals().count == 5)
            var config = rig.setup.config
            _ = rig.market.configureNotify(&config.values)
            var environment = rig.environment
            environment.variables = rig.market.notifyVariables(config.values.notify)
            #expect(await NotifyStage.run(config: config, environment: environment).exit == .ok)
            #expect(try Self.deliveries(rig).isEmpty)
            #expect(await rig.market.receivers.messages().isEmpty)
        }
    }

    @Test func aStageSilentPastHealthAfterMinutesIsOneAlertThenOneRecovery() async throws {
        try await LoopbackRig.with(notify: true, { $0.notify.telegram.enabled = false; $0.notify.discord.enabled = false }) { rig in
            try rig.fillWatchlist(rig.market.watchlistPairs)
            rig.expectClean(await rig.poll())
            rig.expectClean(await rig.notify())
            rig.clock.advance(by: 31 * 60)
            _ = await rig.notify()
            _ = await rig.notify()
            var health = try Self.deliveries(rig).filter { $0.event == .health }
            // scan, reward and report never ran: judged from the first run of any stage, as poll is.
            let down = Set(health.map { $0.stage })
            #expect(down == [.scan, .poll, .reward, .report])
            #expect(health.allSatisfy { $0.status == .sent })
            rig.expectClean(await rig.poll())
            _ = await rig.notify()
            health = try Self.deliveries(rig).filter { $0.event == .health }
            #expect(health.count == 5, "four alerts, one recovery (poll)")
            let recovery = try #require(health.last)
            #expect(recovery.stage == .poll && recovery.detail.contains("\"state\":\"recovered\""))
            let texts = await rig.market.receivers.delivered(.webhook).map(\.body).filter { $0.contains("\"kind\":\"health\"") }
            #expect(texts.count == 5)
        }
    }
}
