import { type Lang, type Translate, translator } from '../../lib/i18n/index.ts';
import { thresholdsHtml } from '../ci/render.ts';
import type { Report } from '../core/types.ts';
import { escapeHtml } from './escape.ts';
import { headline, metaLines } from './headline.ts';
import { CSS } from './html-style.ts';
import type { Section } from './section.ts';
import { buildSections, chartsFor } from './sections.ts';
import { buildSummary } from './summary.ts';
import type { Tone } from './summary-cells.ts';
import { columnRuns, summaryNotes } from './table.ts';

/** A symbol next to every colour, for colour-blind readers and black-and-white projectors. */
export const TONE_SYMBOL: Record<Tone, string> = { good: '✓', bad: '✗', warn: '⚠', dim: '' };

/** A cell that starts with ✓ or ✗ (attack outcomes) gets the matching colour too. */
function markClass(cell: string): string {
  if (cell.startsWith('✓')) return ' class="good"';
  return cell.startsWith('✗') ? ' class="bad"' : '';
}

function htmlTable(section: Section): string {
  const head = section.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = section.rows
    .map((row) => `<tr>${row.map((cell) => `<td${markClass(cell)}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<div class="wide"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const pct = (rate: number) => Math.round(Math.min(1, Math.max(0, rate)) * 1000) / 10;

/** The first screen: re-login failures by run, measured vs expected, and each run's trade-off. */
function headlineCards(report: Report, t: Translate): string {
  const all = headline(report, t);
  if (all.length === 0) return '';
  // A run that did not run its relogin gets one line, not a card of its own.
  const items = all.filter((item) => item.rate !== undefined);
  const skipped = all
    .filter((item) => item.rate === undefined)
    .map((item) => `<p class="skipped">${escapeHtml(`${item.label}: ${item.measured} — ${item.detail}`)}</p>`)
    .join('\n');
  const cards = items
    .map((item) => {
      const symbol = TONE_SYMBOL[item.tone];
      const meter =
        item.rate === undefined
          ? ''
          : `<div class="meter" role="img" aria-label="${escapeHtml(`${item.measured} · ${t('report.headline.expected', { rate: item.expected })}`)}"><span class="fill" style="width:${pct(item.rate)}%"></span><span class="mark" style="left:${pct(item.expectedRate ?? 0)}%"></span></div>`;
      const expected =
        item.rate === undefined
          ? ''
          : `<div class="exp">${escapeHtml(t('report.headline.expected', { rate: item.expected }))}</div>`;
      return `<div class="card ${item.tone}">
<div class="run">${escapeHtml(item.mode)} <span class="sub">${escapeHtml(item.strategy)}</span></div>
<div class="big">${symbol ? `<span class="sym">${symbol}</span> ` : ''}${escapeHtml(item.measured)}</div>
<div class="detail">${escapeHtml(item.detail)}</div>
${expected}${meter}
${item.rate === undefined ? '' : `<p class="caption">${escapeHtml(item.caption)}</p>`}
</div>`;
    })
    .join('\n');
  return `<section class="headline" id="headline">
<h2>${escapeHtml(t('report.headline.title'))}</h2>
<p class="lead">${escapeHtml(t('report.headline.lead'))}</p>
<div class="cards">${cards}</div>
${skipped}
</section>`;
}

function summaryTable(report: Report, t: Translate): string {
  const summary = buildSummary(columnRuns(report), t);
  const head = summary.headers
    .map(
      ([mode, strategy]) =>
        `<th class="num">${escapeHtml(mode)}<br><span class="sub">${escapeHtml(strategy)}</span></th>`,
    )
    .join('');
  const rows = summary.rows
    .map((row, r) => {
      const groupStart = r > 0 && row.group !== summary.rows[r - 1]!.group ? ' class="group"' : '';
      const label = `<th scope="row"${row.range ? ' class="range"' : ''}>${escapeHtml(t(row.key))}</th>`;
      const cells = row.cells
        .map((cell) => {
          const symbol = cell.tone && cell.tone !== 'dim' && !cell.empty ? `${TONE_SYMBOL[cell.tone]} ` : '';
          return `<td class="num ${cell.tone ?? ''}">${symbol}${escapeHtml(cell.text)}</td>`;
        })
        .join('');
      return `<tr${groupStart}>${label}${cells}</tr>`;
    })
    .join('\n');
  const notes = summaryNotes(report, t, { machine: false })
    .map(
      (note) =>
        `<li${note.startsWith('⚠') ? ' class="warn"' : ''}>${escapeHtml(note.trim().replace(/^- /, ''))}</li>`,
    )
    .join('\n');
  return `<div class="wide"><table class="summary"><thead><tr><th>${escapeHtml(t('report.col.figure'))}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>
<ul class="notes">${notes}</ul>`;
}

function definitions(section: Section): string {
  // The figures' own definitions stand beside each run's timeline; here only what is left.
  const rest = section.definitions.filter((d) => d.kind !== 'figure');
  if (rest.length === 0) return '';
  const items = rest
    .map(
      (d) =>
        `<dt class="${d.tone}">${d.tone === 'bad' ? '✗ ' : ''}${escapeHtml(d.term)}</dt><dd>${escapeHtml(d.text)}</dd>`,
    )
    .join('');
  return `<dl class="defs">${items}</dl>`;
}

function renderSection(report: Report, section: Section, t: Translate): string {
  const charts = section.notRun ? [] : chartsFor(report, section.name, t);
  const skipped = section.skipped
    .map((note) => `<p class="skipped">${escapeHtml(t('report.cell.skipped'))}: ${escapeHtml(note)}</p>`)
    .join('\n');
  const body = section.notRun
    ? `<p class="skipped">${escapeHtml(t('report.section.not-run'))}</p>`
    : `<div class="charts">${charts.join('\n')}</div>`;
  const notes = section.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n');
  return `<section class="scenario" id="${escapeHtml(section.name)}">
<h2>${escapeHtml(section.claim.title)} <code>${escapeHtml(section.name)}</code></h2>
<div class="claim">
<blockquote class="seed"><p>${escapeHtml(section.claim.quote)}</p><footer>— ${escapeHtml(section.claim.source)}</footer></blockquote>
<p>${escapeHtml(section.claim.explanation)}</p>
</div>
${body}
${definitions(section)}
${notes}
${skipped}
${section.notRun || section.rows.length === 0 ? '' : htmlTable(section)}
</section>`;
}

/** report.html: self-contained (inline CSS and SVG, no scripts, no external references). */
export function renderHtml(report: Report, lang: Lang = 'en'): string {
  const t = translator(lang);
  const sections = buildSections(report, t);
  const nav = sections
    .map((s) => `<a href="#${escapeHtml(s.name)}">${escapeHtml(s.claim.title)}</a>`)
    .join(' · ');
  const meta = metaLines(report, t)
    .map((line) => `<p class="${line.startsWith('⚠') ? 'overload' : 'meta'}">${escapeHtml(line)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('report.title'))} ${escapeHtml(report.startedAt)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(t('report.title'))}</h1>
${headlineCards(report, t)}
${thresholdsHtml(report.thresholds, t)}
<div class="about">
${meta}
</div>
<nav>${nav}</nav>
<h2 id="summary">${escapeHtml(t('report.summary.title'))}</h2>
${summaryTable(report, t)}
${sections.map((section) => renderSection(report, section, t)).join('\n')}
</body>
</html>
`;
}
