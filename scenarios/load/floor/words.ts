import type { Translate } from '../../../lib/i18n/index.ts';
import { clearDifference } from '../../core/spread.ts';
import type { Report, Spread } from '../../core/types.ts';
import { lookup } from '../../report/lookup.ts';
import { num, runLabel } from '../../report/words.ts';

/**
 * The load section's floor lines: the floor's own figures, then for each run what it costs beside
 * its floor — the runs with a store (redis, jwt-redis) beside the route doing one Redis GET, the
 * others beside the bare route — so the store round trip and authscale's own path are told apart.
 */
const STORE_RUNS = new Set(['redis', 'jwt-redis']);
const us = (value: number) => num(value, 0);

export function floorNotes(report: Report, t: Translate): string[] {
  const floor = report.loadFloor;
  if (!floor) return [];
  const notes: string[] = [];
  const { none, redis } = floor;
  if (none && redis) {
    const roundTrip = us(redis.median - none.median);
    notes.push(
      t('report.floor.measured', {
        nodes: floor.nodes,
        none: us(none.median),
        redis: us(redis.median),
        roundTrip,
      }),
    );
  } else if (none) {
    notes.push(t('report.floor.measured-plain', { nodes: floor.nodes, none: us(none.median) }));
  }
  for (const run of report.results) {
    const found = lookup(run, 'load');
    if (found.kind !== 'ok' || run.skipped !== undefined) continue;
    const cpu = found.value.spread?.cpuMicrosPerRequest;
    if (!cpu) continue;
    const line = STORE_RUNS.has(run.mode)
      ? redis && none && runLine(t, runLabel(run, t), cpu, redis, none)
      : none && runLine(t, runLabel(run, t), cpu, none, undefined);
    if (line) notes.push(line);
  }
  if (floor.skipped) notes.push(t('report.floor.skipped', { reason: floor.skipped }));
  return notes;
}

/**
 * One run beside its floor; `bare` is given for store runs (the round trip = floor − bare). Only a
 * run clearly above its floor (ranges apart) gets a figure for what authscale adds.
 */
function runLine(t: Translate, run: string, cpu: Spread, floor: Spread, bare: Spread | undefined): string {
  const params = { run, cpu: us(cpu.median), floor: us(floor.median), extra: us(cpu.median - floor.median) };
  const above = clearDifference(cpu, floor) && cpu.median > floor.median;
  if (bare) {
    const roundTrip = us(floor.median - bare.median);
    return t(above ? 'report.floor.store-run' : 'report.floor.store-run-same', { ...params, roundTrip });
  }
  return t(above ? 'report.floor.plain-run' : 'report.floor.plain-run-same', params);
}
