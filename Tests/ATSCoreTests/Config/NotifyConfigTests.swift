import Foundation
import Testing
@testable import ATSCore

/// The `notify:` keys and `report.public_url` (product.md's config).
@Suite struct NotifyConfigTests {
    func load(_ yaml: String) throws -> ATSConfig {
        let directory = try TemporaryDirectory()
        let file = directory.file("ats.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(file: file).values
    }

    func problem(_ yaml: String) throws -> String? {
        let directory = try TemporaryDirectory()
        let file = directory.file("ats.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigError.self) { _ = try ConfigLoader.load(file: file) }
        return error?.description.replacingOccurrences(of: file.path + ":", with: "")
    }

    @Test func theDefaultFileHasEveryNotifyKeyWithProductMdsDefault() {
        let text = DefaultConfigFile.render()
        for line in ["  public_url: \"\"", "notify:", "  events: [signal]", "  health_after_minutes: 30", "    url_env: ATS_WEBHOOK_URL",
                     "    secret_env: \"\"", "    base_url: https://api.telegram.org", "    bot_token_env: ATS_TELEGRAM_BOT_TOKEN",
                     "    chat_id: \"\"", "    url_env: ATS_DISCORD_WEBHOOK_URL"] {
            #expect(text.contains("\n" + line + "\n"), "\(line)")
        }
        #expect(text.components(separatedBy: "\n    enabled: false\n").count - 1 >= 4, "webhook, telegram, discord (and binance) off")
    }

    @Test func aChatIDThatLooksLikeANumberRoundTripsAsText() throws {
        var values = ATSConfig()
        values.notify.telegram.enabled = true
        values.notify.telegram.chatID = "-1001234567890"
        #expect(try load(DefaultConfigFile.render(values)).notify.telegram.chatID == "-1001234567890")
    }

    @Test(arguments: [
        ("notify:\n  events: [signal, trades]\n", "2: notify.events must list only signal, reward, health (got 'trades')"),
        ("notify:\n  telegram:\n    enabled: true\n", "3: notify.telegram.chat_id must be set when notify.telegram.enabled is true"),
        ("report:\n  public_url: ftp://x.example\n", "2: report.public_url must be empty or an http(s) URL (got 'ftp://x.example')"),
    ])
    func badNotifyValuesAreOneLine(_ yaml: String, _ message: String) throws {
        #expect(try problem(yaml) == message)
    }

    @Test func theRoutingQueuesListedEventsForEnabledChannelsOnly() {
        var notify = ATSConfig.Notify()
        #expect(NotifyChannels.routing(notify) == .none, "nothing enabled: nothing queued")
        notify.telegram.enabled = true
        notify.discord.enabled = true
        notify.events = ["signal", "health"]
        let routing = NotifyChannels.routing(notify)
        #expect(routing.channels(for: .signal) == ["telegram", "discord"])
        #expect(routing.channels(for: .reward).isEmpty)
        #expect(routing.channels(for: .health) == ["telegram", "discord"])
    }
}
