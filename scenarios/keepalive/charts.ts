import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { lookup } from '../report/lookup.ts';
import { barChart } from '../report/svg-bar.ts';
import { FAIL_COLOR } from '../report/svg-common.ts';
import { percent, shortRunLabel } from '../report/words.ts';
import type { KeepaliveLine } from './run.ts';

/** A short axis label: which balancing, and whether the connection was kept or re-opened. */
function lineLabel(line: KeepaliveLine, t: Translate): string {
  if (line.strategy !== 'connection') return t('keepalive.axis.per-request');
  return line.reconnectEvery === null
    ? t('keepalive.axis.kept')
    : t('keepalive.axis.reopened', { k: line.reconnectEvery });
}

/** keepalive: measured failure rate per line with its theory marker, one chart per run. */
export function keepaliveCharts(report: Report, t: Translate): string[] {
  return report.results.flatMap((run) => {
    const found = lookup(run, 'keepalive');
    if (found.kind !== 'ok') return [];
    const lines = found.value.lines;
    return [
      barChart({
        title: `${t('report.claim.keepalive.title')} — ${shortRunLabel(run, t)}`,
        categories: lines.map((line) => lineLabel(line, t)),
        series: [
          {
            name: t('report.legend.measured'),
            values: lines.map((line) => line.failureRate),
            color: FAIL_COLOR,
          },
        ],
        markers: lines.map((line) => line.expectedRate),
        markerLabel: t('report.legend.expected'),
        format: percent,
        yMax: 1,
        missingLabel: t('report.cell.skipped'),
      }),
    ];
  });
}
