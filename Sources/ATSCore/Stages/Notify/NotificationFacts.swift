import Foundation

/// What one queued event says, before a channel formats it: a title, a few lines, and
/// the numbers (for the webhook's JSON). Every string here is plain text; each channel
/// escapes all of it for its own format (token names are written by anyone).
struct NotificationFacts: Sendable {
    enum Value: Sendable, Equatable {
        case number(Double)
        case text(String)
        case null
    }

    var deliveryID: Int64
    var event: NotificationEvent
    var eventID: String
    var createdAt: Date
    var title: String
    var lines: [String]
    /// In the order the webhook body lists them.
    var fields: [(String, Value)]

    /// The facts of a queued delivery; nil when its signal is no longer stored (pruned).
    static func make(_ pending: PendingNotification, quoteAsset: String) -> NotificationFacts? {
        let delivery = pending.delivery
        guard let id = delivery.id else { return nil }
        var facts = NotificationFacts(deliveryID: id, event: delivery.event, eventID: delivery.eventId, createdAt: delivery.createdAt,
                                      title: "", lines: [], fields: [])
        switch delivery.event {
        case .signal:
            guard let signal = pending.signal else { return nil }
            facts.describeSignal(signal, quoteAsset: quoteAsset)
        case .reward:
            guard let signal = pending.signal else { return nil }
            facts.describeReward(signal)
        case .health:
            facts.describeHealth(stage: delivery.stage, detail: delivery.detail)
        }
        return facts
    }

    private mutating func describeSignal(_ signal: SignalRecord, quoteAsset: String) {
        title = "\(signal.signalType.rawValue) \(signal.pairSymbol) \(Format.percent(signal.spread))"
        lines = [
            "\(signal.cexSymbol)\(quoteAsset): DEX \(Format.price(signal.dexPrice, like: signal.cexPrice)) vs CEX mid "
                + "\(Format.price(signal.cexPrice, like: signal.dexPrice)) \(quoteAsset)"
                + (signal.cexBid != nil || signal.cexAsk != nil
                    ? " (bid \(Format.price(signal.cexBid, like: signal.cexPrice)), ask \(Format.price(signal.cexAsk, like: signal.cexPrice)))" : ""),
            "entry \(Format.price(signal.entry, like: signal.cexPrice)) for \(Format.number(signal.tradeSize, decimals: 0)) \(quoteAsset), "
                + "impact \(Format.percent(signal.impactPct, signed: false, decimals: 3))",
        ]
        if let verification = Self.verificationNotes(signal.notes) { lines.append(verification) }
        lines.append("at \(signal.timestamp.iso8601) on \(signal.chainId)")
        fields = [
            ("signal_id", .number(Double(signal.id ?? 0))), ("timestamp", .text(signal.timestamp.iso8601)),
            ("symbol", .text(signal.cexSymbol)), ("pair", .text(signal.pairSymbol)), ("chain", .text(signal.chainId)),
            ("pair_address", .text(signal.pairAddress)), ("side", .text(signal.signalType.rawValue)),
            ("spread_pct", .number(signal.spread)), ("dex_price", .number(signal.dexPrice)), ("cex_price", .number(signal.cexPrice)),
            ("cex_bid", Self.value(signal.cexBid)), ("cex_ask", Self.value(signal.cexAsk)), ("quote_rate", Self.value(signal.quoteRate)),
            ("trade_size", Self.value(signal.tradeSize)), ("entry_price", .number(signal.entry)), ("impact_pct", Self.value(signal.impactPct)),
            ("quote_asset", .text(quoteAsset)), ("notes", .text(signal.notes)),
        ]
    }

    private mutating func describeReward(_ signal: SignalRecord) {
        title = "reward \(signal.signalType.rawValue) \(signal.pairSymbol): net \(Format.percent(fraction: signal.rewardNet))"
        lines = [
            "close \(Format.percent(fraction: signal.rewardClose)), cost \(Format.percent(fraction: signal.rewardCost, signed: false)), "
                + "best \(Format.percent(fraction: signal.actualReward)), worst \(Format.percent(fraction: signal.rewardMae))",
            "random-entry baseline \(Format.percent(fraction: signal.rewardBaseline))",
            "signal at \(signal.timestamp.iso8601), spread \(Format.percent(signal.spread))",
        ]
        fields = [
            ("signal_id", .number(Double(signal.id ?? 0))), ("timestamp", .text(signal.timestamp.iso8601)),
            ("symbol", .text(signal.cexSymbol)), ("pair", .text(signal.pairSymbol)), ("side", .text(signal.signalType.rawValue)),
            ("spread_pct", .number(signal.spread)), ("entry_price", .number(signal.entry)),
            ("actual_reward", Self.value(signal.actualReward)), ("reward_mae", Self.value(signal.rewardMae)),
            ("reward_close", Self.value(signal.rewardClose)), ("reward_cost", Self.value(signal.rewardCost)),
            ("reward_net", Self.value(signal.rewardNet)), ("reward_baseline", Self.value(signal.rewardBaseline)),
        ]
    }

    private mutating func describeHealth(stage: Stage?, detail: String) {
        let object = (try? JSONSerialization.jsonObject(with: Data(detail.utf8))) as? [String: Any] ?? [:]
        let name = stage?.rawValue ?? "?"
        let down = (object["state"] as? String) == "down"
        let lastSuccess = object["last_success"] as? String
        let lastRun = object["last_run"] as? String ?? ""
        if down {
            title = "ats \(name): no successful run since \(lastSuccess ?? "it was installed")"
        } else {
            title = "ats \(name) recovered"
        }
        lines = lastRun.isEmpty ? [] : ["last run: \(lastRun)"]
        fields = [("stage", .text(name)), ("state", .text(down ? "down" : "recovered")),
                  ("last_success", lastSuccess.map { .text($0) } ?? .null), ("last_run", .text(lastRun))]
    }

    /// The parts of poll's notes a reader acts on: what verified the price, what could not,
    /// and an estimated volume (the rest, risk and volume figures, is in the report).
    static func verificationNotes(_ notes: String) -> String? {
        let parts = notes.components(separatedBy: "; ").filter { part in
            ["verified", "unverified", "estimated"].contains { part.hasPrefix($0) }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    private static func value(_ number: Double?) -> Value {
        guard let number, number.isFinite else { return .null }
        return .number(number)
    }
}

/// Cuts text to a channel's limit (in UTF-16 code units, as the APIs count), never inside a character.
enum MessageLength {
    /// As many of `events`' blocks (up to `maxEvents`, blank-line separated) as fit in
    /// `limit` UTF-16 units with `reserve` left over; always at least the first block.
    static func pack(_ events: [NotificationFacts], maxEvents: Int, limit: Int, reserve: Int,
                     block: (NotificationFacts) -> String) -> (text: String, count: Int) {
        var text = ""
        var count = 0
        for facts in events.prefix(maxEvents) {
            let next = block(facts)
            let candidate = text.isEmpty ? next : text + "\n\n" + next
            if count > 0 && candidate.utf16.count + reserve > limit { break }
            text = candidate
            count += 1
        }
        return (text, count)
    }

    static func cut(_ text: String, toUTF16 limit: Int, marker: String = "…") -> String {
        guard text.utf16.count > limit else { return text }
        var out = ""
        var used = marker.utf16.count
        for character in text {
            let size = String(character).utf16.count
            if used + size > limit { break }
            out.append(character)
            used += size
        }
        return out + marker
    }
}
