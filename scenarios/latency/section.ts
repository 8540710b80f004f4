import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { lookup } from '../report/lookup.ts';
import { buildSection, type Section, spreadCell } from '../report/section.ts';
import { num, runLabel, shortRunLabel } from '../report/words.ts';

/** latency: one row per run and store RTT — latency, what the link added, and the theory. */
export function latencySection(report: Report, t: Translate): Section {
  const section = buildSection(
    report,
    t,
    'latency',
    [
      'report.col.run',
      'latency.col.rtt',
      'latency.col.p50',
      'latency.col.p99',
      'latency.col.added-p50',
      'latency.col.added-p99',
      'latency.col.theory',
    ],
    (value, run) =>
      value.points.map((point) => [
        runLabel(run, t),
        `${num(point.storeRttMs, 1)} → ${num(point.measuredRttMs, 2)}`,
        spreadCell(point.p50, 2),
        spreadCell(point.p99, 2),
        spreadCell(point.addedP50, 2),
        spreadCell(point.addedP99, 2),
        num(point.theoryAddedMs, 2),
      ]),
  );
  for (const run of report.results) {
    const found = lookup(run, 'latency');
    if (found.kind !== 'ok') continue;
    const value = found.value;
    section.notes.push(
      t('latency.note.how', {
        run: shortRunLabel(run, t),
        trips: value.roundTrips,
        what: t(run.mode === 'jwt-redis' ? 'latency.what.jwt-redis' : 'latency.what.redis'),
        rounds: value.rounds,
        seconds: value.phaseSeconds,
        rate: num(value.rate),
      }),
    );
  }
  return section;
}
