import ATSCore
import Foundation

/// What each simulated receiver checks and answers, in the real API's shapes.
enum SimulatedReceiverAnswers {
    /// Telegram `sendMessage` with `parse_mode: HTML`: the tags Telegram knows, every `&` an
    /// entity, 1–4096 characters once parsed, a `chat_id`. Returns the answer and the visible text.
    static func telegram(_ body: Data, messageID: Int) -> (SimulatedAnswer, String) {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        let raw = object["text"] as? String ?? ""
        let chat = (object["chat_id"] as? String) ?? (object["chat_id"] as? NSNumber)?.stringValue ?? ""
        guard !chat.isEmpty else { return (telegramError(400, "Bad Request: chat not found"), raw) }
        var visible = raw
        if (object["parse_mode"] as? String)?.uppercased() == "HTML" {
            switch TelegramHTML.parse(raw) {
            case .success(let text): visible = text
            case .failure(let problem): return (telegramError(400, "Bad Request: can't parse entities: \(problem.description)"), raw)
            }
        }
        if visible.isEmpty { return (telegramError(400, "Bad Request: message text is empty"), visible) }
        if visible.utf16.count > 4096 { return (telegramError(400, "Bad Request: message is too long"), visible) }
        var text = ""
        SimulatedJSON.writeString(visible, into: &text)
        let answer = #"{"ok":true,"result":{"message_id":\#(messageID),"chat":{"id":\#(chat.hasPrefix("@") ? "-1001" : chat),"type":"supergroup"},"date":1795267845,"text":\#(text)}}"#
        return (.jsonText(answer, status: 200), visible)
    }

    /// Discord "Execute Webhook": `content` of at most 2000 characters; without
    /// `allowed_mentions` (or with `everyone` in its `parse`), `@everyone` and `@here` ping.
    static func discord(_ body: Data, wait: Bool, messageID: Int) -> (SimulatedAnswer, String, [String]) {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        let content = object["content"] as? String ?? ""
        if content.isEmpty {
            return (.jsonText(#"{"message": "Cannot send an empty message", "code": 50006}"#, status: 400), content, [])
        }
        if content.utf16.count > 2000 {
            return (.jsonText(#"{"message": "Invalid Form Body", "code": 50035, "errors": {"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}]}}}"#, status: 400), content, [])
        }
        let parse = ((object["allowed_mentions"] as? [String: Any])?["parse"] as? [String]) ?? ["everyone", "users", "roles"]
        let pinged = parse.contains("everyone") ? ["@everyone", "@here"].filter { mentioned($0, in: content) } : []
        if wait {
            var text = ""
            SimulatedJSON.writeString(content, into: &text)
            return (.jsonText(#"{"id":"\#(1_000_000 + messageID)","type":0,"content":\#(text)}"#, status: 200), content, pinged)
        }
        return (SimulatedAnswer(status: 204, body: Data()), content, pinged)
    }

    /// A mention Discord would parse: not escaped with a backslash.
    static func mentioned(_ mention: String, in content: String) -> Bool {
        var search = content.startIndex
        while let found = content.range(of: mention, range: search..<content.endIndex) {
            if found.lowerBound == content.startIndex || content[content.index(before: found.lowerBound)] != "\\" { return true }
            search = found.upperBound
        }
        return false
    }

    static func fault(_ fault: SimulatedReceiverFault, kind: SimulatedReceiverKind, secret: String) -> SimulatedAnswer {
        switch (fault, kind) {
        case (.serverError, _):
            return SimulatedAnswer(status: 500, contentType: "text/html", body: Data("<html><body><h1>500 Internal Server Error</h1></body></html>".utf8))
        case (.badRequest, .telegram): return telegramError(400, "Bad Request: chat not found")
        case (.badRequest, .discord): return .jsonText(#"{"message": "Unknown Webhook", "code": 10015}"#, status: 400)
        case (.badRequest, .webhook): return .jsonText(#"{"error":"bad request"}"#, status: 400)
        case (.rateLimited(let seconds), .telegram):
            var answer = SimulatedAnswer.jsonText(
                #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after \#(seconds)","parameters":{"retry_after":\#(seconds)}}"#, status: 429)
            answer.headers["Retry-After"] = String(seconds)
            return answer
        case (.rateLimited(let seconds), _):
            var answer = SimulatedAnswer.jsonText(
                #"{"message": "You are being rate limited.", "retry_after": \#(seconds).0, "global": false}"#, status: 429)
            answer.headers["Retry-After"] = String(seconds)
            return answer
        case (.echoSecret, .telegram): return telegramError(401, "Unauthorized: invalid token \(secret)")
        case (.latency, _):
            return .jsonText(#"{"ok":true}"#, status: 200)
        case (.echoSecret, _):
            var text = ""
            SimulatedJSON.writeString("Invalid Webhook Token \(secret)", into: &text)
            return .jsonText(#"{"message": \#(text), "code": 50027, "error": \#(text)}"#, status: 401)
        }
    }

    static func telegramError(_ code: Int, _ description: String) -> SimulatedAnswer {
        var text = ""
        SimulatedJSON.writeString(description, into: &text)
        return .jsonText(#"{"ok":false,"error_code":\#(code),"description":\#(text)}"#, status: code)
    }

    /// The text a reader would see of a refused message (for `/_sim/messages`).
    static func visibleText(_ kind: SimulatedReceiverKind, body: Data) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        return (object?[kind == .telegram ? "text" : "content"] as? String)
    }
}

/// Telegram's HTML parse mode, as strict as the Bot API: known tags only, balanced, and
/// `&` only as `&lt;` `&gt;` `&amp;` `&quot;` or a numeric entity.
enum TelegramHTML {
    /// What the Bot API says after "can't parse entities: ".
    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static let tags: Set<String> = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "span",
                                    "tg-spoiler", "tg-emoji", "blockquote"]

    static func parse(_ html: String) -> Result<String, Problem> {
        var visible = ""
        var open: [String] = []
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { return .failure(Problem("unclosed start tag at byte offset \(offset(html, index))")) }
                let inside = html[html.index(after: index)..<close]
                let closing = inside.hasPrefix("/")
                let name = String(inside.dropFirst(closing ? 1 : 0).prefix { !$0.isWhitespace }).lowercased()
                guard tags.contains(name) else { return .failure(Problem("Unsupported start tag \"\(name)\" at byte offset \(offset(html, index))")) }
                if closing {
                    guard open.last == name else { return .failure(Problem("Unexpected end tag at byte offset \(offset(html, index))")) }
                    open.removeLast()
                } else {
                    open.append(name)
                }
                index = html.index(after: close)
            } else if character == "&" {
                guard let end = html[index...].firstIndex(of: ";"), html.distance(from: index, to: end) <= 8 else {
                    return .failure(Problem("Character '&' is reserved and must be escaped with the preceding '\\\\' at byte offset \(offset(html, index))"))
                }
                let entity = String(html[html.index(after: index)..<end])
                switch entity {
                case "lt": visible += "<"
                case "gt": visible += ">"
                case "amp": visible += "&"
                case "quot": visible += "\""
                default:
                    guard entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) else {
                        return .failure(Problem("Unsupported HTML entity \"&\(entity);\" at byte offset \(offset(html, index))"))
                    }
                    visible.unicodeScalars.append(scalar)
                }
                index = html.index(after: end)
            } else if character == ">" {
                return .failure(Problem("Character '>' is reserved at byte offset \(offset(html, index))"))
            } else {
                visible.append(character)
                index = html.index(after: index)
            }
        }
        guard open.isEmpty else { return .failure(Problem("Can't find end tag corresponding to start tag \"\(open.last ?? "")\"")) }
        return .success(visible)
    }

    private static func offset(_ text: String, _ index: String.Index) -> Int { text.utf8.distance(from: text.utf8.startIndex, to: index) }
}
