import { chooseClientAddresses } from '../client/source-addresses.ts';
import { launchedRuns } from './launched.ts';
import { watchMachine } from './machine.ts';
import { type DemoOptions, type ResolvedOptions, resolveOptions } from './options.ts';
import { demoPlan } from './plan.ts';
import { runOne } from './run-one.ts';
import { connectTarget } from './target.ts';
import { PhaseClock } from './timings.ts';
import {
  type LoadFloor,
  type ProgressEvent,
  type Report,
  type RunResult,
  SCENARIO_NAMES,
  type ScenarioName,
  type ScenarioResults,
} from './types.ts';

export type { DemoOptions, ResolvedOptions } from './options.ts';
export { resolveOptions } from './options.ts';
export type { ProgressEvent } from './types.ts';

async function targetRun(
  demo: DemoOptions,
  options: ResolvedOptions,
  emit: (event: ProgressEvent) => void,
): Promise<{ result: RunResult; names: ScenarioName[] }> {
  const ctx = await connectTarget(demo.target!, {
    ...demo.targetSettings,
    ...(demo.strategy && { strategy: demo.strategy }),
    nodes: options.nodes,
  });
  try {
    const names = demo.scenarios ?? [...SCENARIO_NAMES];
    const ordered = demoPlan([ctx.run], ctx.strategy, names)[0]?.scenarios ?? names;
    const started = Date.now();
    emit({ type: 'run-start', mode: ctx.run, strategy: ctx.strategy, nodes: ctx.nodes });
    const scenarios: ScenarioResults = {};
    for (const name of ordered) {
      (scenarios as Record<string, unknown>)[name] = await runOne(ctx, name, options, emit);
    }
    emit({ type: 'run-end', mode: ctx.run, strategy: ctx.strategy, ms: Date.now() - started });
    options.modes = [ctx.run];
    return {
      names,
      result: {
        mode: ctx.run,
        strategy: ctx.strategy,
        nodes: ctx.nodes,
        store: ctx.store,
        ...(ctx.storeNote !== undefined && { note: ctx.storeNote }),
        scenarios,
        durationMs: Date.now() - started,
      },
    };
  } finally {
    await ctx.close();
  }
}

/**
 * `runDemo(options) → Report`: the programmatic core of `npm run demo` and `npm run scenario`. It
 * never prints; progress goes to `onProgress` (including `relogin-measured`, the headline figure,
 * as soon as it is known). Launched runs follow the schedule in launched.ts: the scenarios that are
 * not contention-bound side by side while the clusters start, then the quiet load rounds alone.
 * `report.machine.timings` says where the time went. A scenario that throws is reported as skipped
 * with the error; a run whose store is missing (redis, jwt-redis without Redis) is a skipped run
 * with the reason.
 */
export async function runDemo(demo: DemoOptions = {}): Promise<Report> {
  const options = resolveOptions(demo);
  const emit = demo.onProgress ?? (() => {});
  const startedAt = new Date().toISOString();
  const watch = watchMachine();
  const clock = new PhaseClock();
  let results: RunResult[];
  let names: ScenarioName[];
  let loadFloor: LoadFloor | undefined;

  if (demo.target) {
    const target = await targetRun(demo, options, emit);
    results = [target.result];
    names = target.names;
  } else {
    const plan = demoPlan(options.modes, demo.strategy, demo.scenarios);
    names = [...new Set(plan.flatMap((run) => run.scenarios))];
    ({ results, loadFloor } = await launchedRuns(plan, options, demo, emit, clock));
  }

  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    config: {
      modes: options.modes,
      nodes: options.nodes,
      users: options.users,
      requests: options.requests,
      durationSeconds: options.durationSeconds,
      quick: options.quick,
      loadRounds: options.loadRounds,
      ...(demo.target !== undefined && { target: demo.target }),
      scenarios: SCENARIO_NAMES.filter((name) => names.includes(name)),
      ...(demo.fault && { fault: demo.fault }),
    },
    machine: watch.finish(clock.done),
    // The links as the first shaped cluster measured them; plain loopback otherwise.
    network: {
      ...(results.find((run) => run.network)?.network ?? { kind: demo.network ? 'shaped' : 'loopback' }),
      clientAddresses: chooseClientAddresses(demo.clientAddresses, demo.target),
    },
    results,
    ...(loadFloor && { loadFloor }),
  };
}
