import FlyingFox
import ATSCore
import Foundation

/// Turns FlyingFox requests into router calls, applies fault switches, and serves
/// the control path `/_sim/...` (faults over HTTP, request counts, the pair list).
struct SimulatedHTTPHandler: HTTPHandler {
    let router: SimulatedRouter
    let control: SimulationControl
    let limits: SimulatedLimitKeeper
    let now: Now
    let largeBodyBytes: ByteCounter

    func handleRequest(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse {
        let path = request.path
        let endpoint = request.method == .GET ? SimulatedRouter.endpoint(for: path) : nil
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        let fault = await control.admit(SimulatedRequest(
            endpoint: endpoint, method: request.method.rawValue, path: path, query: request.target.query(percentEncoded: true),
            headers: headers))
        if let answer = await control.receivers.handle(
            method: request.method.rawValue, path: path, query: request.target.query(percentEncoded: true), headers: headers,
            body: (try? await request.bodyData) ?? Data()) {
            return Self.wire(answer)
        }
        if path == "/_sim" || path.hasPrefix("/_sim/") {
            return Self.wire(await controlAnswer(request))
        }
        guard let endpoint else {
            return Self.wire(.jsonText(#"{"error":"Not Found"}"#, status: 404))
        }
        var query: [String: String] = [:]
        for item in request.query where query[item.name] == nil { query[item.name] = item.value }
        if let refusal = await limits.admit(SimulatedLimits.rule(endpoint, query: query, headers: headers)) {
            var answer = refusal.status == 429
                ? SimulatedAnswer.jsonText(SimulatedRouter.rateLimitBody(endpoint.source), status: 429)
                : SimulatedAnswer.jsonText(SimulatedRouter.clientErrorBody(endpoint.source, status: refusal.status, message: nil), status: refusal.status)
            answer.headers["Retry-After"] = String(refusal.retryAfter)
            return Self.wire(answer)
        }
        if case .hang = fault {
            // Held until the market stops (stopping cancels this task).
            while true { try await Task.sleep(for: .seconds(3_600)) }
        }
        if case .latency(let milliseconds) = fault {
            try await Task.sleep(for: .milliseconds(milliseconds))
        }
        if case .huge(let bytes) = fault {
            var headers = HTTPHeaders()
            headers[.contentType] = "application/json"
            return FlyingFox.HTTPResponse(
                statusCode: .ok, headers: headers,
                body: HTTPBodySequence(from: GeneratedBody(count: bytes, counter: largeBodyBytes), suggestedBufferSize: 65_536))
        }
        let normal = router.answer(endpoint, path: path, query: query, now: now())
        let answer = fault.flatMap { SimulatedRouter.apply($0, to: normal, source: endpoint.source) } ?? normal
        return Self.wire(answer)
    }

    static func wire(_ answer: SimulatedAnswer) -> FlyingFox.HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = answer.contentType
        for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
        return FlyingFox.HTTPResponse(
            statusCode: HTTPStatusCode(answer.status, phrase: SimulatedRouter.reason(answer.status)), headers: headers, body: answer.body)
    }

    // MARK: Control path

    private func controlAnswer(_ request: FlyingFox.HTTPRequest) async -> SimulatedAnswer {
        switch (request.method, request.path) {
        case (.POST, "/_sim/faults"):
            do {
                let body = try await request.bodyData
                let command = try JSONDecoder().decode(FaultCommand.self, from: body)
                let (fault, endpoints, times) = try command.resolve()
                await control.setFault(fault, on: endpoints, times: times)
                return .jsonText(#"{"ok":true}"#, status: 200)
            } catch let error as FaultCommand.Invalid {
                return .json(.object([("error", .string(error.description))]), status: 400)
            } catch {
                return .json(.object([("error", .string(#"expected {"endpoint": "...", "fault": "...", ...}"#))]), status: 400)
            }
        case (.DELETE, "/_sim/faults"), (.POST, "/_sim/faults/clear"):
            await control.clearFaults()
            return .jsonText(#"{"ok":true}"#, status: 200)
        case (.GET, "/_sim/requests"):
            let counts = await control.requestCounts()
            let log = await control.requestLog()
            return .json(.object([
                ("total", .int(counts.values.reduce(0, +))),
                ("counts", .object(SimulatedEndpoint.allCases.map { ($0.rawValue, .int(counts[$0, default: 0])) })),
                ("log", .array(log.map { .string($0.method + " " + $0.path + ($0.query.isEmpty ? "" : "?" + $0.query)) })),
            ]))
        case (.DELETE, "/_sim/requests"), (.POST, "/_sim/requests/clear"):
            await control.resetRequests()
            return .jsonText(#"{"ok":true}"#, status: 200)
        case (.GET, "/_sim/budget"):
            return .json(.array(await limits.use().map(Self.budgetJSON)))
        case (.DELETE, "/_sim/budget"), (.POST, "/_sim/budget/clear"):
            await limits.reset()
            return .jsonText(#"{"ok":true}"#, status: 200)
        case (.GET, "/_sim/pairs"):
            return .json(.array(router.model.pairs.map(Self.pairJSON)))
        default:
            return .json(.object([("error", .string(
                "control paths: POST /_sim/faults, DELETE /_sim/faults, GET /_sim/requests, DELETE /_sim/requests, GET /_sim/budget, DELETE /_sim/budget, GET /_sim/pairs"))]), status: 404)
        }
    }

    static func budgetJSON(_ use: SimulatedBucketUse) -> SimulatedJSON {
        .object([
            ("source", .string(use.source)), ("bucket", .string(use.bucket)), ("limit", .number(Format.shortest(use.limit))),
            ("window_seconds", .number(Format.shortest(use.windowSeconds))), ("requests", .int(use.requests)),
            ("weight", .number(Format.shortest(use.weight))), ("max_window_weight", .number(Format.shortest(use.maxWindowWeight))),
            ("refused", .int(use.refused)),
        ])
    }

    static func pairJSON(_ pair: SimulatedPair) -> SimulatedJSON {
        .object([
            ("scenario", .string(pair.scenario.rawValue)), ("chain_id", .string(pair.chainID)), ("dex_id", .string(pair.dexID)),
            ("pair_address", .string(pair.pairAddress)), ("base_address", .string(pair.baseAddress)),
            ("base_symbol", .string(pair.baseSymbol)), ("quote_symbol", .string(pair.quoteSymbol)),
            ("quote_address", .string(pair.quoteAddress)),
            ("coingecko_id", pair.coingeckoID.map(SimulatedJSON.string) ?? .null),
            ("mexc_symbol", pair.mexcSymbol.map(SimulatedJSON.string) ?? .null),
            ("watchlist", .bool(pair.isWatchlistPair)),
        ])
    }
}
