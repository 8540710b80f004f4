import type { Translate } from '../../lib/i18n/index.ts';
import { escapeHtml, escapeMarkdownCell, escapeMarkdownText } from '../report/escape.ts';
import { CSS } from '../report/html-style.ts';
import { lineChart } from '../report/svg-line.ts';
import { findFigure } from './figures.ts';
import { HEADLINE_FIGURES, type History, type HistoryEntry, headlineValues, trendSeries } from './history.ts';
import { formatFigure } from './render.ts';

/** The history page: a table of past runs and a small trend chart per headline figure. */
function headers(t: Translate): string[] {
  return [
    t('history.col.date'),
    t('history.col.folder'),
    t('history.col.runs'),
    ...HEADLINE_FIGURES,
    t('history.col.thresholds'),
  ];
}

/** One line per run inside a cell: `;` in Markdown, a line break in HTML. */
function cells(entry: HistoryEntry, t: Translate, separator = '; '): string[] {
  const figures = HEADLINE_FIGURES.map((figure) => {
    const unit = findFigure(figure)!.unit;
    const values = headlineValues(entry.report, figure);
    if (values.length === 0) return '–';
    return values.map(([run, value]) => `${run}: ${formatFigure(value, unit, t)}`).join(separator);
  });
  const th = entry.thresholds;
  const thresholds = th ? `${th.passed === th.total ? '✓' : '✗'} ${th.passed}/${th.total}` : '–';
  return [
    entry.report.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''),
    entry.name,
    entry.runs.join(separator),
    ...figures,
    thresholds,
  ];
}

function charts(history: History, t: Translate): string[] {
  return HEADLINE_FIGURES.flatMap((figure) => {
    const series = trendSeries(history.entries, figure);
    if (series.length === 0) return [];
    const unit = findFigure(figure)!.unit;
    return [
      lineChart({
        title: `${figure} (${unit})`,
        series,
        xLabel: t('history.axis'),
        format: (value) => formatFigure(value, 'count', t),
        width: 640,
        height: 260,
      }),
    ];
  });
}

function notes(history: History, t: Translate): string[] {
  const out = [t('history.lead', { count: history.entries.length })];
  if (history.unreadable.length > 0)
    out.push(`⚠ ${t('history.unreadable', { names: history.unreadable.join(', ') })}`);
  return out;
}

export function historyMarkdown(history: History, t: Translate): string {
  const row = (values: string[]) => `| ${values.map(escapeMarkdownCell).join(' | ')} |`;
  const head = headers(t);
  return [
    `# ${t('history.title')}`,
    '',
    ...notes(history, t).map((note) => `${escapeMarkdownText(note)}  `),
    '',
    row(head),
    `|${head.map(() => '---').join('|')}|`,
    ...history.entries.map((entry) => row(cells(entry, t))),
    '',
    t('history.charts-in-html'),
    '',
  ].join('\n');
}

export function historyHtml(history: History, t: Translate, lang: string): string {
  const head = headers(t)
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join('');
  const body = history.entries
    .map(
      (entry) =>
        `<tr>${cells(entry, t)
          .map((cell) => `<td>${escapeHtml(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const lead = notes(history, t)
    .map((note) => `<p class="${note.startsWith('⚠') ? 'overload' : 'meta'}">${escapeHtml(note)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('history.title'))}</title>
<style>${CSS} table.history td { white-space: pre-line; font-variant-numeric: tabular-nums; }</style>
</head>
<body>
<h1>${escapeHtml(t('history.title'))}</h1>
${lead}
<div class="charts">${charts(history, t).join('\n')}</div>
<div class="wide"><table class="history"><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>
</body>
</html>
`;
}
