import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { Report, RunResult, Spread } from '../core/types.ts';
import { formatBytes } from '../report/bytes.ts';
import { emptySection, resultsOf, type Section } from '../report/section.ts';
import { num, percent, runLabel, shortRunLabel } from '../report/words.ts';
import { SHARD_SAMPLE_KEYS } from './shards.ts';
import type { CapacityResult } from './types.ts';

/** The memory store's size bound, named in the note when a memory run stops there. */
const MEMORY_STORE_BOUND = 100_000;

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
  for (const { run, value } of results) section.notes.push(...shardLines(run, value, t));
  section.notes.push(t('capacity.meaning.title'));
  for (const { run, value } of results) section.notes.push(...meaningLines(run, value, cookie, t));
  return section;
}

/** Redis Cluster: how the largest population's keys and bytes split over the primaries. */
function shardLines(run: RunResult, value: CapacityResult, t: Translate): string[] {
  const shards = value.shards;
  if (!shards || shards.length === 0) return [];
  const total = shards.reduce((n, shard) => n + shard.keys, 0);
  const head = t('capacity.note.shards', {
    run: shortRunLabel(run, t),
    count: shards.length,
    sessions: num(value.populations.at(-1)?.sessions),
    sample: SHARD_SAMPLE_KEYS,
  });
  return [
    head,
    ...shards.map((shard) =>
      t('capacity.note.shard', {
        primary: shard.primary,
        slots: num(shard.slots),
        keys: num(shard.keys),
        share: total > 0 ? percent(shard.keys / total) : '–',
        used: formatBytes(shard.usedMemoryBytes),
        grown: formatBytes(shard.grownBytes),
        perKey: shard.sampledKeyBytes === null ? '–' : formatBytes(shard.sampledKeyBytes),
      }),
    ),
  ];
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
