import ATSCore
import Foundation

extension SimulatedMarket {
    /// The secrets of the simulated receivers, as `ats notify` reads them from the
    /// environment (the variable names are the config's defaults).
    public static let telegramToken = "7700000001:AAsimulatedTelegramBotTokenXYZ"
    public static let discordWebhookToken = "simulatedDiscordWebhookTokenABCdef123"
    public static let webhookSecret = "simulated-webhook-signing-secret"
    public static let telegramChatID = "-1001234567890"

    public var telegramBaseURL: String { baseURL + "/telegram" }
    public var discordWebhookURL: String { baseURL + "/discord/api/webhooks/1180000000000000001/" + Self.discordWebhookToken }
    public var webhookURL: String { baseURL + "/webhook/ats-7f3c9a" }

    public var receivers: SimulatedReceivers { control.receivers }

    /// Enables all three channels in `config` (every event) pointed at this market's
    /// receivers, and returns the environment variables that hold their secrets.
    public func configureNotify(_ config: inout ATSConfig, events: [String] = ["signal", "reward", "health"]) -> [String: String] {
        config.notify.events = events
        config.notify.webhook.enabled = true
        config.notify.webhook.secretEnv = "ATS_WEBHOOK_SECRET"
        config.notify.telegram.enabled = true
        config.notify.telegram.baseURL = telegramBaseURL
        config.notify.telegram.chatID = Self.telegramChatID
        config.notify.discord.enabled = true
        return notifyVariables(config.notify)
    }

    /// The variables `notify` names, holding this market's receiver URLs and secrets.
    public func notifyVariables(_ notify: ATSConfig.Notify) -> [String: String] {
        var variables = [
            notify.webhook.urlEnv: webhookURL,
            notify.telegram.botTokenEnv: Self.telegramToken,
            notify.discord.urlEnv: discordWebhookURL,
        ]
        if !notify.webhook.secretEnv.isEmpty { variables[notify.webhook.secretEnv] = Self.webhookSecret }
        return variables
    }

    public func setReceiverFault(_ fault: SimulatedReceiverFault, on kind: SimulatedReceiverKind, times: Int? = nil) async {
        await control.receivers.setFault(fault, on: kind, times: times)
    }
}
