import Foundation

/// The report's "network manners" section: each source's budget use, any ban in force,
/// CoinGecko's month. Its own read-model field (`ReportData.budget`) and template block.
extension ReportPage {
    struct NetworkBlock {
        let pauses: [String]
        let hasPauses: Bool
        let budgets: [String]
        let hasBudgets: Bool
        let coinGecko: String
        let asOf: String

        init(_ state: BudgetState) {
            pauses = state.pauseLines.map { ReportFormat.text($0, limit: 300) }
            hasPauses = !pauses.isEmpty
            budgets = state.useLines.map { ReportFormat.text($0, limit: 200) }
            hasBudgets = !budgets.isEmpty
            coinGecko = ReportFormat.text(state.coinGeckoLine, limit: 200)
            asOf = ReportFormat.dateTime(state.at)
        }
    }
}

enum ReportNetworkBlock {
    static let template = """
    <section id="budgets">
    <h2>Request budgets and pauses at {{asOf}}</h2>
    <p class="lead">Every ats process on this database shares each API's published limit; a source that announced a ban (429/418 with Retry-After) is not asked until it ends.</p>
    {{#hasPauses}}<ul class="warn">{{#pauses}}<li>{{.}}</li>{{/pauses}}</ul>{{/hasPauses}}
    {{^hasPauses}}<p class="empty">No pause in force.</p>{{/hasPauses}}
    {{#hasBudgets}}<ul>{{#budgets}}<li>{{.}}</li>{{/budgets}}</ul>{{/hasBudgets}}
    {{^hasBudgets}}<p class="empty">Nothing asked in the last window.</p>{{/hasBudgets}}
    <p>{{coinGecko}}</p>
    </section>
    """
}
