import type { Report } from '../types.ts';
import { chartsFor } from './charts.ts';
import { escapeHtml } from './escape.ts';
import { runLabel } from './format.ts';
import { buildSections, type Section } from './sections.ts';
import { HEADERS, rowFor } from './table.ts';

/** Inline stylesheet: the report must open offline (classroom, no network), so nothing is linked. */
const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px;
  padding: 24px; color: #222; line-height: 1.45; }
h1 { margin-bottom: 4px; }
.meta { color: #555; font-size: 14px; }
.wide { overflow-x: auto; }
table.summary td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.good { color: #1a7f37; } td.bad { color: #c62828; font-weight: 600; } td.warn { color: #8a6d00; } td.dim { color: #999; }
section.scenario { border-top: 2px solid #eee; margin-top: 32px; padding-top: 8px; }
.layout { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.charts { flex: 1 1 560px; display: flex; flex-wrap: wrap; gap: 12px; }
.charts svg { max-width: 100%; height: auto; background: #fff; border: 1px solid #eee; border-radius: 6px; }
.claim { flex: 1 1 320px; }
blockquote { margin: 0 0 12px; padding: 8px 12px; border-left: 4px solid #1f77b4; background: #f3f8fc; }
blockquote footer { font-size: 13px; color: #555; margin-top: 4px; }
table { border-collapse: collapse; margin-top: 12px; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f6f6; }
.skipped, tr.skipped-row td { color: #8a6d00; background: #fff8e1; padding: 6px 10px; border-radius: 4px; }
@media print { .charts svg { border: none; } section.scenario { break-inside: avoid; } }
`;

function htmlTable(section: Section): string {
  const head = section.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = section.rows
    .map((row) => {
      // A skipped run is one reason, not a row of empty cells.
      if (row[1]?.startsWith('skipped: ') && row.slice(2).every((cell) => cell === '')) {
        return `<tr class="skipped-row"><td>${escapeHtml(row[0])}</td><td colspan="${row.length - 1}">${escapeHtml(row[1])}</td></tr>`;
      }
      return `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The terminal comparison table as an HTML table, with the same good/bad/skipped colouring. */
function summaryTable(report: Report): string {
  const head = HEADERS.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = report.results
    .map((run) => {
      const cells = rowFor(run)
        .map((cell, i) => {
          const cls = [i > 0 ? 'num' : '', cell.tone ?? ''].filter(Boolean).join(' ');
          return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(cell.text)}</td>`;
        })
        .join('');
      const note = run.skipped === undefined ? '' : ` title="${escapeHtml(`skipped: ${run.skipped}`)}"`;
      return `<tr${note}>${cells}</tr>`;
    })
    .join('\n');
  const skipped = report.results
    .filter((run) => run.skipped !== undefined)
    .map((run) => `<p class="skipped">skipped: ${escapeHtml(`${runLabel(run)}: ${run.skipped}`)}</p>`)
    .join('\n');
  return `<div class="wide"><table class="summary"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>\n${skipped}`;
}

function renderSection(report: Report, section: Section): string {
  const charts = section.notRun ? [] : chartsFor(report, section.name);
  const skipped = section.skipped
    .map((note) => `<p class="skipped">skipped: ${escapeHtml(note)}</p>`)
    .join('\n');
  const body = section.notRun
    ? '<p class="skipped">Not run in this report.</p>'
    : `<div class="charts">${charts.join('\n')}</div>`;
  return `<section class="scenario" id="${escapeHtml(section.name)}">
<h2>${escapeHtml(section.name)}: ${escapeHtml(section.claim.title)}</h2>
<div class="layout">
${body}
<div class="claim">
<blockquote><p>${escapeHtml(section.claim.quote)}</p><footer>— seed note, ${escapeHtml(section.claim.section)}</footer></blockquote>
<p>${escapeHtml(section.claim.explanation)}</p>
${skipped}
</div>
</div>
${section.notRun ? '' : htmlTable(section)}
</section>`;
}

/** report.html: self-contained (inline CSS and SVG, no scripts, no external references). */
export function renderHtml(report: Report): string {
  const m = report.machine;
  const sections = buildSections(report);
  const nav = sections.map((s) => `<a href="#${escapeHtml(s.name)}">${escapeHtml(s.name)}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>authscale report ${escapeHtml(report.startedAt)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>authscale: sessions vs tokens, measured</h1>
<p class="meta">Started ${escapeHtml(report.startedAt)}, finished ${escapeHtml(report.finishedAt)} ·
${escapeHtml(`${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.platform}/${m.arch}, Node ${m.node}`)} ·
modes ${escapeHtml(report.config.modes.join(', '))} · ${escapeHtml(report.config.nodes)} nodes${report.config.quick ? ' · quick run' : ''}${
    report.config.target ? ` · target ${escapeHtml(report.config.target)}` : ''
  }</p>
<p class="meta">Absolute requests per second depend on the machine; compare the modes inside this report.</p>
<nav>${nav}</nav>
<h2>Summary</h2>
${summaryTable(report)}
${sections.map((section) => renderSection(report, section)).join('\n')}
</body>
</html>
`;
}
