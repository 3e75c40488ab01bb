import Foundation

/// The page as the templates see it: display-ready strings only. Every string
/// is HTML-escaped by the template engine; outside text is also cut and made
/// single-line here (`ReportFormat.text`).
struct ReportPage {
    let generatedAt: String
    /// `ats 2.1.0 (commit 1a2b3c4d5e6f)`: which build wrote the page.
    let build: String
    let dataRange: String
    let configPath: String
    /// Seconds for the meta refresh, or nil for none.
    let refreshSeconds: String?
    let hasSignals: Bool
    let kpis: [KPI]
    let charts: [ChartView]
    let chartsNote: String?
    let sides: Table<SideRow>
    let minSpread: String
    let days: Table<DayRow>
    let symbols: Table<SymbolRow>
    let latest: Table<SignalRow>
    let watchlist: Table<WatchlistRow>
    let pollSince: String
    let pollTotals: Table<CountRow>
    let pollReasons: Table<ReasonRow>
    let exclusionsScan: String
    let exclusions: Table<CountRow>
    let stages: [StageBlock]
    let hasStages: Bool
    let sources: Table<SourceRow>
    let sourcesSince: String
    let network: NetworkBlock
    let notifications: NotificationsBlock

    struct KPI {
        let label: String
        let value: String
        /// A second line under the value: its interval, p-value or what it is.
        let detail: String?
        /// "Too few signals to judge", beside a statistic that cannot be trusted yet.
        let caution: String?
        let explanation: String
        /// CSS class for the value: pos, neg or plain.
        let tone: String

        init(label: String, value: String, detail: String? = nil, caution: String? = nil, explanation: String, tone: String) {
            self.label = label
            self.value = value
            self.detail = detail
            self.caution = caution
            self.explanation = explanation
            self.tone = tone
        }
    }

    struct SideRow {
        let side: String
        let sideTone: String
        let signals: String
        let analyzed: String
        let meanNet: String
        let netTone: String
        let winRate: String
        let baseline: String
        let edge: String
        let edgeTone: String
        let edgeP: String
        let fade: String
        let fadeTone: String
        let measured: String
        let closed: String
        let byDEX: String
        let byCEX: String
        let group: String
    }

    struct DayRow {
        let day: String
        let signals: String
        let analyzed: String
        let winRate: String
        let meanNet: String
        let netTone: String
        let netSum: String
        let sumTone: String
        let edge: String
        let edgeTone: String
    }

    /// Rows plus a flag the template can test and a note when the list was cut.
    struct Table<Row> {
        let rows: [Row]
        let note: String?
        /// Stored, not computed: the template engine reads properties by reflection.
        let hasRows: Bool

        init(_ rows: [Row], note: String? = nil) {
            self.rows = rows
            self.note = note
            self.hasRows = !rows.isEmpty
        }
    }

    struct Link {
        let text: String
        /// http(s) only; nil shows the text without a link.
        let url: String?
        let hint: String
    }

    struct SymbolRow {
        let symbol: String
        let signals: String
        let analyzed: String
        let winRate: String
        let meanNet: String
        let netTone: String
        let meanSpread: String
    }

    struct SignalRow {
        let time: String
        let symbol: String
        let pair: Link
        let side: String
        let sideTone: String
        let path: SignalPathView?
        let dexPrice: String
        let cexPrice: String
        let spread: String
        let latency: String
        let status: String
        let statusTone: String
        let reward: String
        let adverse: String
        let net: String
        let netTone: String
        let notes: String
    }

    struct WatchlistRow {
        let rank: String
        let symbol: String
        let chain: String
        let pair: Link
        let score: String
        let confirmations: String
        let sources: String
        let liquidity: String
        let scannedAt: String
    }

    struct CountRow {
        let name: String
        let count: String
        let tone: String
    }

    struct ReasonRow {
        let outcome: String
        let reason: String
        let count: String
    }

    struct StageBlock {
        let stage: String
        let runs: [RunRow]
    }

    struct RunRow {
        /// The stage's name on its first row only, which also draws the group's top border.
        let stage: String
        let group: String
        let started: String
        let duration: String
        let status: String
        let statusTone: String
        let summary: String
    }

    struct SourceRow {
        let source: String
        let requests: String
        let errors: String
        let errorRate: String
        let errorTone: String
        let median: String
        let average: String
        let maximum: String
        let lastRequest: String
        let lastError: String
    }
}
