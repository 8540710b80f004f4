import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { CapacityResult } from '../capacity/types.ts';
import type { Report, RunResult, ScenarioName, Spread } from '../core/types.ts';
import type { LifetimePoint, LifetimesResult } from '../lifetimes/types.ts';
import { formatBytes } from './bytes.ts';
import { lookup } from './lookup.ts';
import { build, type Section } from './sections.ts';
import { num, runLabel, seconds, shortRunLabel } from './words.ts';

/** The memory store's size bound, named in the note when a memory run stops there. */
const MEMORY_STORE_BOUND = 100_000;

/** The section's frame (claim, headers, skips); its rows are built below from the results. */
function emptySection(report: Report, name: ScenarioName, t: Translate, headerKeys: MessageKey[]): Section {
  return build(report, t, name, headerKeys, () => []);
}

function resultsOf<K extends 'capacity' | 'lifetimes'>(
  report: Report,
  name: K,
): { run: RunResult; value: K extends 'capacity' ? CapacityResult : LifetimesResult }[] {
  return report.results.flatMap((run) => {
    const found = lookup(run, name);
    return found.kind === 'ok' ? [{ run, value: found.value as never }] : [];
  });
}

const spreadBytes = (value: number | Spread) =>
  typeof value === 'number'
    ? formatBytes(value)
    : `${num(value.median)} (${num(value.min)}–${num(value.max)})`;

/** capacity: one row per run and population, then the derived "what it means" lines. */
export function capacitySection(report: Report, t: Translate): Section {
  const section = emptySection(report, 'capacity', t, [
    'capacity.col.run',
    'capacity.col.sessions',
    'capacity.col.made-by',
    'capacity.col.where',
    'capacity.col.bytes',
    'capacity.col.total',
  ]);
  const results = resultsOf(report, 'capacity');
  for (const { run, value } of results) {
    for (const p of value.populations) {
      section.rows.push([
        runLabel(run, t),
        num(p.sessions),
        t(p.createdBy === 'login' ? 'capacity.made.login' : 'capacity.made.store-api'),
        t(`capacity.where.${p.where}` as MessageKey),
        spreadBytes(p.bytesPerSession),
        formatBytes(p.totalBytes),
      ]);
    }
  }
  if (results.length === 0) return section;
  const first = results[0]!.value;
  section.notes.push(t('capacity.note.how', { login: num(first.loginPopulation), cost: first.scryptCost }));
  const cookie = results.find(({ value }) => value.credentialKind === 'cookie')?.value.credentialHeaderBytes;
  for (const { run, value } of results) {
    const name = shortRunLabel(run, t);
    if (value.runMode === 'memory' && value.populations.at(-1)!.sessions >= MEMORY_STORE_BOUND) {
      section.notes.push(t('capacity.note.memory-bound', { run: name, bound: num(MEMORY_STORE_BOUND) }));
    }
    if (value.heapCheckBytesPerLogin) {
      const check = value.heapCheckBytesPerLogin;
      section.notes.push(
        t('capacity.note.jwt-check', {
          run: name,
          median: num(check.median),
          min: num(check.min),
          max: num(check.max),
        }),
      );
    }
  }
  section.notes.push(t('capacity.meaning.title'));
  for (const { run, value } of results) section.notes.push(...meaningLines(run, value, cookie, t));
  return section;
}

function meaningLines(
  run: RunResult,
  value: CapacityResult,
  cookieBytes: number | undefined,
  t: Translate,
): string[] {
  const name = shortRunLabel(run, t);
  return value.implications.map((line) => {
    const common = { run: name, users: num(line.users), rate: num(value.wireRate) };
    if (value.where === 'node-heap')
      return t('capacity.meaning.node-heap', { ...common, bytes: formatBytes(line.serverBytes) });
    if (value.where === 'redis')
      return t('capacity.meaning.redis', { ...common, bytes: formatBytes(line.serverBytes) });
    const wire = formatBytes(line.credentialBytesPerSecond);
    if (cookieBytes === undefined) return t('capacity.meaning.none', { ...common, wire });
    const more = formatBytes((value.credentialHeaderBytes - cookieBytes) * value.wireRate);
    return t('capacity.meaning.none-more', { ...common, wire, more });
  });
}

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
