/**
 * The report's inline stylesheet: the page must open offline (classroom, no network), so nothing is
 * linked. Colours always come with a symbol or a word (✓ ✗ ⚠), never alone.
 */
export const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Malgun Gothic", sans-serif;
  margin: 0 auto; max-width: 1200px; padding: 12px 24px 24px; color: #222; line-height: 1.45; }
h1 { margin: 4px 0 8px; font-size: 26px; }
h2 { margin: 16px 0 8px; }
.meta { color: #555; font-size: 13px; margin: 2px 0; }
.overload { color: #7a4d00; background: #fff3cd; border: 1px solid #e0b100; padding: 6px 10px; border-radius: 4px; font-weight: 600; }
.headline h2 { margin-top: 0; }
.lead { margin: 0 0 8px; color: #333; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 10px; }
.card { border: 2px solid #ddd; border-radius: 8px; padding: 8px 10px; background: #fafafa; }
.card.bad { border-color: #c62828; background: #fdecea; }
.card.good { border-color: #1a7f37; background: #eaf6ec; }
.card .run { font-weight: 600; font-size: 14px; }
:lang(ko) { word-break: keep-all; overflow-wrap: anywhere; }
.card .big { font-size: 30px; line-height: 1.1; font-weight: 700; font-variant-numeric: tabular-nums; }
.card.bad .big { color: #b71c1c; } .card.good .big { color: #1a7f37; }
.card .detail, .card .exp { font-size: 13px; color: #333; }
.meter { position: relative; height: 10px; background: #fff; border: 1px solid #999; margin: 4px 0; }
.meter .fill { position: absolute; left: 0; top: 0; bottom: 0; background: #c62828; }
.meter .mark { position: absolute; top: -4px; bottom: -4px; width: 0; border-left: 3px dashed #000; }
.card .caption { font-size: 13px; color: #444; margin: 6px 0 0; }
.about { margin-top: 10px; }
nav { margin: 12px 0; font-size: 14px; }
.wide { overflow-x: auto; }
table { border-collapse: collapse; margin-top: 8px; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f6f6; }
.sub { font-weight: 400; color: #555; }
table.summary td.num, table.summary th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.summary th.range { font-weight: 400; padding-left: 20px; color: #555; }
table.summary tr.group th, table.summary tr.group td { border-top: 3px solid #bbb; }
td.good, dt.good { color: #1a7f37; } td.bad, dt.bad { color: #c62828; font-weight: 600; }
td.warn, dt.warn { color: #8a5a00; } td.dim { color: #777; }
ul.notes { font-size: 13px; color: #333; } ul.notes li.warn { color: #7a4d00; font-weight: 600; }
section.scenario { border-top: 2px solid #eee; margin-top: 28px; padding-top: 4px; }
.claim { max-width: 900px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.charts svg { max-width: 100%; height: auto; background: #fff; border: 1px solid #eee; border-radius: 6px; }
.fail-card { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; border: 1px solid #eee; border-radius: 6px; padding: 6px; }
.fail-card dl { margin: 0; max-width: 360px; font-size: 13px; }
.fail-card dt { font-weight: 600; } .fail-card dd { margin: 0 0 6px 0; color: #333; }
dl.defs { font-size: 13px; max-width: 900px; } dl.defs dt { font-weight: 600; } dl.defs dd { margin: 0 0 6px 16px; }
blockquote { margin: 0 0 8px; padding: 8px 12px; border-left: 4px solid #1f77b4; background: #f3f8fc; }
blockquote footer { font-size: 13px; color: #555; margin-top: 4px; }
p.note { font-size: 14px; max-width: 900px; }
.skipped { color: #7a4d00; background: #fff8e1; padding: 6px 10px; border-radius: 4px; }
@media print { .charts svg { border: none; } section.scenario { break-inside: avoid; } }
`;
