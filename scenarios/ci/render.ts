import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import { escapeHtml, escapeMarkdownCell } from '../report/escape.ts';
import type { ThresholdResult } from './evaluate.ts';
import type { FigureUnit } from './figures.ts';
import { runText } from './samples.ts';

/**
 * Thresholds in words: the terminal lines, a Markdown section and an HTML section, each listing
 * every threshold with what was measured and ✓ / ✗ (or ? when nothing was measured).
 */
export const STATUS_MARK = { passed: '✓', failed: '✗', missing: '?' } as const;
const STATUS_WORD: Record<ThresholdResult['status'], MessageKey> = {
  passed: 'ci.status.passed',
  failed: 'ci.status.failed',
  missing: 'ci.status.missing',
};
const UNIT_WORD: Record<Exclude<FigureUnit, 'ratio' | 'count'>, MessageKey> = {
  'req/s': 'ci.unit.rps',
  ms: 'ci.unit.ms',
  µs: 'ci.unit.micros',
  ops: 'ci.unit.ops',
  bytes: 'ci.unit.bytes',
  s: 'ci.unit.s',
};

/** `12.3 ms`, `0.667`, `412 bytes`: up to 3 decimals, the unit in the reader's language. */
export function formatFigure(value: number, unit: FigureUnit, t: Translate): string {
  const digits = Math.abs(value) >= 100 ? 1 : 3;
  const number = String(Math.round(value * 10 ** digits) / 10 ** digits);
  if (unit === 'ratio' || unit === 'count') return number;
  return `${number} ${t(UNIT_WORD[unit])}`;
}

/** What was measured, per run: `mode=memory,strategy=round-robin: 0.667 ✗; mode=jwt,…: 0 ✓`. */
export function measuredText(result: ThresholdResult, t: Translate): string {
  if (result.status === 'missing') {
    return t('ci.threshold.missing', {
      figure: result.figure,
      names: (result.available ?? []).join(', ') || '–',
    });
  }
  const many = result.measured.length > 1;
  return result.measured
    .map((m) => {
      const value = `${m.lowerBound ? '≥ ' : ''}${formatFigure(m.value, result.unit, t)}`;
      const where = runText(m.labels);
      const mark = many ? ` ${m.passed ? '✓' : '✗'}` : '';
      return where ? `${where}: ${value}${mark}` : `${value}${mark}`;
    })
    .join('; ');
}

export function thresholdCounts(results: readonly ThresholdResult[]) {
  const count = (status: ThresholdResult['status']) => results.filter((r) => r.status === status).length;
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    missing: count('missing'),
  };
}

/** The terminal block (plain text; the CLI adds colour). Empty when there are no thresholds. */
export function renderThresholdLines(results: readonly ThresholdResult[], t: Translate): string[] {
  if (results.length === 0) return [];
  return [
    t('ci.threshold.heading', thresholdCounts(results)),
    ...results.map((r) => `  ${STATUS_MARK[r.status]} ${r.expression} — ${measuredText(r, t)}`),
  ];
}

export function thresholdsMarkdown(results: readonly ThresholdResult[] | undefined, t: Translate): string {
  if (!results || results.length === 0) return '';
  const head = `| ${t('ci.col.result')} | ${t('ci.col.threshold')} | ${t('ci.col.measured')} |\n|---|---|---|`;
  const rows = results.map(
    (r) =>
      `| ${STATUS_MARK[r.status]} ${t(STATUS_WORD[r.status])} | ${escapeMarkdownCell(r.expression)} | ${escapeMarkdownCell(measuredText(r, t))} |`,
  );
  return [
    `## ${t('ci.threshold.title')}`,
    '',
    t('ci.threshold.heading', thresholdCounts(results)),
    '',
    head,
    ...rows,
    '',
  ].join('\n');
}

const STATUS_CLASS = { passed: 'good', failed: 'bad', missing: 'warn' } as const;

export function thresholdsHtml(results: readonly ThresholdResult[] | undefined, t: Translate): string {
  if (!results || results.length === 0) return '';
  const rows = results
    .map(
      (r) =>
        `<tr><td class="${STATUS_CLASS[r.status]}">${STATUS_MARK[r.status]} ${escapeHtml(t(STATUS_WORD[r.status]))}</td><td><code>${escapeHtml(r.expression)}</code></td><td>${escapeHtml(measuredText(r, t))}</td></tr>`,
    )
    .join('\n');
  return `<section id="thresholds">
<h2>${escapeHtml(t('ci.threshold.title'))}</h2>
<p>${escapeHtml(t('ci.threshold.heading', thresholdCounts(results)))}</p>
<div class="wide"><table><thead><tr><th>${escapeHtml(t('ci.col.result'))}</th><th>${escapeHtml(t('ci.col.threshold'))}</th><th>${escapeHtml(t('ci.col.measured'))}</th></tr></thead><tbody>
${rows}
</tbody></table></div>
</section>`;
}
