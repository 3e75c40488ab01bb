import Foundation

/// How one source is asked: deadline, retries, size cap.
public struct RequestPolicy: Sendable {
    public var timeout: Double
    public var retries: Int
    public var maxBytes: Int
    /// First backoff; doubles per attempt (with jitter).
    public var backoffBase: Double
    /// A `Retry-After` longer than this is not waited out: the run fails this source instead.
    public var maxRetryAfter: Double
    /// The deadline of the two big lists (exchangeInfo, CoinGecko's coin list).
    public var downloadTimeout: Double

    public init(timeout: Double, retries: Int, maxBytes: Int = 8 << 20, backoffBase: Double = 0.5, maxRetryAfter: Double = 30,
                downloadTimeout: Double? = nil) {
        self.timeout = timeout
        self.downloadTimeout = downloadTimeout ?? max(timeout, 60)
        self.retries = retries
        self.maxBytes = maxBytes
        self.backoffBase = backoffBase
        self.maxRetryAfter = maxRetryAfter
    }
}

/// A market API as the stages see it: GET a path, get decoded JSON or a `SourceError`.
/// Retries with backoff only for network errors, 429 and 5xx, honouring `Retry-After`;
/// never for other 4xx answers. Every attempt is recorded. Before each attempt the shared
/// budget is asked (a pause in force, the month's credits, room in the window); a 429 or
/// 418 that says how long to stay away pauses the source for every process.
public struct SourceClient: Sendable {
    public let source: String
    public let baseURL: String
    let transport: any HTTPTransport
    let policy: RequestPolicy
    let budget: any RequestBudget
    let limit: BudgetLimit
    let monthlyCredits: Int
    /// How long a request may wait for budget when its step set no `BudgetDeadline`.
    let budgetDeadline: Date?
    let recorder: RequestRecorder
    let headers: [String: String]
    let now: Now
    let sleep: @Sendable (Double) async throws -> Void
    /// The real clock budgets and pauses are counted on (the APIs count real time, even
    /// when a test or `--as-of` moves the stages' clock).
    let budgetNow: Now

    /// A 418 without `Retry-After` pauses the source this long (product.md).
    public static let defaultBanSeconds = 120.0

    public init(
        source: String, baseURL: String, transport: any HTTPTransport, policy: RequestPolicy,
        budget: any RequestBudget = LocalBudget(), limit: BudgetLimit? = nil, monthlyCredits: Int = 0, budgetDeadline: Date? = nil,
        recorder: RequestRecorder, headers: [String: String] = [:],
        now: @escaping Now = Clocks.system,
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .cappedSeconds($0)) },
        budgetNow: @escaping Now = Clocks.system
    ) {
        self.source = source
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.transport = transport
        self.policy = policy
        self.budget = budget
        self.limit = limit ?? SourcePacing.limit(for: source)
        self.monthlyCredits = monthlyCredits
        self.budgetDeadline = budgetDeadline
        self.budgetNow = budgetNow
        self.recorder = recorder
        self.headers = headers
        self.now = now
        self.sleep = sleep
    }

    /// The answer of a successful (2xx) GET and how long the last attempt took.
    public struct Reply: Sendable {
        public var response: HTTPResponse
        public var latencyMs: Int
    }

    /// GETs `path` (already percent-encoded where needed). `endpoint` is a short
    /// stable name for statistics (`search`, `pairs`, `tickers`...).
    /// `download`: one of the two big lists, under `download_timeout_seconds`.
    public func get(_ path: String, query: [(String, String)] = [], endpoint: String, weight: Double = 1, maxBytes: Int? = nil,
                    download: Bool = false) async throws -> Reply {
        let url = try makeURL(path, query: query)
        var attempt = 0
        var ownPause: Date?
        while true {
            attempt += 1
            let grant = try await admit(path: path, weight: weight, attempts: attempt, ignoringPauseThrough: ownPause,
                                        inFlight: (download ? policy.downloadTimeout : policy.timeout) + 1)
            let started = now()
            let clock = ContinuousClock.now
            let token = await recorder.begin("\(source) \(SourceError.shorten(path))")
            var failure: SourceError.Kind
            var retryAfter: Double?
            var statusCode: Int?
            // Answered (or failed): the grant is dated now, the latest it reached the API.
            let settle = { try? budget.settle(grant.ask, reservedAt: grant.at, answeredAt: budgetNow()) }
            do {
                let response = try await transport.get(
                    HTTPRequest(url: url, headers: headers), timeout: .cappedSeconds(download ? policy.downloadTimeout : policy.timeout),
                    maxBytes: maxBytes ?? policy.maxBytes)
                settle()
                statusCode = response.status
                let latency = Self.milliseconds(since: clock)
                switch response.status {
                case 200..<300:
                    await recorder.end(token, source: source, endpoint: endpoint, at: started, latencyMs: latency, statusCode: response.status, error: nil)
                    return Reply(response: response, latencyMs: latency)
                case 429, 418:
                    retryAfter = Self.retryAfter(response.headers["retry-after"])
                    failure = .rateLimited(status: response.status, retryAfter: retryAfter)
                    ownPause = try recordPause(status: response.status, retryAfter: retryAfter)
                case 500..<600:
                    failure = .serverError(status: response.status)
                default:
                    failure = .rejected(status: response.status, detail: Self.apiMessage(response.body, redacting: redacted))
                }
            } catch let error as TransportError {
                settle()
                failure = .transport(error)
            } catch is CancellationError {
                settle()
                await recorder.end(token, source: source, endpoint: endpoint, at: started, latencyMs: Self.milliseconds(since: clock), statusCode: nil, error: "cancelled")
                throw CancellationError()
            } catch {
                settle()
                failure = .transport(.network(redacted(String(describing: error)).singleLine(limit: 160)))
            }
            let error = SourceError(source: source, path: path, kind: failure, attempts: attempt)
            await recorder.end(token, source: source, endpoint: endpoint, at: started, latencyMs: Self.milliseconds(since: clock), statusCode: statusCode, error: error.reason)
            guard error.isRetryable, attempt <= policy.retries else { throw error }
            if let retryAfter, retryAfter > policy.maxRetryAfter { throw error }
            let backoff = policy.backoffBase * pow(2, Double(attempt - 1)) * Double.random(in: 0.8...1.2)
            try await sleep(max(retryAfter ?? 0, backoff))
        }
    }

    /// GET and decode JSON, refusing HTML pages and empty bodies with a clear reason.
    public func getJSON<T: Decodable>(_ type: T.Type, _ path: String, query: [(String, String)] = [], endpoint: String, weight: Double = 1,
                                      maxBytes: Int? = nil, download: Bool = false) async throws -> (value: T, latencyMs: Int) {
        let reply = try await get(path, query: query, endpoint: endpoint, weight: weight, maxBytes: maxBytes, download: download)
        return (try decode(type, reply.response, path: path), reply.latencyMs)
    }

    /// Waits until the shared budget grants this attempt, or throws without sending: the
    /// source is paused, its month's credits are spent, or the window has no room before
    /// the step's deadline (`BudgetDeadline`, else the run's).
    func admit(path: String, weight: Double, attempts: Int, ignoringPauseThrough: Date?, inFlight: Double) async throws -> (ask: BudgetAsk, at: Date) {
        let ask = BudgetAsk(source: source, bucket: SourcePacing.bucket(source: source, path: path), weight: weight, limit: limit,
                            countsMonthly: SourcePacing.countsMonthly(source), monthlyCredits: monthlyCredits,
                            ignoringPauseThrough: ignoringPauseThrough, inFlightSeconds: inFlight)
        let deadline = BudgetDeadline.current ?? budgetDeadline
        while true {
            let moment = budgetNow()
            switch try budget.reserve(ask, at: moment) {
            case .granted:
                return (ask, moment)
            case .paused(let pause):
                throw SourceError(source: source, path: path, kind: .paused(until: pause.until, reason: pause.reason), attempts: attempts)
            case .monthSpent(_, let credits):
                throw SourceError(source: source, path: path, kind: .creditsSpent(credits: credits, until: BudgetMonth.next(after: moment)),
                                  attempts: attempts)
            case .wait(let until):
                if let deadline, until > deadline {
                    throw SourceError(source: source, path: path, kind: .noBudget(limit: limit.description, until: until), attempts: attempts)
                }
                try await sleep(max(0.001, until.timeIntervalSince(moment)))
            }
        }
    }

    /// A 429 or 418 that says how long (a 418 alone: 2 minutes) pauses the source for every
    /// stage and process; the end is returned so this client's own wait is not refused.
    func recordPause(status: Int, retryAfter: Double?) throws -> Date? {
        guard let seconds = retryAfter ?? (status == 418 ? Self.defaultBanSeconds : nil) else { return nil }
        let until = budgetNow().addingTimeInterval(seconds)
        let said = retryAfter.map { "Retry-After \(Format.shortest($0))s" } ?? "no Retry-After: 2 minutes"
        try budget.pause(SourcePause(source: source, until: until, statusCode: status,
                                     reason: "HTTP \(status) \(status == 418 ? "ban" : "rate limited"), \(said)"))
        return until
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, path: String) throws -> T {
        let body = response.body
        guard let first = body.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw SourceError(source: source, path: path, kind: .emptyBody)
        }
        if first == UInt8(ascii: "<") || (response.headers["content-type"]?.contains("text/html") ?? false) {
            throw SourceError(source: source, path: path, kind: .notJSON("an HTML page (a challenge or error page)"))
        }
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch let error as DecodingError {
            throw SourceError(source: source, path: path, kind: .unexpectedShape(redacted(Self.describe(error))))
        } catch {
            throw SourceError(source: source, path: path, kind: .unexpectedShape(redacted(String(describing: error)).singleLine(limit: 120)))
        }
    }

    /// Text from the other side (an API's error message, a decoding path) with every
    /// header value this client sends blanked out: an API that echoes the key back
    /// ("invalid key CG-...") must not put it on stderr, in `source_requests` or in the
    /// published report.
    func redacted(_ text: String) -> String {
        headers.values.filter { $0.count >= 4 }.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }

    func makeURL(_ path: String, query: [(String, String)]) throws -> URL {
        var text = baseURL + (path.hasPrefix("/") ? path : "/" + path)
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw SourceError(source: source, path: path, kind: .unexpectedShape("cannot form a URL"))
        }
        return url
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~,")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = start.duration(to: .now)
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }

    /// `Retry-After` in seconds (delta form; an HTTP date is converted).
    static func retryAfter(_ value: String?) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return cappedRetryAfter(seconds) }
        return HTTPDate.seconds(value).flatMap { cappedRetryAfter($0 - Date().timeIntervalSince1970) }
    }

    /// The longest wait an answer may ask for: a week, past MEXC's longest published ban
    /// (3 days). A header or body saying `1e300` is an API's word, not a date to store.
    static let maxRetryAfterSeconds: Double = 7 * 86_400

    /// Any retry-after value an API sent (header or JSON body), made a usable wait.
    static func cappedRetryAfter(_ seconds: Double?) -> Double? {
        guard let seconds, seconds.isFinite else { return nil }
        return min(max(seconds, 0), maxRetryAfterSeconds)
    }

    /// The API's own error text (MEXC `msg`, CoinGecko `status.error_message`,
    /// GeckoTerminal `errors[0].title`), made safe for one line.
    /// `redacting` is applied before the text is cut, so a key cannot leak in part.
    static func apiMessage(_ body: Data, redacting redact: (String) -> String = { $0 }) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: body.prefix(64 << 10)) as? [String: Any] else { return "" }
        var message: String?
        if let msg = object["msg"] as? String {
            message = msg + ((object["code"] as? NSNumber).map { " (code \($0))" } ?? "")
        } else if let status = object["status"] as? [String: Any], let text = status["error_message"] as? String {
            message = text
        } else if let errors = object["errors"] as? [[String: Any]], let title = errors.first?["title"] as? String {
            message = title
        } else if let text = object["error"] as? String {
            message = text
        }
        return message.map { "'\(redact($0).singleLine(limit: 120))'" } ?? ""
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "top level" : keys.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context): return "wrong type at \(path(context))"
        case .valueNotFound(_, let context): return "null at \(path(context))"
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)' at \(path(context))"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not valid JSON (truncated?)" : "bad value at \(path(context))"
        @unknown default: return "undecodable"
        }
    }
}
