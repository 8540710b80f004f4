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
 * (idle ones cost only their balancers' health checks). Preparing a run (logging its load users
 * in, the unmeasured warm-up) is separate: the demo does it at the end of the run's other
 * scenarios, so the quiet phase holds only measured rounds.
 */
export interface LoadEntry {
  ctx: ScenarioContext;
  prepared?: PreparedLoad;
  rounds: MeasuredRound[];
  failed?: string;
  ms: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Each floor's round, after the modes' rounds: the same connections and phase length as theirs.
 * No run prepared (all failed or skipped): nothing to compare a floor with, so none is measured.
 */
async function floorRounds(floors: FloorRounds[], entries: LoadEntry[]): Promise<void> {
  const prepared = entries.find((entry) => entry.prepared)?.prepared;
  if (!prepared) return;
  for (const floor of floors) {
    if (floor.failed) continue;
    try {
      const round = await floorRound(floor.floor, prepared.connections, prepared.phaseSeconds);
      floor.cpuMicrosPerRequest.push(round.cpuMicrosPerRequest);
    } catch (error) {
      floor.failed = message(error);
    }
  }
}

/** Logs the run's load users in and warms its cluster up (not measured). */
export async function prepareEntry(
  ctx: ScenarioContext,
  options: ScenarioOptions,
  emit: (event: ProgressEvent) => void,
): Promise<LoadEntry> {
  const entry: LoadEntry = { ctx, rounds: [], ms: 0 };
  if (loadSkip(ctx)) return entry;
  const started = performance.now();
  emit({ type: 'scenario-start', mode: ctx.run, strategy: ctx.strategy, scenario: 'load' });
  try {
    entry.prepared = await prepareLoad(ctx, options);
  } catch (error) {
    entry.failed = `failed: ${message(error)}`;
  }
  entry.ms += performance.now() - started;
  return entry;
}

/** The measured rounds, A B C D A B C D …, then each run's summary (or why it was skipped). */
export async function interleavedRounds(
  entries: LoadEntry[],
  rounds: number,
  emit: (event: ProgressEvent) => void,
  floors: FloorRounds[] = [],
): Promise<(LoadResult | Skipped)[]> {
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
    await floorRounds(floors, entries);
  }
  return entries.map((entry) => summaryOf(entry, emit));
}

function summaryOf(entry: LoadEntry, emit: (event: ProgressEvent) => void): LoadResult | Skipped {
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
}
