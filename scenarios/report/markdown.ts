import { type Lang, type Translate, translator } from '../../lib/i18n/index.ts';
import { thresholdsMarkdown } from '../ci/render.ts';
import type { Report } from '../core/types.ts';
import { escapeMarkdownCell, escapeMarkdownText as text } from './escape.ts';
import { headline, metaLines } from './headline.ts';
import { buildSections } from './sections.ts';
import { buildSummary } from './summary.ts';
import { columnRuns, summaryNotes } from './table.ts';

const TONE_MARK = { bad: '✗ ', warn: '⚠ ', good: '', dim: '' } as const;

function mdTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function summaryTable(report: Report, t: Translate): string {
  const summary = buildSummary(columnRuns(report), t);
  const headers = [
    t('report.col.figure'),
    ...summary.headers.map(([mode, strategy]) => `${mode} · ${strategy}`),
  ];
  const rows = summary.rows.map((row) => [
    row.range ? `↳ ${t(row.key)}` : t(row.key),
    ...row.cells.map((cell) => `${cell.tone ? TONE_MARK[cell.tone] : ''}${cell.text}`),
  ]);
  return mdTable(headers, rows);
}

/** report.md: headline, summary, then one section per scenario with the study note's claim. */
export function renderMarkdown(report: Report, lang: Lang = 'en'): string {
  const t = translator(lang);
  const out: string[] = [
    `# ${t('report.title')}`,
    '',
    ...metaLines(report, t).map((line) => `${text(line)}  `),
    '',
  ];
  const head = headline(report, t);
  if (head.length > 0) {
    out.push(`## ${t('report.headline.title')}`, '');
    out.push(
      mdTable(
        [t('report.col.run'), t('report.col.measured'), t('report.col.expected'), t('report.col.trade-off')],
        head.map((h) => [h.label, `${TONE_MARK[h.tone]}${h.measured} (${h.detail})`, h.expected, h.caption]),
      ),
      '',
    );
  }
  const thresholds = thresholdsMarkdown(report.thresholds, t);
  if (thresholds) out.push(thresholds, '');
  out.push(`## ${t('report.summary.title')}`, '', summaryTable(report, t), '');
  out.push(
    ...summaryNotes(report, t, { machine: false }).map((note) => {
      if (note.startsWith('  - ')) return text(note);
      return note.startsWith('  ') ? `  - ${text(note.trim())}` : `- ${text(note)}`;
    }),
  );
  for (const section of buildSections(report, t)) {
    out.push('', `## ${section.claim.title} (\`${section.name}\`)`, '');
    out.push(`> ${section.claim.quote}`, '>', `> — ${section.claim.source}`, '');
    out.push(section.claim.explanation, '');
    if (section.notRun) {
      out.push(`_${t('report.section.not-run')}_`);
      continue;
    }
    if (section.rows.length > 0) out.push(mdTable(section.headers, section.rows), '');
    for (const d of section.definitions)
      out.push(`- ${d.tone === 'bad' ? '✗ ' : ''}**${text(d.term)}** — ${text(d.text)}`);
    if (section.definitions.length > 0) out.push('');
    for (const note of section.notes) out.push(text(note), '');
    for (const skipped of section.skipped)
      out.push(`- ${t('report.cell.skipped')}: ${escapeMarkdownCell(skipped)}`);
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
