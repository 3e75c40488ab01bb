import Foundation

/// One kind of receiver (`notify.<kind>` in the config). A new channel is one file
/// conforming to this and one line in `NotifyChannels.kinds`.
protocol NotificationChannel: Sendable {
    /// The config block's name and `notifications.channel`.
    static var kind: String { get }
    static func isEnabled(_ config: ATSConfig.Notify) -> Bool
    /// Reads its URL, token or secret from the environment (never from the file).
    static func make(_ config: ATSConfig, variables: [String: String]) throws -> Self

    var pacing: ChannelPacing { get }
    /// Every value that must never leave the process in text: URLs, tokens, keys.
    var secrets: [String] { get }
    /// One message for the first events of `events` (at least one, at most `pacing.eventsPerMessage`,
    /// fewer when the channel's length limit says so), and how many it holds.
    func message(for events: [NotificationFacts], reportURL: String) -> (request: OutgoingMessage, count: Int)
    /// What the answer means for the deliveries the message carried.
    func verdict(_ response: HTTPResponse) -> DeliveryVerdict
}

/// How a channel is paced inside one run (notify runs every minute).
struct ChannelPacing: Sendable {
    /// How many events one message may carry.
    var eventsPerMessage: Int
    /// The pause between two messages to the same receiver.
    var secondsBetweenMessages: Double
    /// The most messages one run sends (the rest wait for the next run, a minute later).
    var messagesPerRun: Int
}

struct OutgoingMessage: Sendable {
    var url: URL
    var headers: [String: String]
    var body: Data
    /// For `source_requests` and warnings: names the API, never the URL (it may be a secret).
    var endpoint: String
}

enum DeliveryVerdict: Equatable, Sendable {
    case sent
    /// Network error, 429 or 5xx: stays queued; `retryAfter` seconds when the receiver said.
    case retry(note: String, retryAfter: Double?)
    /// Any other answer: never retried.
    case failed(note: String)
}

extension DeliveryVerdict {
    /// The shared reading of a status code; channels add what their API says in the body.
    static func from(_ response: HTTPResponse, detail: String, retryAfter: Double?) -> DeliveryVerdict {
        let note = "HTTP \(response.status)" + (detail.isEmpty ? "" : " \(detail)")
        switch response.status {
        case 200..<300: return .sent
        case 429: return .retry(note: note + (retryAfter.map { ", retry after \(Format.shortest($0.rounded(.up)))s" } ?? ""), retryAfter: retryAfter)
        case 500..<600: return .retry(note: note, retryAfter: retryAfter)
        default: return .failed(note: note)
        }
    }
}

/// The channels `ats notify` knows, and which of them an event is queued for.
public enum NotifyChannels {
    static let kinds: [any NotificationChannel.Type] = [WebhookChannel.self, TelegramChannel.self, DiscordChannel.self]

    /// The enabled channels for each event kind listed in `notify.events`.
    public static func routing(_ config: ATSConfig.Notify) -> NotificationRouting {
        let enabled = kinds.filter { $0.isEnabled(config) }.map { $0.kind }
        var channels: [NotificationEvent: [String]] = [:]
        for name in config.events {
            if let event = NotificationEvent(rawValue: name), !enabled.isEmpty { channels[event] = enabled }
        }
        return NotificationRouting(channels: channels)
    }

    /// The enabled channels, made from the environment; a channel whose secret is missing
    /// is an error for that channel alone (its deliveries wait, the others go out).
    static func enabled(_ config: ATSConfig, variables: [String: String]) -> [(kind: String, channel: Result<any NotificationChannel, NotifyError>)] {
        kinds.filter { $0.isEnabled(config.notify) }.map { kind in
            do {
                return (kind.kind, .success(try kind.make(config, variables: variables)))
            } catch let error as NotifyError {
                return (kind.kind, .failure(error))
            } catch {
                return (kind.kind, .failure(.unusable(channel: kind.kind, reason: String(describing: error).singleLine(limit: 120))))
            }
        }
    }

    /// What each enabled channel makes of a receiver's answer (its own `verdict`), by
    /// kind; a channel that cannot be made says why. The fuzzer's way in (ATSFuzzing),
    /// which does not see the channel types.
    package static func verdictNotes(_ config: ATSConfig, variables: [String: String], response: HTTPResponse) -> [String: String] {
        Dictionary(enabled(config, variables: variables).map { kind, channel in
            switch channel {
            case .success(let channel): (kind, String(describing: channel.verdict(response)))
            case .failure(let error): (kind, error.description)
            }
        }, uniquingKeysWith: { first, _ in first })
    }

    /// A secret from the variable `name`, or the error that names the variable (never its value).
    static func secret(_ name: String, for key: String, channel: String, in variables: [String: String]) throws -> String {
        guard let value = variables[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw NotifyError.missingSecret(channel: channel, variable: name, key: key)
        }
        return value
    }

    static func url(_ text: String, channel: String, variable: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              url.host?.isEmpty == false else {
            throw NotifyError.unusable(channel: channel, reason: "the variable \(variable) does not hold an http(s) URL")
        }
        return url
    }
}

public enum NotifyError: OperatorFacingError, Equatable {
    case missingSecret(channel: String, variable: String, key: String)
    case unusable(channel: String, reason: String)

    public var exitStatus: ExitStatus { .config }
    public var description: String {
        switch self {
        case .missingSecret(let channel, let variable, let key):
            return "notify \(channel): the environment variable \(variable) (named by notify.\(key)) is not set; its deliveries stay queued"
        case .unusable(let channel, let reason):
            return "notify \(channel): \(reason); its deliveries stay queued"
        }
    }
}

/// Text that leaves the process (notes, warnings, rows) with every secret blanked out,
/// also when a receiver echoes a token or URL back in its answer.
struct SecretRedactor: Sendable {
    let secrets: [String]

    /// Each secret as given, percent-encoded, and JSON-escaped: the ways an echo comes back.
    init(_ secrets: [String]) {
        var forms = Set<String>()
        for secret in secrets where secret.count >= 4 {
            forms.insert(secret)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.insert(encoded) }
            forms.insert(secret.replacingOccurrences(of: "/", with: "\\/"))
        }
        self.secrets = Array(forms)
    }

    func callAsFunction(_ text: String) -> String {
        secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
            .reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
