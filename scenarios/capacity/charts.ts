import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { formatBytes } from '../report/bytes.ts';
import { lookup } from '../report/lookup.ts';
import { type LogSeries, logLineChart } from '../report/svg-log.ts';
import { shortRunLabel } from '../report/words.ts';

/** capacity: server memory vs live sessions, one line per run that keeps something (log–log). */
export function capacityCharts(report: Report, t: Translate): string[] {
  const series: LogSeries[] = [];
  const zero: string[] = [];
  for (const run of report.results) {
    const found = lookup(run, 'capacity');
    if (found.kind !== 'ok') continue;
    const name = shortRunLabel(run, t);
    if (found.value.where === 'none') {
      zero.push(t('capacity.chart.zero', { run: name }));
      continue;
    }
    series.push({ name, points: found.value.populations.map((p) => ({ x: p.sessions, y: p.totalBytes })) });
  }
  if (series.length === 0) return [];
  return [
    logLineChart({
      title: t('capacity.chart.title'),
      series,
      xLabel: t('capacity.chart.x'),
      format: formatBytes,
      ...(zero.length > 0 && { caption: zero.join('; ') }),
    }),
  ];
}
