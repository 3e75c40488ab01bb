/// The page's only stylesheet, inlined. System fonts only: the page loads nothing.
enum ReportStyle {
    static let css = """
    :root {
      color-scheme: light dark;
      --bg: #f5f6f8; --card: #ffffff; --text: #1c2128; --muted: #59636e; --border: #d8dde3;
      --head: #eef1f4; --pos: #1a7f37; --neg: #c62833; --accent: #0b63c9; --bar: #4f7fd9;
      --outlier: #a3acb8; --grid: #e3e7ec; --warn: #9a6700; --notice: #fff8e1;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #0e1116; --card: #161b22; --text: #e4e8ee; --muted: #9aa5b1; --border: #2b323c;
        --head: #1c222b; --pos: #3fb950; --neg: #f47067; --accent: #5ca4ff; --bar: #6d98ec;
        --outlier: #5d6773; --grid: #242b35; --warn: #d4a72c; --notice: #2a2414;
      }
    }
    * { box-sizing: border-box; }
    body {
      margin: 0; background: var(--bg); color: var(--text);
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      -webkit-text-size-adjust: 100%;
    }
    main { max-width: 1200px; margin: 0 auto; padding: 16px; }
    header.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 24px; margin-bottom: 8px; }
    h1 { font-size: 22px; margin: 0; }
    h2 { font-size: 17px; margin: 0 0 4px; }
    h3 { font-size: 14px; margin: 12px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
    .meta { color: var(--muted); margin: 0; display: flex; flex-wrap: wrap; gap: 2px 18px; }
    .meta b { color: var(--text); font-weight: 600; }
    .path { overflow-wrap: anywhere; }
    nav { display: flex; flex-wrap: wrap; gap: 6px; margin: 10px 0 16px; }
    nav a { color: var(--accent); text-decoration: none; padding: 3px 10px; border: 1px solid var(--border); border-radius: 999px; background: var(--card); font-size: 13px; }
    a { color: var(--accent); }
    section { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 14px 16px; margin: 0 0 16px; }
    .lead { color: var(--muted); margin: 0 0 10px; }
    .notice { background: var(--notice); border-color: var(--warn); font-size: 15px; }
    .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; background: none; border: 0; padding: 0; }
    .kpi { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 12px 14px; }
    .kpi-label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
    .kpi-value { font-size: 21px; font-weight: 650; font-variant-numeric: tabular-nums; margin: 2px 0 4px; white-space: nowrap; }
    .kpi-explain { color: var(--muted); font-size: 12px; margin: 0; }
    .kpi-detail { font-size: 12px; font-variant-numeric: tabular-nums; margin: 0 0 4px; }
    .kpi-caution { font-size: 12px; color: var(--warn); font-weight: 600; margin: 0 0 4px; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; background: none; border: 0; padding: 0; }
    figure.chart { margin: 0; background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 12px 14px; }
    figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
    figure.chart.wide { grid-column: 1 / -1; }
    figure.chart svg { display: block; width: 100%; height: auto; overflow: visible; }
    figure.chart .caption { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
    svg text { fill: var(--muted); font-size: 11px; font-family: inherit; }
    svg .gridline { stroke: var(--grid); stroke-width: 1; }
    svg .axis { stroke: var(--muted); stroke-width: 1; }
    svg .zero { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 3; }
    svg .bar.pos { fill: var(--pos); }
    svg .bar.neg { fill: var(--neg); }
    svg .bar.neutral { fill: var(--bar); }
    svg .bar.outlier { fill: var(--outlier); }
    svg .stroke { fill: none; stroke: var(--accent); stroke-width: 2; stroke-linejoin: round; }
    svg .fill { fill: var(--accent); opacity: .14; }
    svg .drawdown { fill: var(--neg); opacity: .12; }
    td.spark { padding-top: 2px; padding-bottom: 2px; }
    svg.path { display: block; width: 120px; height: 36px; }
    svg.path .window { fill: var(--head); }
    svg.path .band { fill: var(--outlier); opacity: .45; }
    svg.path .closes { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-linejoin: round; }
    svg.path .closes.pos { stroke: var(--pos); }
    svg.path .closes.neg { stroke: var(--neg); }
    svg.path line.entry { stroke: var(--accent); stroke-width: 1; stroke-dasharray: 3 2; }
    svg.path circle.entry { fill: var(--accent); }
    .table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid var(--border); border-radius: 8px; }
    .table-wrap.tall { max-height: 36rem; overflow-y: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    th, td { padding: 6px 10px; text-align: left; white-space: nowrap; border-bottom: 1px solid var(--border); unicode-bidi: isolate; }
    th { background: var(--head); font-weight: 600; color: var(--muted); font-size: 12px; position: sticky; top: 0; }
    tbody tr:last-child td { border-bottom: 0; }
    tbody tr.group:not(:first-child) td { border-top: 2px solid var(--border); }
    tbody tr:hover td { background: var(--head); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.wrap { white-space: normal; min-width: 380px; max-width: 640px; overflow-wrap: anywhere; }
    .pos { color: var(--pos); }
    .neg { color: var(--neg); }
    .buy { color: var(--pos); font-weight: 600; }
    .sell { color: var(--neg); font-weight: 600; }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; border: 1px solid var(--border); }
    .badge.done { color: var(--pos); border-color: var(--pos); }
    .badge.pending { color: var(--warn); border-color: var(--warn); }
    .badge.unavailable { color: var(--neg); border-color: var(--neg); }
    .empty { color: var(--muted); font-style: italic; margin: 6px 0; }
    .note { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
    .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 8px 24px; }
    footer { color: var(--muted); font-size: 12px; text-align: center; padding: 8px 0 24px; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 90%; }
    @media (max-width: 600px) {
      main { padding: 10px; }
      h1 { font-size: 19px; }
      .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
      .kpi-value { font-size: 21px; }
      .charts { grid-template-columns: minmax(0, 1fr); }
      /* The charts shrink to the screen: larger text, every other axis label. */
      figure.chart svg text { font-size: 16px; }
      figure.chart.wide svg text { font-size: 28px; }
      figure.chart svg text.minor { display: none; }
      section { padding: 12px; }
    }
    """
}
