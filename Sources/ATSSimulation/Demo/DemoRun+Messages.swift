import ATSCore
import Foundation

extension DemoRun {
    /// What each simulated receiver accepted, in channel order.
    static func receivedMessages(_ market: SimulatedMarket) async -> [(channel: String, delivered: Int, texts: [String])] {
        var out: [(channel: String, delivered: Int, texts: [String])] = []
        for kind in [SimulatedReceiverKind.telegram, .discord, .webhook] {
            let delivered = await market.receivers.delivered(kind)
            out.append((kind.rawValue, delivered.count, delivered.map { Self.firstLine(of: $0, kind: kind) }))
        }
        return out
    }

    /// `notifications received: telegram 8 messages, …` and the first line of a few of them.
    static func messageLines(_ messages: [(channel: String, delivered: Int, texts: [String])]) -> [String] {
        guard !messages.isEmpty else { return [] }
        var out = ["  notifications received: " + messages.map { "\($0.channel) \(Format.plural($0.delivered, "message"))" }.joined(separator: ", ")]
        for channel in messages {
            // The first two (signals) and the last (the rewards), as their readers saw them.
            for text in channel.texts.prefix(2) { out.append("    \(channel.channel): \(text)") }
            if channel.texts.count > 3 { out.append("    \(channel.channel): … \(channel.texts.count - 3) more …") }
            if channel.texts.count > 2, let last = channel.texts.last { out.append("    \(channel.channel): \(last)") }
        }
        return out
    }

    /// A message's first line as its reader sees it (the webhook's: its event id and text).
    static func firstLine(of message: SimulatedMessage, kind: SimulatedReceiverKind) -> String {
        var text = message.text
        if kind == .webhook, let object = (try? JSONSerialization.jsonObject(with: Data(message.body.utf8))) as? [String: Any] {
            text = "\(object["id"] as? String ?? "?") \(object["text"] as? String ?? "")"
        }
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.replacingOccurrences(of: "\\", with: "").singleLine(limit: 100)
    }
}
