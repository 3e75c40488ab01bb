import ATSCore
import FlyingFox
import Foundation

/// The three kinds of notification receiver `ats notify` talks to, served by the
/// simulated market: a Telegram Bot API (`/telegram/bot<token>/sendMessage`), a Discord
/// webhook (`/discord/api/webhooks/<id>/<token>`) and a plain webhook (`/webhook/...`).
/// Each checks what the real one checks (Telegram's HTML entities and 4096 characters,
/// Discord's 2000 characters and who a message would ping), answers in its shape, can be
/// switched to misbehave, and keeps what it received (`GET /_sim/messages`).
public enum SimulatedReceiverKind: String, Sendable, CaseIterable, Codable {
    case telegram, discord, webhook
}

/// A misbehaviour of a receiver, for its next N requests.
public enum SimulatedReceiverFault: Sendable, Equatable {
    /// HTTP 500 (a server error: retried next run).
    case serverError
    /// HTTP 400 in the receiver's shape (refused: never retried).
    case badRequest
    /// HTTP 429 with `Retry-After`, Telegram's `parameters.retry_after`, Discord's `retry_after`.
    case rateLimited(retryAfter: Int)
    /// HTTP 401 whose message echoes the secret part of the URL (the token) back.
    case echoSecret
    /// The normal answer, after a delay (to cut a run in the middle of a batch).
    case latency(milliseconds: Int)
}

/// One request a receiver got, and what it answered.
public struct SimulatedMessage: Sendable, Equatable {
    public var kind: SimulatedReceiverKind
    public var status: Int
    /// The message as a reader sees it: Telegram's `text`, Discord's `content`, the webhook's whole body.
    public var text: String
    public var body: String
    /// Lowercased header names.
    public var headers: [String: String]
    /// Who a Discord message would have pinged (`@everyone`, `@here`), by its `allowed_mentions`.
    public var pinged: [String]
}

public actor SimulatedReceivers {
    private var faults: [SimulatedReceiverKind: (fault: SimulatedReceiverFault, remaining: Int?)] = [:]
    private var received: [SimulatedMessage] = []
    private var nextMessageID = 1

    public init() {}

    public func setFault(_ fault: SimulatedReceiverFault, on kind: SimulatedReceiverKind, times: Int? = nil) {
        faults[kind] = (fault, times)
    }

    public func clearFaults() { faults.removeAll() }

    /// Every request received (accepted or not), in order.
    public func messages(_ kind: SimulatedReceiverKind? = nil) -> [SimulatedMessage] {
        received.filter { kind == nil || $0.kind == kind }
    }

    /// The messages accepted with a 2xx.
    public func delivered(_ kind: SimulatedReceiverKind) -> [SimulatedMessage] {
        received.filter { $0.kind == kind && (200..<300).contains($0.status) }
    }

    public func reset() { received.removeAll() }

    /// The receiver (or its control path) a request is for; nil: not a receiver path.
    static func kind(of path: String) -> SimulatedReceiverKind? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        switch parts.first {
        case "telegram": return parts.count == 3 && parts[1].hasPrefix("bot") && parts[2] == "sendMessage" ? .telegram : nil
        case "discord": return parts.count == 5 && parts[1...2] == ["api", "webhooks"] ? .discord : nil
        case "webhook": return parts.count >= 2 ? .webhook : nil
        default: return nil
        }
    }

    /// Answers a receiver request or `/_sim/messages`, `/_sim/receivers/faults`; nil for anything else.
    func handle(method: String, path: String, query: String, headers: [String: String], body: Data) async -> SimulatedAnswer? {
        switch (method, path) {
        case ("GET", "/_sim/messages"): return .json(messagesJSON())
        case ("DELETE", "/_sim/messages"):
            received.removeAll()
            return .jsonText(#"{"ok":true}"#, status: 200)
        case ("POST", "/_sim/receivers/faults"): return setFault(json: body)
        case ("DELETE", "/_sim/receivers/faults"):
            faults.removeAll()
            return .jsonText(#"{"ok":true}"#, status: 200)
        default: break
        }
        guard method == "POST", let kind = Self.kind(of: path) else { return nil }
        // The secret part of the path, as a receiver would echo it: the bot token, the webhook token.
        let last = path.split(separator: "/").last(where: { !$0.isEmpty && $0 != "sendMessage" }) ?? ""
        let secret = String(kind == .telegram ? last.dropFirst(3) : last)
        var answer: SimulatedAnswer
        var text = String(decoding: body, as: UTF8.self)
        var pinged: [String] = []
        var fault = takeFault(kind)
        if case .latency(let milliseconds)? = fault {
            try? await Task.sleep(for: .milliseconds(milliseconds))
            fault = nil
        }
        if let fault {
            answer = SimulatedReceiverAnswers.fault(fault, kind: kind, secret: secret)
            if kind != .webhook { text = SimulatedReceiverAnswers.visibleText(kind, body: body) ?? text }
        } else {
            switch kind {
            case .telegram:
                (answer, text) = SimulatedReceiverAnswers.telegram(body, messageID: nextMessageID)
            case .discord:
                (answer, text, pinged) = SimulatedReceiverAnswers.discord(body, wait: query.contains("wait=true"), messageID: nextMessageID)
            case .webhook:
                answer = (try? JSONSerialization.jsonObject(with: body)) == nil
                    ? .jsonText(#"{"error":"body is not JSON"}"#, status: 400) : .jsonText(#"{"ok":true}"#, status: 200)
            }
            if (200..<300).contains(answer.status) { nextMessageID += 1 }
        }
        received.append(SimulatedMessage(kind: kind, status: answer.status, text: text, body: String(decoding: body, as: UTF8.self),
                                         headers: headers, pinged: pinged))
        return answer
    }

    private func takeFault(_ kind: SimulatedReceiverKind) -> SimulatedReceiverFault? {
        guard let rule = faults[kind] else { return nil }
        if let remaining = rule.remaining {
            faults[kind] = remaining <= 1 ? nil : (rule.fault, remaining - 1)
        }
        return rule.fault
    }

    private func setFault(json body: Data) -> SimulatedAnswer {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        guard let kind = (object["channel"] as? String).flatMap(SimulatedReceiverKind.init(rawValue:)) else {
            return .jsonText(#"{"error":"expected {\"channel\": \"telegram|discord|webhook\", \"fault\": \"server_error|bad_request|rate_limited|echo_secret\", \"retry_after\": 3, \"times\": 1}"}"#, status: 400)
        }
        let fault: SimulatedReceiverFault
        switch object["fault"] as? String {
        case "server_error": fault = .serverError
        case "bad_request": fault = .badRequest
        case "rate_limited": fault = .rateLimited(retryAfter: (object["retry_after"] as? NSNumber)?.intValue ?? 3)
        case "echo_secret": fault = .echoSecret
        case "latency": fault = .latency(milliseconds: (object["milliseconds"] as? NSNumber)?.intValue ?? 100)
        default: return .jsonText(#"{"error":"fault must be server_error, bad_request, rate_limited or echo_secret"}"#, status: 400)
        }
        faults[kind] = (fault, (object["times"] as? NSNumber)?.intValue)
        return .jsonText(#"{"ok":true}"#, status: 200)
    }

    private func messagesJSON() -> SimulatedJSON {
        .object(SimulatedReceiverKind.allCases.map { kind in
            let all = received.filter { $0.kind == kind }
            return (kind.rawValue, .object([
                ("received", .int(all.count)),
                ("delivered", .int(all.filter { (200..<300).contains($0.status) }.count)),
                ("messages", .array(all.map { message in
                    .object([("status", .int(message.status)), ("text", .string(message.text)),
                             ("pinged", .array(message.pinged.map(SimulatedJSON.string)))])
                })),
            ]))
        })
    }
}
