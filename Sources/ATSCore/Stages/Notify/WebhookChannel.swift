import Crypto
import Foundation

/// A URL of the operator's own: one JSON body per event, POSTed, with a stable `id` a
/// receiver drops a repeat by (a run killed after the receiver answered but before the
/// answer was recorded sends that event again, with the same id). With `secret_env`, the
/// header `X-ATS-Signature: sha256=<hex>` is the HMAC-SHA256 of the exact body bytes
/// under that secret, so a receiver can tell the body came from this ats unaltered.
struct WebhookChannel: NotificationChannel {
    static let kind = "webhook"
    static let signatureHeader = "X-ATS-Signature"

    let url: URL
    let secret: String?

    static func isEnabled(_ config: ATSConfig.Notify) -> Bool { config.webhook.enabled }

    static func make(_ config: ATSConfig, variables: [String: String]) throws -> WebhookChannel {
        let settings = config.notify.webhook
        let text = try NotifyChannels.secret(settings.urlEnv, for: "webhook.url_env", channel: kind, in: variables)
        let secret = settings.secretEnv.isEmpty
            ? nil : try NotifyChannels.secret(settings.secretEnv, for: "webhook.secret_env", channel: kind, in: variables)
        return WebhookChannel(url: try NotifyChannels.url(text, channel: kind, variable: settings.urlEnv), secret: secret)
    }

    var pacing: ChannelPacing { ChannelPacing(eventsPerMessage: 1, secondsBetweenMessages: 0, messagesPerRun: 120) }
    /// The whole URL, its path, query and each longer path part (a receiver may echo any of them).
    var secrets: [String] {
        [url.absoluteString, url.path] + (url.query.map { [$0] } ?? []) + url.pathComponents.filter { $0.count >= 8 }
            + (secret.map { [$0] } ?? [])
    }

    func message(for events: [NotificationFacts], reportURL: String) -> (request: OutgoingMessage, count: Int) {
        guard let facts = events.first else {
            return (OutgoingMessage(url: url, headers: [:], body: Data("{}".utf8), endpoint: "webhook"), 0)
        }
        let numbers = facts.fields.map { name, value -> (String, JSONText.Value) in
            switch value {
            case .number(let number): return (name, .number(number))
            case .text(let text): return (name, .text(text))
            case .null: return (name, .null)
            }
        }
        let body = Data(JSONText.object([
            ("id", .text(facts.eventID)), ("kind", .text(facts.event.rawValue)), ("created_at", .text(facts.createdAt.iso8601)),
            (facts.event.rawValue, .object(numbers)),
            ("text", .text(([facts.title] + facts.lines).joined(separator: "\n"))),
            ("report_url", reportURL.isEmpty ? .null : .text(reportURL)),
        ]).utf8)
        var headers: [String: String] = [:]
        if let secret { headers[Self.signatureHeader] = Self.signature(body, secret: secret) }
        return (OutgoingMessage(url: url, headers: headers, body: body, endpoint: "webhook"), 1)
    }

    func verdict(_ response: HTTPResponse) -> DeliveryVerdict {
        DeliveryVerdict.from(response, detail: SourceClient.apiMessage(response.body),
                             retryAfter: SourceClient.retryAfter(response.headers["retry-after"]))
    }

    /// `sha256=` and the lowercase hex HMAC-SHA256 of `body` keyed by `secret`'s UTF-8 bytes.
    static func signature(_ body: Data, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }
}
