import Foundation
import Testing
@testable import ATSCore

/// What MEXC failing does to signals, the run's status and the exit code.
@Suite struct RewardFailureTests {
    @Test func anInvalidSymbolMakesItsSignalsUnavailableAndIsNotAskedTwice() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        let badEarly = try insertSignal(database, symbol: "BAD", at: at(seconds: 30))
        let badLate = try insertSignal(database, symbol: "BAD", at: at(minutes: 1500))
        let good = try insertSignal(database, at: at(seconds: 30))
        let market = KlineMarket(
            failures: ["BADUSDT": .response(try .fixture("mexc-error-invalid-symbol", status: 400))],
            ["ALPHAUSDT": RewardStageTests.path])
        let captured = ConsoleCapture()

        let outcome = await runReward(setup, market, now: at(minutes: 1600), console: captured.console(terminal: false))

        #expect(outcome.exit == .ok)
        #expect(outcome.status == .ok)
        #expect(market.klineQueries.filter { $0["symbol"] == "BADUSDT" }.count == 1)
        for id in [badEarly, badLate] {
            let row = try signal(database, id)
            #expect(row.rewardStatus == .unavailable)
            #expect(row.notes == "reward unavailable: MEXC rejects BADUSDT (HTTP 400 'Invalid symbol. (code -1121)')")
        }
        #expect(try signal(database, good).rewardStatus == .done)
        #expect(captured.stderr == ["warning: reward: MEXC rejects BADUSDT (HTTP 400 'Invalid symbol. (code -1121)'); 2 signals marked unavailable"])
    }

    @Test func aNetworkFailureLeavesItsSignalsPendingAndTheRunPartial() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        let beta = try insertSignal(database, symbol: "BETA", at: at(seconds: 30))
        let before = try signal(database, beta)
        let alpha = try insertSignal(database, at: at(seconds: 30))
        let market = KlineMarket(
            failures: ["BETAUSDT": .transport(.network("connection refused"))], ["ALPHAUSDT": RewardStageTests.path])
        let captured = ConsoleCapture()

        let outcome = await runReward(setup, market, now: at(minutes: 10), console: captured.console(terminal: false))

        #expect(outcome.exit == .ok)
        #expect(outcome.status == .partial)
        #expect(try signal(database, beta) == before)
        #expect(try signal(database, alpha).rewardStatus == .done)
        #expect(try lastRewardRun(database).run.status == .partial)
        #expect(captured.stderr == [
            "warning: reward: klines for BETAUSDT failed: mexc /api/v3/klines: network error: connection refused; 1 signal stays pending",
        ])
    }

    @Test func whenEveryRequestFailsTheRunExits69() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        try insertSignal(database, symbol: "ALPHA", at: at(seconds: 30))
        try insertSignal(database, symbol: "BETA", at: at(seconds: 30))
        let market = KlineMarket(failures: [
            "ALPHAUSDT": .response(.json("{}", status: 503)),
            "BETAUSDT": .transport(.timedOut(seconds: 5)),
        ], [:])

        let outcome = await runReward(setup, market, now: at(minutes: 10))

        #expect(outcome.exit == .unavailable)
        #expect(outcome.status == .failed)
        #expect(outcome.summary == "reward: MEXC could not be reached (2 klines requests failed); 2 signals stay pending")
        #expect(try allSignals(database).allSatisfy { $0.rewardStatus == .pending })
        #expect(try lastRewardRun(database).counts == ["due": 2, "done": 0, "pending": 2, "unavailable": 0, "requests": 2])
    }

    /// (answer, hours after the signal, status expected): only an invalid symbol is final
    /// at once; an answer that cannot be used ends at give_up_hours; a network-level
    /// failure never gives up, since MEXC keeps its candles.
    @Test(arguments: [
        (HTTPResponse.json("{\"msg\":\"Invalid symbol.\",\"code\":-1121}", status: 400), 1.0, RewardStatus.unavailable),
        (.json("{\"msg\":\"Illegal characters found in parameter.\",\"code\":700002}", status: 400), 1.0, .pending),
        (.json("{\"msg\":\"Illegal characters found in parameter.\",\"code\":700002}", status: 400), 25.0, .unavailable),
        (.json("{\"unexpected\":true}"), 1.0, .pending),
        (.json("{\"unexpected\":true}"), 25.0, .unavailable),
        (.json("{}", status: 500), 25.0, .pending),
        (.json("{}", status: 429), 25.0, .pending),
    ])
    func howLongAFailedAnswerIsRetried(answer: HTTPResponse, hours: Double, status: RewardStatus) async throws {
        let setup = try rewardSetup(giveUpHours: 24)
        let database = try setup.database()
        let id = try insertSignal(database, at: at(seconds: 30))
        let market = KlineMarket(failures: ["ALPHAUSDT": .response(answer)], [:])

        _ = await runReward(setup, market, now: at(seconds: 30).addingTimeInterval(hours * 3600))

        #expect(try signal(database, id).rewardStatus == status)
    }
}

@Suite struct RewardStopTests {
    @Test func aStopRequestFinishesTheSymbolsInHandAndLeavesTheRestPending() async throws {
        let setup = try rewardSetup()
        let database = try setup.database()
        let symbols = ["A1", "A2", "A3", "A4", "A5", "A6"]
        for symbol in symbols { try insertSignal(database, symbol: symbol, at: at(seconds: 30)) }
        let stop = StopRequest()
        let transport = StubTransport { _ in
            stop.request("SIGTERM")
            return .json("[" + RewardStageTests.path.map(\.json).joined(separator: ",") + "]")
        }
        var environment = setup.environment(transport, now: { at(minutes: 10) })
        environment.stop = stop

        let outcome = await RewardStage.run(config: setup.config, environment: environment)

        // How many symbols were already in hand when the stop came depends on scheduling
        // (1 up to `concurrentSymbols`); each of those is finished and stored, no other starts.
        let inHand = transport.requests.count
        #expect((1...RewardStage.concurrentSymbols).contains(inHand))
        #expect(outcome.exit == .failure)
        #expect(outcome.status == .partial)
        let requests = inHand == 1 ? "1 request" : "\(inHand) requests"
        // Each done signal is a BUY at 2.0 on the path: net 2.05/2 − 1 − 0.002 = 2.3 %.
        #expect(outcome.summary == "reward: stopped by SIGTERM; 6 due: \(inHand) done, \(6 - inHand) pending, 0 unavailable (\(requests)); "
            + "mean of \(inHand) done: net 2.3%, cost 0.2%, no baseline")
        let statuses = try allSignals(database).map(\.rewardStatus)
        #expect(statuses.filter { $0 == .done }.count == inHand)
        #expect(statuses.filter { $0 == .pending }.count == 6 - inHand)
    }
}
