import type { Translate } from '../../lib/i18n/index.ts';
import type { Report, RunResult } from '../core/types.ts';
import { emptySection, resultsOf, type Section } from '../report/section.ts';
import { num, runLabel, seconds, shortRunLabel } from '../report/words.ts';
import type { LifetimePoint } from './types.ts';

/** `12.3 | 456` from the two clients of a lifetime point. */
const pair = (ahead: number, after401: number, digits: number) =>
  `${num(ahead, digits)} | ${num(after401, digits)}`;

function lifetimeRow(run: RunResult, p: LifetimePoint, t: Translate): string[] {
  const digits = p.refreshesPerUserHour < 10 ? 2 : 0;
  return [
    runLabel(run, t),
    seconds(p.accessTtlSeconds, t),
    t(p.measured ? 'common.measured' : 'common.derived'),
    pair(p.clients.ahead.refreshesPerUserHour, p.clients.after401.refreshesPerUserHour, digits),
    pair(p.clients.ahead.failedRequestsPerUserHour, p.clients.after401.failedRequestsPerUserHour, digits),
    num(p.storeWritesPerUserHour, digits),
    num(p.exposureSeconds, 1),
  ];
}

/** lifetimes: one row per run and lifetime (measured, then derived), and how it was measured. */
export function lifetimesSection(report: Report, t: Translate): Section {
  const section = emptySection(report, 'lifetimes', t, [
    'lifetimes.col.run',
    'lifetimes.col.ttl',
    'lifetimes.col.kind',
    'lifetimes.col.refreshes',
    'lifetimes.col.failed',
    'lifetimes.col.writes',
    'lifetimes.col.exposure',
  ]);
  const results = resultsOf(report, 'lifetimes');
  for (const { run, value } of results) section.rows.push(...value.points.map((p) => lifetimeRow(run, p, t)));
  if (results.length === 0) return section;
  const withStore = results.find(({ value }) => value.writesPerRefresh > 0)?.value ?? results[0]!.value;
  section.notes.push(
    t('lifetimes.note.how', {
      interval: withStore.requestIntervalMs,
      writes: num(withStore.writesPerRefresh, 2),
      beyond: num(withStore.exposureBeyondLifetimeSeconds, 1),
    }),
  );
  for (const { run, value } of results) {
    section.notes.push(
      t('lifetimes.note.beyond', {
        run: shortRunLabel(run, t),
        beyond: num(value.exposureBeyondLifetimeSeconds, 1),
      }),
    );
  }
  return section;
}
