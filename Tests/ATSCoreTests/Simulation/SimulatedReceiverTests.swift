import Foundation
import Testing
@testable import ATSCore
@testable import ATSSimulation

/// The simulated notification receivers are as strict as the real ones, so a test that
/// passes against them says something: Telegram refuses markup it does not know, Discord
/// pings when mentions are not switched off.
@Suite struct SimulatedReceiverTests {
    static func post(_ url: String, _ body: String) async throws -> ATSCore.HTTPResponse {
        try await LiveHTTPTransport().post(HTTPRequest(url: URL(string: url)!), body: Data(body.utf8), timeout: .seconds(2), maxBytes: 1 << 20)
    }

    @Test(arguments: [
        (#"{"chat_id":"-1","text":"<b>ok</b> &amp; fine","parse_mode":"HTML"}"#, 200, ""),
        (#"{"chat_id":"-1","text":"<b>@everyone</b> <x>","parse_mode":"HTML"}"#, 400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 17"),
        (#"{"chat_id":"-1","text":"fish & chips","parse_mode":"HTML"}"#, 400, "Bad Request: can't parse entities: Character '&' is reserved"),
        (#"{"chat_id":"-1","text":"<b>open","parse_mode":"HTML"}"#, 400, "Bad Request: can't parse entities: Can't find end tag"),
        (#"{"text":"hi"}"#, 400, "Bad Request: chat not found"),
    ])
    func telegramChecksItsHTMLAsTheBotAPIDoes(_ body: String, _ status: Int, _ description: String) async throws {
        let market = try await SimulatedMarket.start()
        let answer = try await Self.post(market.telegramBaseURL + "/bot1:a/sendMessage", body)
        #expect(answer.status == status)
        let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        #expect(object?["ok"] as? Bool == (status == 200))
        if status != 200 { #expect((object?["description"] as? String)?.hasPrefix(description) == true) }
        await market.stop()
    }

    @Test func telegramRefusesTextLongerThan4096() async throws {
        let market = try await SimulatedMarket.start()
        let answer = try await Self.post(market.telegramBaseURL + "/bot1:a/sendMessage", #"{"chat_id":"-1","text":""# + String(repeating: "a", count: 4097) + "\"}")
        #expect(answer.status == 400)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("message is too long"))
        await market.stop()
    }

    @Test func discordPingsEveryoneUnlessMentionsAreOffOrEscaped() async throws {
        let market = try await SimulatedMarket.start()
        _ = try await Self.post(market.discordWebhookURL, #"{"content":"hi @everyone"}"#)
        _ = try await Self.post(market.discordWebhookURL, #"{"content":"hi @everyone","allowed_mentions":{"parse":[]}}"#)
        _ = try await Self.post(market.discordWebhookURL, #"{"content":"hi \\@everyone"}"#)
        let long = try await Self.post(market.discordWebhookURL, #"{"content":""# + String(repeating: "a", count: 2001) + "\"}")
        #expect(long.status == 400)
        #expect(await market.receivers.messages(.discord).map(\.pinged) == [["@everyone"], [], [], []])
        await market.stop()
    }

    @Test func messagesAndFaultsAreThereOverHTTP() async throws {
        let market = try await SimulatedMarket.start()
        let set = try await Self.post(market.baseURL + "/_sim/receivers/faults", #"{"channel":"webhook","fault":"rate_limited","retry_after":9,"times":1}"#)
        #expect(set.status == 200)
        let limited = try await Self.post(market.webhookURL, #"{"id":"a"}"#)
        #expect(limited.status == 429 && limited.headers["retry-after"] == "9")
        #expect(try await Self.post(market.webhookURL, #"{"id":"a"}"#).status == 200)
        let listing = try await Sim.get(market.baseURL + "/_sim/messages")
        let object = try JSONSerialization.jsonObject(with: listing.body) as? [String: [String: Any]]
        #expect(object?["webhook"]?["received"] as? Int == 2)
        #expect(object?["webhook"]?["delivered"] as? Int == 1)
        #expect(object?["telegram"]?["received"] as? Int == 0)
        await market.stop()
    }
}
