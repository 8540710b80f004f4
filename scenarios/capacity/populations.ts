import { spreadOf } from '../core/spread.ts';
import { bytesPerStep, type PopulationPlan, stepTargets } from './math.ts';
import type { CapacityPopulation, SessionHome } from './types.ts';

export interface PopulationProbes {
  where: SessionHome;
  /** Server bytes where the sessions live (node heap after a GC, or Redis used_memory). */
  readBytes(): Promise<number>;
  /** Adds sessions until there are `to` (from `from`), by real logins or through the store API. */
  grow(from: number, to: number, plan: PopulationPlan): Promise<void>;
  /**
   * Sessions actually stored (Redis: DBSIZE of the private server), when the store can say: a
   * write retried after a timeout may have landed twice or not at all, and the count stays exact.
   */
  countSessions?(): Promise<number>;
}

/**
 * Grows the population level by level; each level is reached in three equal steps and each step
 * gives one bytes/session sample (bytes added / sessions added), so a level's figure is a median
 * of three with its range. Hash tables grow by doubling, so a step that crosses a resize costs more:
 * the range shows it instead of hiding it in an average.
 */
export async function measurePopulations(
  probes: PopulationProbes,
  plan: PopulationPlan,
): Promise<CapacityPopulation[]> {
  const baseline = await probes.readBytes();
  const countBase = probes.countSessions ? await probes.countSessions() : 0;
  let stored = 0;
  let current = 0;
  let last = baseline;
  const populations: CapacityPopulation[] = [];
  for (const level of plan.levels) {
    const samples: number[] = [];
    for (const target of stepTargets(current, level)) {
      await probes.grow(current, target, plan);
      const now = await probes.readBytes();
      const storedNow = probes.countSessions ? (await probes.countSessions()) - countBase : target;
      samples.push(bytesPerStep(last, now, storedNow - stored));
      stored = storedNow;
      last = now;
      current = target;
    }
    populations.push({
      sessions: level,
      createdBy: level <= plan.loginPopulation ? 'login' : 'store-api',
      where: probes.where,
      bytesPerSession: spreadOf(samples),
      totalBytes: last - baseline,
    });
  }
  return populations;
}
