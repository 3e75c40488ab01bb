/// Mustache templates of the page. Data is only ever written with `{{ }}`, which
/// HTML-escapes it (quotes included, so attribute values are safe too); the
/// partials hold our own markup and stylesheet, never data.
enum ReportTemplates {
    static let page = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <meta name="referrer" content="no-referrer">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'">
    {{#refreshSeconds}}
    <meta http-equiv="refresh" content="{{.}}">
    {{/refreshSeconds}}
    <title>ats report · {{generatedAt}}</title>
    <style>
    {{> style}}
    </style>
    </head>
    <body>
    <main>
    <header class="top">
    <h1>ats report</h1>
    <p class="meta"><span>Generated <b>{{generatedAt}}</b></span><span>Signals <b>{{dataRange}}</b></span><span class="path">Config <code>{{configPath}}</code></span></p>
    </header>
    <nav aria-label="Sections"><a href="#overview">Overview</a><a href="#sides">By side</a><a href="#symbols">Symbols</a><a href="#days">Per day</a><a href="#latest">Latest signals</a><a href="#watchlist">Watchlist</a><a href="#rejections">Rejections</a><a href="#runs">Runs</a><a href="#sources">Sources</a></nav>
    <div id="overview">
    {{^hasSignals}}
    <section class="notice"><p><b>No signals yet — {{^watchlist.hasRows}}run <code>ats scan</code> to build the watchlist, then <code>ats poll</code> to watch it.{{/watchlist.hasRows}}{{#watchlist.hasRows}}the watchlist is ready; <code>ats poll</code> (from cron, every minute) watches it.{{/watchlist.hasRows}}</b></p><p class="lead">This page fills in as the stages run; it is rewritten by <code>ats report</code>.</p></section>
    {{/hasSignals}}
    {{#hasSignals}}
    <section class="kpis" aria-label="Key figures">
    {{#kpis}}
    <div class="kpi"><div class="kpi-label">{{label}}</div><div class="kpi-value {{tone}}">{{value}}</div>{{#detail}}<div class="kpi-detail">{{.}}</div>{{/detail}}{{#caution}}<div class="kpi-caution">{{.}}</div>{{/caution}}<p class="kpi-explain">{{explanation}}</p></div>
    {{/kpis}}
    </section>
    {{#chartsNote}}<section class="notice"><p>{{.}}</p></section>{{/chartsNote}}
    <section class="charts" aria-label="Charts">
    {{#charts}}
    {{> chart}}
    {{/charts}}
    </section>
    {{/hasSignals}}
    </div>
    {{> tables}}
    {{> operations}}
    {{> notifications}}
    <footer>A static page written by <code>{{build}}</code>; it runs no script and loads nothing. All times are UTC. Rewards are shown in percent of the entry price.</footer>
    </main>
    </body>
    </html>

    """

    static let chart = """
    <figure class="{{figureClass}}" id="{{id}}">
    <figcaption>{{title}}</figcaption>
    <svg viewBox="{{viewBox}}" role="img" aria-label="{{title}}" preserveAspectRatio="xMidYMid meet">
    {{#grid}}
    <line class="gridline" x1="{{axisX1}}" x2="{{axisX2}}" y1="{{y}}" y2="{{y}}"/><text x="{{axisX1}}" dx="-6" y="{{y}}" dy="4" text-anchor="end">{{label}}</text>
    {{/grid}}
    {{#band}}
    <rect class="drawdown" x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"><title>{{tip}}</title></rect>
    {{/band}}
    {{#line}}
    <path class="fill" d="{{fill}}"/><path class="stroke" d="{{stroke}}"/>
    {{/line}}
    {{#bars}}
    <rect class="bar {{tone}}" x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"><title>{{tip}}</title></rect>
    {{/bars}}
    {{#zero}}
    <line class="zero" x1="{{axisX1}}" x2="{{axisX2}}" y1="{{.}}" y2="{{.}}"/>
    {{/zero}}
    <line class="axis" x1="{{axisX1}}" x2="{{axisX2}}" y1="{{axisY}}" y2="{{axisY}}"/>
    {{#xLabels}}
    <text class="{{weight}}" x="{{x}}" y="{{labelY}}" text-anchor="{{anchor}}">{{text}}</text>
    {{/xLabels}}
    </svg>
    <p class="caption">{{caption}}</p>
    </figure>
    """

    static let pair = """
    {{#url}}<a href="{{url}}" rel="noopener noreferrer" target="_blank" title="{{hint}}">{{text}}</a>{{/url}}{{^url}}<span title="{{hint}}">{{text}}</span>{{/url}}
    """

    static let signalPath = """
    <svg class="path" viewBox="{{viewBox}}" role="img" aria-label="{{label}}"><title>{{label}}</title><rect class="window" x="{{windowX}}" y="0" width="{{windowWidth}}" height="36"/><path class="band" d="{{band}}"/><line class="entry" x1="0" x2="120" y1="{{entryY}}" y2="{{entryY}}"/><path class="closes {{tone}}" d="{{closes}}"/><circle class="entry" cx="{{entryX}}" cy="{{entryY}}" r="2.5"/></svg>
    """

    static let tables = """
    <section id="sides">
    <h2>By side</h2>
    <p class="lead">Analyzed signals of each side. Baseline = mean reward_baseline (a random entry on the same symbol in the hour before, same window and costs); edge = mean of net − baseline, p from a two-sided t-test; fade = mean net of taking the other side (−reward_close − reward_cost). Gap closed = share of signals with prices afterwards whose |spread| fell below {{minSpread}} within the window; DEX / CEX = which price moved more in those.</p>
    {{#sides.hasRows}}
    <div class="table-wrap"><table>
    <thead><tr><th>Side</th><th class="num">Signals</th><th class="num">Analyzed</th><th class="num">Mean net</th><th class="num">Win rate</th><th class="num">Baseline</th><th class="num">Edge</th><th class="num">p</th><th class="num">Fade</th><th class="num">With prices after</th><th class="num">Gap closed</th><th class="num">DEX moved</th><th class="num">CEX moved</th></tr></thead>
    <tbody>
    {{#sides.rows}}
    <tr class="{{group}}"><td class="{{sideTone}}">{{side}}</td><td class="num">{{signals}}</td><td class="num">{{analyzed}}</td><td class="num {{netTone}}">{{meanNet}}</td><td class="num">{{winRate}}</td><td class="num">{{baseline}}</td><td class="num {{edgeTone}}">{{edge}}</td><td class="num">{{edgeP}}</td><td class="num {{fadeTone}}">{{fade}}</td><td class="num">{{measured}}</td><td class="num">{{closed}}</td><td class="num">{{byDEX}}</td><td class="num">{{byCEX}}</td></tr>
    {{/sides.rows}}
    </tbody></table></div>
    {{/sides.hasRows}}
    {{^sides.hasRows}}<p class="empty">No signals yet.</p>{{/sides.hasRows}}
    </section>

    <section id="symbols">
    <h2>Per symbol</h2>
    <p class="lead">All signals of each symbol; win rate and mean net reward over its analyzed signals.</p>
    {{#symbols.hasRows}}
    <div class="table-wrap tall"><table>
    <thead><tr><th>Symbol</th><th class="num">Signals</th><th class="num">Analyzed</th><th class="num">Win rate</th><th class="num">Mean net reward</th><th class="num">Mean |spread|</th></tr></thead>
    <tbody>
    {{#symbols.rows}}
    <tr><td>{{symbol}}</td><td class="num">{{signals}}</td><td class="num">{{analyzed}}</td><td class="num">{{winRate}}</td><td class="num {{netTone}}">{{meanNet}}</td><td class="num">{{meanSpread}}</td></tr>
    {{/symbols.rows}}
    </tbody></table></div>
    {{/symbols.hasRows}}
    {{^symbols.hasRows}}<p class="empty">No signals yet.</p>{{/symbols.hasRows}}
    {{#symbols.note}}<p class="note">{{.}}</p>{{/symbols.note}}
    </section>

    <section id="days">
    <h2>Per day</h2>
    <p class="lead">Signals raised each UTC day, newest first; win rate, mean and summed net reward, and mean edge over the baseline of its analyzed signals.</p>
    {{#days.hasRows}}
    <div class="table-wrap tall"><table>
    <thead><tr><th>Day (UTC)</th><th class="num">Signals</th><th class="num">Analyzed</th><th class="num">Win rate</th><th class="num">Mean net</th><th class="num">Sum of net</th><th class="num">Mean edge</th></tr></thead>
    <tbody>
    {{#days.rows}}
    <tr><td>{{day}}</td><td class="num">{{signals}}</td><td class="num">{{analyzed}}</td><td class="num">{{winRate}}</td><td class="num {{netTone}}">{{meanNet}}</td><td class="num {{sumTone}}">{{netSum}}</td><td class="num {{edgeTone}}">{{edge}}</td></tr>
    {{/days.rows}}
    </tbody></table></div>
    {{/days.hasRows}}
    {{^days.hasRows}}<p class="empty">No signals yet.</p>{{/days.hasRows}}
    {{#days.note}}<p class="note">{{.}}</p>{{/days.note}}
    </section>

    <section id="latest">
    <h2>Latest signals</h2>
    <p class="lead">Newest first. Spread = (CEX − DEX) / DEX. Best = max favourable move in the window, worst = max adverse move, net = close of the window minus its cost (fees and the book's impact). Path = the window's one-minute CEX candles (band: high to low; line: closes, green when the close favours the signal), the window shaded, the entry a dot and a dashed line. Prices in the quote asset (USDT by default): DEX in its quote token × the exchange's rate, CEX the mid of the book.</p>
    {{#latest.hasRows}}
    <div class="table-wrap tall"><table>
    <thead><tr><th>Time (UTC)</th><th>Symbol</th><th>Pair</th><th>Side</th><th>Path</th><th class="num">DEX price</th><th class="num">CEX price</th><th class="num">Spread</th><th class="num">Request latency</th><th>Status</th><th class="num">Best</th><th class="num">Worst</th><th class="num">Net</th><th>Notes</th></tr></thead>
    <tbody>
    {{#latest.rows}}
    <tr><td>{{time}}</td><td>{{symbol}}</td><td>{{#pair}}{{> pair}}{{/pair}}</td><td class="{{sideTone}}">{{side}}</td><td class="spark">{{#path}}{{> signalPath}}{{/path}}{{^path}}—{{/path}}</td><td class="num">{{dexPrice}}</td><td class="num">{{cexPrice}}</td><td class="num">{{spread}}</td><td class="num">{{latency}}</td><td><span class="badge {{statusTone}}">{{status}}</span></td><td class="num">{{reward}}</td><td class="num">{{adverse}}</td><td class="num {{netTone}}">{{net}}</td><td class="wrap">{{notes}}</td></tr>
    {{/latest.rows}}
    </tbody></table></div>
    {{/latest.hasRows}}
    {{^latest.hasRows}}<p class="empty">No signals yet.</p>{{/latest.hasRows}}
    {{#latest.note}}<p class="note">{{.}}</p>{{/latest.note}}
    </section>

    <section id="watchlist">
    <h2>Watchlist</h2>
    <p class="lead">The pairs <code>ats poll</code> watches, from the latest scan.</p>
    {{#watchlist.hasRows}}
    <div class="table-wrap"><table>
    <thead><tr><th class="num">Rank</th><th>Symbol</th><th>Chain</th><th>Pair</th><th class="num">Score</th><th class="num">Confirmations</th><th>Sources</th><th class="num">Liquidity</th><th>Scanned</th></tr></thead>
    <tbody>
    {{#watchlist.rows}}
    <tr><td class="num">{{rank}}</td><td>{{symbol}}</td><td>{{chain}}</td><td>{{#pair}}{{> pair}}{{/pair}}</td><td class="num">{{score}}</td><td class="num">{{confirmations}}</td><td>{{sources}}</td><td class="num">{{liquidity}}</td><td>{{scannedAt}}</td></tr>
    {{/watchlist.rows}}
    </tbody></table></div>
    {{/watchlist.hasRows}}
    {{^watchlist.hasRows}}<p class="empty">The watchlist is empty — run <code>ats scan</code>.</p>{{/watchlist.hasRows}}
    </section>
    """

    static let operations = """
    <section id="rejections">
    <h2>Why pairs were rejected</h2>
    <div class="two">
    <div>
    <h3>Poll outcomes since {{pollSince}} (last 24 h)</h3>
    {{#pollTotals.hasRows}}
    <div class="table-wrap"><table><thead><tr><th>Outcome</th><th class="num">Observations</th></tr></thead><tbody>
    {{#pollTotals.rows}}
    <tr><td class="{{tone}}">{{name}}</td><td class="num">{{count}}</td></tr>
    {{/pollTotals.rows}}
    </tbody></table></div>
    {{/pollTotals.hasRows}}
    {{^pollTotals.hasRows}}<p class="empty">No observations in the last 24 h.</p>{{/pollTotals.hasRows}}
    </div>
    <div>
    <h3>Scan exclusions, latest scan{{#exclusions.hasRows}} ({{exclusionsScan}}){{/exclusions.hasRows}}</h3>
    {{#exclusions.hasRows}}
    <div class="table-wrap"><table><thead><tr><th>Reason</th><th class="num">Candidates</th></tr></thead><tbody>
    {{#exclusions.rows}}
    <tr><td>{{name}}</td><td class="num">{{count}}</td></tr>
    {{/exclusions.rows}}
    </tbody></table></div>
    {{/exclusions.hasRows}}
    {{^exclusions.hasRows}}<p class="empty">No scan has excluded a candidate yet.</p>{{/exclusions.hasRows}}
    </div>
    </div>
    <h3>Poll rejections by reason (last 24 h; numbers shown as #)</h3>
    {{#pollReasons.hasRows}}
    <div class="table-wrap"><table><thead><tr><th>Outcome</th><th>Reason</th><th class="num">Observations</th></tr></thead><tbody>
    {{#pollReasons.rows}}
    <tr><td>{{outcome}}</td><td class="wrap">{{reason}}</td><td class="num">{{count}}</td></tr>
    {{/pollReasons.rows}}
    </tbody></table></div>
    {{/pollReasons.hasRows}}
    {{^pollReasons.hasRows}}<p class="empty">No rejections in the last 24 h.</p>{{/pollReasons.hasRows}}
    {{#pollReasons.note}}<p class="note">{{.}}</p>{{/pollReasons.note}}
    </section>

    <section id="runs">
    <h2>Stage runs</h2>
    <p class="lead">The last runs of each stage, newest first.</p>
    {{#hasStages}}
    <div class="table-wrap"><table>
    <thead><tr><th>Stage</th><th>Started</th><th class="num">Duration</th><th>Status</th><th>Summary</th></tr></thead>
    <tbody>
    {{#stages}}
    {{#runs}}
    <tr class="{{group}}"><td>{{stage}}</td><td>{{started}}</td><td class="num">{{duration}}</td><td><span class="badge {{statusTone}}">{{status}}</span></td><td class="wrap">{{summary}}</td></tr>
    {{/runs}}
    {{/stages}}
    </tbody></table></div>
    {{/hasStages}}
    {{^hasStages}}<p class="empty">No stage has run yet.</p>{{/hasStages}}
    </section>

    <section id="sources">
    <h2>Source health since {{sourcesSince}} (last 24 h)</h2>
    <p class="lead">Every request each stage made to each source; latency is the time to a complete answer.</p>
    {{#sources.hasRows}}
    <div class="table-wrap"><table>
    <thead><tr><th>Source</th><th class="num">Requests</th><th class="num">Errors</th><th class="num">Error rate</th><th class="num">Median</th><th class="num">Average</th><th class="num">Max</th><th>Last request</th><th>Last error</th></tr></thead>
    <tbody>
    {{#sources.rows}}
    <tr><td>{{source}}</td><td class="num">{{requests}}</td><td class="num">{{errors}}</td><td class="num {{errorTone}}">{{errorRate}}</td><td class="num">{{median}}</td><td class="num">{{average}}</td><td class="num">{{maximum}}</td><td>{{lastRequest}}</td><td class="wrap">{{lastError}}</td></tr>
    {{/sources.rows}}
    </tbody></table></div>
    {{/sources.hasRows}}
    {{^sources.hasRows}}<p class="empty">No requests in the last 24 h.</p>{{/sources.hasRows}}
    </section>
    {{#network}}{{> network}}{{/network}}
    """
}
