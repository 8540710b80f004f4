import type { Translate } from '../../lib/i18n/index.ts';
import type { NodeFailureResult, Report, StoreFailureResult } from '../core/types.ts';
import { runsFor } from './chart-runs.ts';
import { escapeHtml } from './escape.ts';
import { failureFigures } from './failure-words.ts';
import { lookup } from './lookup.ts';
import { type TimelineLabels, timelineChart } from './svg-timeline.ts';
import { num } from './words.ts';

/** The failure scenarios' charts (node-failure, store-failure): a request timeline around the fault. */
function timelineLabels(
  t: Translate,
  name: 'node-failure' | 'store-failure',
  partition: boolean,
): TimelineLabels {
  return {
    ok: t('report.legend.ok'),
    failed: t('report.legend.failed'),
    seconds: t('report.legend.seconds'),
    fault: partition
      ? t('report.legend.partition')
      : t(name === 'node-failure' ? 'report.legend.node-down' : 'report.legend.store-down'),
    kill: t('report.legend.node-killed'),
    noData: t('report.legend.no-data'),
    lane: (kind, totals) => t('report.legend.lane', { kind, ok: num(totals.ok), failed: num(totals.failed) }),
    kinds: {
      access: t('report.kind.access'),
      refresh: t('report.kind.refresh'),
      login: t('report.kind.login'),
      all: t('report.kind.all'),
    },
  };
}

/** One card per run: its timeline and, beside it, its derived figures with their definitions. */
export function failureCards(report: Report, name: 'node-failure' | 'store-failure', t: Translate): string[] {
  const { runs, labels } = runsFor(report, name, t);
  const cards: string[] = [];
  runs.forEach((run, i) => {
    const found = lookup(run, name);
    if (found.kind !== 'ok') return;
    const result = found.value as NodeFailureResult | StoreFailureResult;
    const chart = timelineChart({
      title: t('report.chart.timeline', { run: labels[i]! }),
      points: result.timeline,
      ...(result.bucketSeconds !== undefined && { bucketSeconds: result.bucketSeconds }),
      ...(result.fault !== undefined && { fault: result.fault }),
      labels: timelineLabels(t, name, result.fault?.kind === 'partition'),
    });
    const figures = failureFigures(result, name, t)
      .map((f) => {
        const symbol = f.tone === 'bad' ? '✗ ' : f.tone === 'warn' ? '⚠ ' : f.tone === 'good' ? '✓ ' : '';
        return `<dt class="${f.tone}">${symbol}${escapeHtml(f.term)}: ${escapeHtml(f.value)}</dt><dd>${escapeHtml(f.text)}</dd>`;
      })
      .join('');
    cards.push(`<div class="fail-card">${chart}<dl>${figures}</dl></div>`);
  });
  return cards;
}
