import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { buildSection, type Section } from '../report/section.ts';
import { num, percent, runLabel } from '../report/words.ts';

/** scale: one row per run and node count — failure rate against theory, and node CPU. */
export function scaleSection(report: Report, t: Translate): Section {
  const scale = buildSection(
    report,
    t,
    'scale',
    [
      'report.col.run',
      'report.col.nodes',
      'report.col.failure-rate',
      'report.col.expected-rate',
      'report.col.cpu-at-n',
    ],
    (v, run) =>
      v.points.map((p) => [
        runLabel(run, t),
        num(p.nodes),
        percent(p.failureRate),
        percent(p.expectedRate),
        num(p.cpuMicrosPerRequest),
      ]),
  );
  scale.notes.push(t('report.scale.cpu-caveat', { cores: report.machine.cores ?? report.machine.cpus }));
  return scale;
}
