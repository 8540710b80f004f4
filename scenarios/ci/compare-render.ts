import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import { escapeHtml, escapeMarkdownCell, escapeMarkdownText } from '../report/escape.ts';
import { CSS } from '../report/html-style.ts';
import { displayWidth, padTo } from '../report/width.ts';
import type { CompareRow, Comparison, Difference, Verdict } from './compare.ts';
import { type FigureValue, hasSpread } from './figure-values.ts';
import type { FigureUnit } from './figures.ts';
import { formatFigure } from './render.ts';
import { runText } from './samples.ts';

/** A comparison in words: one table (terminal, Markdown, HTML) plus the warnings above it. */
const VERDICT: Record<Verdict, { mark: string; key: MessageKey; tone: 'good' | 'bad' | 'dim' }> = {
  better: { mark: '✓', key: 'compare.verdict.better', tone: 'good' },
  worse: { mark: '✗', key: 'compare.verdict.worse', tone: 'bad' },
  'no-clear-difference': { mark: '≈', key: 'compare.verdict.no-clear-difference', tone: 'dim' },
  same: { mark: '=', key: 'compare.verdict.same', tone: 'dim' },
  changed: { mark: '~', key: 'compare.verdict.changed', tone: 'dim' },
};

const DIFFERENCE: Record<Difference['what'], MessageKey> = {
  kind: 'compare.diff.kind',
  cores: 'compare.diff.cores',
  cpu: 'compare.diff.cpu',
  node: 'compare.diff.node',
  commit: 'compare.diff.commit',
  quick: 'compare.diff.quick',
};

export function valueCell(value: FigureValue, unit: FigureUnit, t: Translate): string {
  const median = formatFigure(hasSpread(value) ? value.median : value, unit, t);
  if (!hasSpread(value)) return median;
  const end = (n: number) => formatFigure(n, 'count', t);
  return `${median} (${end(value.min)}–${end(value.max)})`;
}

function changeCell(row: CompareRow): string {
  if (row.changePercent === null) return '∞';
  const rounded = Math.round(row.changePercent * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded} %`;
}

function verdictCell(row: CompareRow, t: Translate): string {
  const verdict = VERDICT[row.verdict];
  const text = `${verdict.mark} ${t(verdict.key)}`;
  const moved = row.verdict === 'better' || row.verdict === 'worse' || row.verdict === 'changed';
  return moved && !row.ranged ? `${text} ${t('compare.one-value')}` : text;
}

export interface CompareTable {
  headers: string[];
  rows: { cells: string[]; tone: 'good' | 'bad' | 'dim' }[];
}

export function compareTable(comparison: Comparison, t: Translate): CompareTable {
  return {
    headers: (
      [
        'compare.col.figure',
        'compare.col.run',
        'compare.col.a',
        'compare.col.b',
        'compare.col.change',
        'compare.col.verdict',
      ] as const
    ).map((key) => t(key)),
    rows: comparison.rows.map((row) => ({
      cells: [
        row.figure.name,
        runText(row.labels) || '–',
        `${row.lowerBound?.a ? '≥ ' : ''}${valueCell(row.a, row.figure.unit, t)}`,
        `${row.lowerBound?.b ? '≥ ' : ''}${valueCell(row.b, row.figure.unit, t)}`,
        changeCell(row),
        verdictCell(row, t),
      ],
      tone: VERDICT[row.verdict].tone,
    })),
  };
}

/** Warnings (machine or version differences) and the figures only one side has. */
export function compareNotes(comparison: Comparison, t: Translate): string[] {
  const notes: string[] = [];
  if (comparison.differences.length > 0) {
    notes.push(`⚠ ${t('compare.warning.heading')}`);
    for (const d of comparison.differences) {
      const key = d.what === 'commit' && d.a === d.b ? 'compare.diff.commit-unknown' : DIFFERENCE[d.what];
      notes.push(`  - ${t(key, { a: d.a, b: d.b })}`);
    }
  }
  if (comparison.onlyA.length > 0) notes.push(t('compare.only-a', { names: comparison.onlyA.join(', ') }));
  if (comparison.onlyB.length > 0) notes.push(t('compare.only-b', { names: comparison.onlyB.join(', ') }));
  notes.push(t('compare.legend'));
  return notes;
}

export function compareText(comparison: Comparison, t: Translate, sources: { a: string; b: string }): string {
  const table = compareTable(comparison, t);
  const widths = table.headers.map((h, i) =>
    Math.max(displayWidth(h), ...table.rows.map((row) => displayWidth(row.cells[i]!))),
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => padTo(cell, widths[i]!, i >= 2 && i <= 4)).join('  ');
  return [
    t('compare.title'),
    t('compare.sources', sources),
    '',
    line(table.headers).trimEnd(),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...table.rows.map((row) => line(row.cells).trimEnd()),
    '',
    ...compareNotes(comparison, t),
    '',
  ].join('\n');
}

export function compareMarkdown(
  comparison: Comparison,
  t: Translate,
  sources: { a: string; b: string },
): string {
  const table = compareTable(comparison, t);
  const row = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [
    `# ${t('compare.title')}`,
    '',
    escapeMarkdownText(t('compare.sources', sources)),
    '',
    ...compareNotes(comparison, t).map((note) =>
      note.startsWith('  - ') ? escapeMarkdownText(note) : `${escapeMarkdownText(note)}  `,
    ),
    '',
    row(table.headers),
    `|${table.headers.map(() => '---').join('|')}|`,
    ...table.rows.map((r) => row(r.cells)),
    '',
  ].join('\n');
}

export function compareHtml(
  comparison: Comparison,
  t: Translate,
  sources: { a: string; b: string },
  lang: string,
): string {
  const table = compareTable(comparison, t);
  const head = table.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = table.rows
    .map(
      (r) =>
        `<tr>${r.cells.map((cell, i) => `<td${i === 5 ? ` class="${r.tone}"` : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const notes = compareNotes(comparison, t)
    .map(
      (note) =>
        `<li${note.startsWith('⚠') ? ' class="warn"' : ''}>${escapeHtml(note.replace(/^ {2}- /, '— '))}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('compare.title'))}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(t('compare.title'))}</h1>
<p class="meta">${escapeHtml(t('compare.sources', sources))}</p>
<ul class="notes">${notes}</ul>
<div class="wide"><table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>
</body>
</html>
`;
}
