import Foundation

/// A Discord channel webhook, "Execute Webhook" (https://discord.com/developers/docs/resources/webhook#execute-webhook):
/// `POST <webhook URL>` with `content` (at most 2000 characters) and
/// `allowed_mentions: {"parse": []}`, so no `@everyone`, `@here`, role or user in the
/// text pings anyone. Success is 204 (200 with `?wait=true`). A 429 carries
/// `retry_after` (seconds, fractional) in its JSON body and `Retry-After` in its headers
/// (discord.com/developers/docs/topics/rate-limits). Webhooks are limited to about 30
/// messages a minute: one every 2 s, at most 25 a run.
struct DiscordChannel: NotificationChannel {
    static let kind = "discord"
    static let contentLimit = 2000

    let url: URL

    static func isEnabled(_ config: ATSConfig.Notify) -> Bool { config.discord.enabled }

    static func make(_ config: ATSConfig, variables: [String: String]) throws -> DiscordChannel {
        let variable = config.notify.discord.urlEnv
        let text = try NotifyChannels.secret(variable, for: "discord.url_env", channel: kind, in: variables)
        return DiscordChannel(url: try NotifyChannels.url(text, channel: kind, variable: variable))
    }

    var pacing: ChannelPacing { ChannelPacing(eventsPerMessage: 10, secondsBetweenMessages: 2, messagesPerRun: 25) }
    var secrets: [String] { [url.absoluteString, url.path] + url.pathComponents.filter { $0.count >= 16 } }

    func message(for events: [NotificationFacts], reportURL: String) -> (request: OutgoingMessage, count: Int) {
        // `<url>` keeps Discord from unfurling a preview of the report.
        let link = reportURL.isEmpty ? "" : "\nreport: <\(reportURL)>"
        let packed = MessageLength.pack(events, maxEvents: pacing.eventsPerMessage, limit: Self.contentLimit,
                                        reserve: link.utf16.count) { Self.block($0, lineLimit: 300) }
        var content = packed.text
        let count = packed.count
        content = MessageLength.cut(content, toUTF16: Self.contentLimit - link.utf16.count) + link
        let body = JSONText.object([
            ("content", .text(content)),
            ("allowed_mentions", .raw(#"{"parse":[]}"#)),
        ])
        return (OutgoingMessage(url: url, headers: [:], body: Data(body.utf8), endpoint: "execute webhook"), max(count, 1))
    }

    func verdict(_ response: HTTPResponse) -> DeliveryVerdict {
        let object = (try? JSONSerialization.jsonObject(with: response.body.prefix(64 << 10))) as? [String: Any]
        let message = (object?["message"] as? String).map { "'\($0.singleLine(limit: 160))'" } ?? ""
        let retryAfter = ((object?["retry_after"] as? NSNumber)?.doubleValue).flatMap(SourceClient.cappedRetryAfter) ?? SourceClient.retryAfter(response.headers["retry-after"])
        return DeliveryVerdict.from(response, detail: message, retryAfter: retryAfter)
    }

    /// One event: its title in bold, its lines under it, markdown and mention syntax escaped.
    static func block(_ facts: NotificationFacts, lineLimit: Int) -> String {
        (["**" + escape(facts.title.singleLine(limit: lineLimit)) + "**"] + facts.lines.map { escape($0.singleLine(limit: lineLimit)) })
            .joined(separator: "\n")
    }

    /// Backslash before every character Discord's markdown or mentions give a meaning to,
    /// so text from an API shows as written (`allowed_mentions` already stops the pings).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\*_~`|>#[]<@".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
