import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// What each channel puts on the wire for an event: escaping, limits, signatures, and
/// how it reads the receiver's answer.
@Suite struct NotifyMessageTests {
    static let hostile = "<b>@everyone</b> & \"x\""

    static func facts(_ id: Int64, title: String = "BUY ALPHA/USDC +2.31 %", lines: [String] = ["DEX 1 vs CEX mid 1.02 USDT"]) -> NotificationFacts {
        NotificationFacts(deliveryID: id, event: .signal, eventID: "ats-signal-\(id)", createdAt: Date(timeIntervalSince1970: 1_795_267_845),
                          title: title, lines: lines, fields: [("spread_pct", .number(2.31)), ("symbol", .text("ALPHA"))])
    }

    static func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    let telegram = TelegramChannel(url: URL(string: "https://api.telegram.org/bot123:abc/sendMessage")!, token: "123:abc", chatID: "-100")
    let discord = DiscordChannel(url: URL(string: "https://discord.com/api/webhooks/1/tokentokentokentoken")!)

    @Test func telegramEscapesEveryAPIStringAndTheBotAPIParsesItBackToTheText() throws {
        let message = telegram.message(for: [Self.facts(1, title: Self.hostile, lines: ["notes: a < b && c > d"])], reportURL: "https://r.example/?a=1&b=2")
        let body = try Self.json(message.request.body)
        let text = try #require(body["text"] as? String)
        #expect(body["parse_mode"] as? String == "HTML")
        #expect(text.hasPrefix("<b>&lt;b&gt;@everyone&lt;/b&gt; &amp; &quot;x&quot;</b>\nnotes: a &lt; b &amp;&amp; c &gt; d"))
        #expect(text.hasSuffix("<a href=\"https://r.example/?a=1&amp;b=2\">report</a>"))
        let visible = try TelegramHTML.parse(text).get()
        #expect(visible.hasPrefix("<b>@everyone</b> & \"x\"\nnotes: a < b && c > d"))
    }

    @Test func telegramBatchesEventsAndStaysWithin4096Characters() throws {
        let long = String(repeating: "<&>", count: 2000)
        let events = (1...20).map { Self.facts(Int64($0), lines: [long, long]) }
        let message = telegram.message(for: events, reportURL: "")
        let text = try #require(try Self.json(message.request.body)["text"] as? String)
        #expect(text.utf16.count <= 4096)
        #expect(message.count >= 1 && message.count < 20, "the length limit, not the event cap, ended the batch")
        #expect(try TelegramHTML.parse(text).get().utf16.count <= 4096)

        let short = telegram.message(for: (1...25).map { Self.facts(Int64($0)) }, reportURL: "")
        #expect(short.count == 20, "at most eventsPerMessage per message")
    }

    @Test func discordSendsNoMentionsEscapesMarkdownAndStaysWithin2000() throws {
        let message = discord.message(for: [Self.facts(1, title: Self.hostile, lines: [String(repeating: "*_", count: 3000)])], reportURL: "https://r.example")
        let body = try Self.json(message.request.body)
        let content = try #require(body["content"] as? String)
        let mentions = try #require(body["allowed_mentions"] as? [String: Any])
        #expect((mentions["parse"] as? [Any])?.isEmpty == true)
        #expect(content.hasPrefix("**\\<b\\>\\@everyone\\</b\\> & \"x\"**"))
        #expect(!SimulatedReceiverAnswers.mentioned("@everyone", in: content))
        #expect(content.utf16.count <= 2000)
        #expect(content.hasSuffix("\nreport: <https://r.example>"))
    }

    /// RFC 4231 test case 2 (key "Jefe"), HMAC-SHA-256.
    @Test func webhookSignatureIsHMACSHA256OfTheBody() {
        #expect(WebhookChannel.signature(Data("what do ya want for nothing?".utf8), secret: "Jefe")
            == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func webhookBodyCarriesTheStableIDTheNumbersAndTheLink() throws {
        let channel = WebhookChannel(url: URL(string: "https://hooks.example/x")!, secret: "k3y-secret")
        let message = channel.message(for: [Self.facts(7), Self.facts(8)], reportURL: "https://r.example")
        #expect(message.count == 1, "one event per POST")
        let body = try Self.json(message.request.body)
        #expect(body["id"] as? String == "ats-signal-7")
        #expect(body["kind"] as? String == "signal")
        #expect((body["signal"] as? [String: Any])?["spread_pct"] as? Double == 2.31)
        #expect(body["report_url"] as? String == "https://r.example")
        #expect(message.request.headers["X-ATS-Signature"] == WebhookChannel.signature(message.request.body, secret: "k3y-secret"))
    }

    @Test(arguments: [
        (429, #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}"#,
         DeliveryVerdict.retry(note: "HTTP 429 'Too Many Requests: retry after 7', retry after 7s", retryAfter: 7)),
        (400, #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#,
         DeliveryVerdict.failed(note: "HTTP 400 'Bad Request: chat not found'")),
        (502, "<html>bad gateway</html>", DeliveryVerdict.retry(note: "HTTP 502", retryAfter: nil)),
        (200, #"{"ok":true,"result":{}}"#, DeliveryVerdict.sent),
    ])
    func telegramReadsItsAnswer(_ status: Int, _ body: String, _ expected: DeliveryVerdict) {
        #expect(telegram.verdict(HTTPResponse(status: status, body: Data(body.utf8))) == expected)
    }

    @Test func discordReadsRetryAfterFromItsBody() {
        let answer = HTTPResponse(status: 429, headers: ["Retry-After": "2"], body: Data(#"{"message":"You are being rate limited.","retry_after":1.5,"global":false}"#.utf8))
        #expect(discord.verdict(answer) == .retry(note: "HTTP 429 'You are being rate limited.', retry after 2s", retryAfter: 1.5))
        #expect(discord.verdict(HTTPResponse(status: 204, body: Data())) == .sent)
    }

    @Test func aSecretEchoedBackIsRedactedInEveryForm() {
        let redact = SecretRedactor(["123:abc/def"])
        #expect(redact("bad token 123:abc/def, encoded 123%3Aabc%2Fdef, json 123:abc\\/def") == "bad token [redacted], encoded [redacted], json [redacted]")
    }
}
