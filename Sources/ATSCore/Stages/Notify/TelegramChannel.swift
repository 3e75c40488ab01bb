import Foundation

/// Telegram Bot API `sendMessage` (https://core.telegram.org/bots/api#sendmessage):
/// `POST {base_url}/bot<token>/sendMessage` with `chat_id`, `text` (1–4096 characters
/// after entities are parsed) and `parse_mode: "HTML"`, where only `<b>`, `<i>`, `<a>`,
/// `<code>`… are tags and `<`, `>`, `&` must be written `&lt;`, `&gt;`, `&amp;`. A 429
/// says how long to wait in `parameters.retry_after` (ResponseParameters) as well as
/// `Retry-After`. Pacing follows Telegram's FAQ: about one message a second per chat and
/// 20 a minute to a group, so one message every 3 s and at most 18 a run (a minute).
struct TelegramChannel: NotificationChannel {
    static let kind = "telegram"
    static let textLimit = 4096

    let url: URL
    let token: String
    let chatID: String

    static func isEnabled(_ config: ATSConfig.Notify) -> Bool { config.telegram.enabled }

    static func make(_ config: ATSConfig, variables: [String: String]) throws -> TelegramChannel {
        let settings = config.notify.telegram
        let token = try NotifyChannels.secret(settings.botTokenEnv, for: "telegram.bot_token_env", channel: kind, in: variables)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ":_-"))
        guard token.unicodeScalars.allSatisfy(allowed.contains) else {
            throw NotifyError.unusable(channel: kind, reason: "the variable \(settings.botTokenEnv) does not hold a bot token (letters, digits, ':', '_', '-')")
        }
        let base = settings.baseURL.hasSuffix("/") ? String(settings.baseURL.dropLast()) : settings.baseURL
        let url = try NotifyChannels.url(base + "/bot" + token + "/sendMessage", channel: kind, variable: settings.botTokenEnv)
        return TelegramChannel(url: url, token: token, chatID: settings.chatID)
    }

    var pacing: ChannelPacing { ChannelPacing(eventsPerMessage: 20, secondsBetweenMessages: 3, messagesPerRun: 18) }
    var secrets: [String] { [token, url.absoluteString] }

    func message(for events: [NotificationFacts], reportURL: String) -> (request: OutgoingMessage, count: Int) {
        let link = reportURL.isEmpty ? "" : "\n<a href=\"\(Self.escape(reportURL))\">report</a>"
        let packed = MessageLength.pack(events, maxEvents: pacing.eventsPerMessage, limit: Self.textLimit,
                                        reserve: link.utf16.count) { Self.block($0, lineLimit: 300) }
        var text = packed.text
        let count = packed.count
        if text.utf16.count + link.utf16.count > Self.textLimit, let first = events.first {
            // One hostile event alone: cut its plain text harder, then escape it (never cut inside an entity).
            text = Self.block(first, lineLimit: 60)
        }
        let body = JSONText.object([
            ("chat_id", .text(chatID)), ("text", .text(text + link)), ("parse_mode", .text("HTML")),
            ("disable_web_page_preview", .bool(true)),
        ])
        return (OutgoingMessage(url: url, headers: [:], body: Data(body.utf8), endpoint: "sendMessage"), max(count, 1))
    }

    func verdict(_ response: HTTPResponse) -> DeliveryVerdict {
        let object = (try? JSONSerialization.jsonObject(with: response.body.prefix(64 << 10))) as? [String: Any]
        let description = (object?["description"] as? String).map { "'\($0.singleLine(limit: 160))'" } ?? ""
        let parameters = object?["parameters"] as? [String: Any]
        let retryAfter = ((parameters?["retry_after"] as? NSNumber)?.doubleValue).flatMap(SourceClient.cappedRetryAfter) ?? SourceClient.retryAfter(response.headers["retry-after"])
        // Telegram answers 200 with `ok: false` for nothing we know of, but a 2xx without `ok: true` is not proof of delivery.
        if (200..<300).contains(response.status), object?["ok"] as? Bool != true {
            return .retry(note: "HTTP \(response.status) without ok: true", retryAfter: nil)
        }
        return DeliveryVerdict.from(response, detail: description, retryAfter: retryAfter)
    }

    /// One event: its title in bold, its lines under it, every character escaped.
    static func block(_ facts: NotificationFacts, lineLimit: Int) -> String {
        (["<b>" + escape(facts.title.singleLine(limit: lineLimit)) + "</b>"] + facts.lines.map { escape($0.singleLine(limit: lineLimit)) })
            .joined(separator: "\n")
    }

    /// Telegram's HTML parse mode: `<`, `>`, `&` (and `"` inside attributes) as entities.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
