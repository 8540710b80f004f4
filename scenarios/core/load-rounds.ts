import type { FloorRounds } from '../load/floor/demo-floor.ts';
import { floorRound } from '../load/floor/floor-round.ts';
import {
  loadRound,
  loadSkip,
  type MeasuredRound,
  type PreparedLoad,
  prepareLoad,
  summarizeLoad,
} from '../load/run.ts';
import type { ScenarioContext, ScenarioOptions } from './context.ts';
import type { LoadResult, ProgressEvent, Skipped } from './types.ts';

/**
 * The demo's load phase: the rounds of every run are interleaved (A B C D A B C D …), so whatever
 * else the shared machine does at some moment hits every mode alike, and the spread of each
 * figure over the rounds shows how much of a difference is noise. All clusters are alive at once
 * (idle ones cost only their balancers' health checks).
 */
interface Entry {
  ctx: ScenarioContext;
  prepared?: PreparedLoad;
  rounds: MeasuredRound[];
  failed?: string;
  ms: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Each floor's round, after the modes' rounds: same connections and phase length as theirs. */
async function floorRounds(floors: FloorRounds[], entries: Entry[], options: ScenarioOptions): Promise<void> {
  const prepared = entries.find((entry) => entry.prepared)?.prepared;
  const connections = prepared?.connections ?? Math.max(1, Math.min(options.users, options.quick ? 10 : 32));
  const seconds = prepared?.phaseSeconds ?? Math.max(1, options.durationSeconds);
  for (const floor of floors) {
    if (floor.failed) continue;
    try {
      floor.cpuMicrosPerRequest.push(
        (await floorRound(floor.floor, connections, seconds)).cpuMicrosPerRequest,
      );
    } catch (error) {
      floor.failed = message(error);
    }
  }
}

export async function interleavedLoad(
  contexts: ScenarioContext[],
  options: ScenarioOptions,
  rounds: number,
  emit: (event: ProgressEvent) => void,
  floors: FloorRounds[] = [],
): Promise<(LoadResult | Skipped)[]> {
  const entries: Entry[] = contexts.map((ctx) => ({ ctx, rounds: [], ms: 0 }));
  for (const entry of entries) {
    if (loadSkip(entry.ctx)) continue;
    const started = performance.now();
    emit({ type: 'scenario-start', mode: entry.ctx.run, strategy: entry.ctx.strategy, scenario: 'load' });
    try {
      entry.prepared = await prepareLoad(entry.ctx, options);
    } catch (error) {
      entry.failed = `failed: ${message(error)}`;
    }
    entry.ms += performance.now() - started;
  }
  const begin = performance.now();
  for (let round = 1; round <= rounds; round++) {
    for (const entry of entries) {
      if (!entry.prepared || entry.failed) continue;
      const started = performance.now();
      try {
        entry.rounds.push(await loadRound(entry.ctx, entry.prepared, round, started - begin));
      } catch (error) {
        entry.failed = `failed: ${message(error)}`;
      }
      const ms = performance.now() - started;
      entry.ms += ms;
      const { run: mode, strategy } = entry.ctx;
      emit({ type: 'load-round', mode, strategy, round, rounds, ms: Math.round(ms) });
    }
    await floorRounds(floors, entries, options);
  }
  return entries.map((entry) => {
    const skip = loadSkip(entry.ctx);
    if (skip) return skip;
    const result: LoadResult | Skipped =
      entry.failed || !entry.prepared
        ? { skipped: true, reason: entry.failed ?? 'failed: not prepared' }
        : summarizeLoad(entry.prepared, entry.rounds);
    emit({
      type: 'scenario-end',
      mode: entry.ctx.run,
      strategy: entry.ctx.strategy,
      scenario: 'load',
      ms: Math.round(entry.ms),
      ...('skipped' in result && { skipped: result.reason }),
    });
    return result;
  });
}
