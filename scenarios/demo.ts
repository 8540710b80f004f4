import { type Cluster, StoreUnavailableError, startCluster } from '../cluster/start-cluster.ts';
import { AUTH_MODES, type AuthMode } from '../nodes/config.ts';
import { contextFromCluster, type ScenarioContext, type ScenarioOptions } from './context.ts';
import { watchMachine } from './machine.ts';
import { demoPlan, type PlannedRun } from './plan.ts';
import { SCENARIOS } from './registry.ts';
import { FULL_SCALE_NODES, QUICK_SCALE_NODES } from './scale.ts';
import { connectTarget, type TargetSettings } from './target.ts';
import {
  type Report,
  type RunResult,
  SCENARIO_NAMES,
  type ScenarioName,
  type ScenarioResults,
  type Strategy,
} from './types.ts';

/**
 * `runDemo(options) → Report`: the programmatic core of `npm run demo` and `npm run scenario`. It
 * never prints; progress goes to `onProgress`. For each planned run it launches an embedded
 * cluster (or, with `target`, uses the running one), runs the scenarios in order and always tears
 * the cluster down. A scenario that throws is reported as skipped with the error, and the demo
 * goes on; a mode whose store is missing is reported as a skipped run.
 */
export type ProgressEvent =
  | { type: 'run-start'; mode: AuthMode; strategy: Strategy; nodes: number }
  | { type: 'run-skipped'; mode: AuthMode; strategy: Strategy; reason: string }
  | { type: 'scenario-start'; mode: AuthMode; strategy: Strategy; scenario: ScenarioName }
  | {
      type: 'scenario-end';
      mode: AuthMode;
      strategy: Strategy;
      scenario: ScenarioName;
      ms: number;
      skipped?: string;
    }
  | { type: 'run-end'; mode: AuthMode; strategy: Strategy; ms: number };

export interface DemoOptions {
  modes?: AuthMode[];
  nodes?: number;
  users?: number;
  requests?: number;
  durationSeconds?: number;
  quick?: boolean;
  /** capacity: add the 1M population. */
  full?: boolean;
  /** Strategy for every run (default: the demo plan's own mix of round-robin and sticky). */
  strategy?: Strategy;
  redis?: 'single' | 'sentinel';
  /** Only these scenarios (`npm run scenario -- NAME`). */
  scenarios?: ScenarioName[];
  scaleNodes?: number[];
  /** Run against an already running cluster instead of launching one. */
  target?: string;
  targetSettings?: TargetSettings;
  /** Extra node env for launched clusters (tests: short token TTLs…). */
  nodeEnv?: Record<string, string>;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ResolvedOptions extends ScenarioOptions {
  modes: AuthMode[];
  nodes: number;
}

export function resolveOptions(options: DemoOptions): ResolvedOptions {
  const quick = options.quick ?? false;
  return {
    modes: options.modes ?? [...AUTH_MODES],
    nodes: options.nodes ?? 3,
    users: options.users ?? (quick ? 10 : 30),
    requests: options.requests ?? (quick ? 12 : 30),
    durationSeconds: options.durationSeconds ?? (quick ? 1.5 : 5),
    quick,
    ...(options.full && { full: true }),
    scaleNodes: options.scaleNodes ?? (quick ? QUICK_SCALE_NODES : FULL_SCALE_NODES),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runScenarios(
  ctx: ScenarioContext,
  names: ScenarioName[],
  options: ResolvedOptions,
  emit: (event: ProgressEvent) => void,
  mayLeaveDamage = true,
): Promise<ScenarioResults> {
  const results: ScenarioResults = {};
  for (const [index, name] of names.entries()) {
    emit({ type: 'scenario-start', mode: ctx.mode, strategy: ctx.strategy, scenario: name });
    const started = Date.now();
    let result: NonNullable<ScenarioResults[ScenarioName]>;
    try {
      // The last scenario of a run need not restore a killed node: the cluster goes away next.
      const runner = SCENARIOS[name] as (
        c: ScenarioContext,
        o: ScenarioOptions & { restore?: boolean },
      ) => Promise<typeof result>;
      result = await runner(ctx, { ...options, restore: !mayLeaveDamage || index < names.length - 1 });
    } catch (error) {
      result = { skipped: true, reason: `failed: ${errorMessage(error)}` };
    }
    (results as Record<string, unknown>)[name] = result;
    const skipped = 'skipped' in result && result.skipped === true ? result.reason : undefined;
    emit({
      type: 'scenario-end',
      mode: ctx.mode,
      strategy: ctx.strategy,
      scenario: name,
      ms: Date.now() - started,
      ...(skipped !== undefined && { skipped }),
    });
  }
  return results;
}

/**
 * Consecutive runs of one mode share a node set (memory + round-robin, then memory + sticky): each
 * run gets its own balancer in front of the same nodes, so node start-up is paid once per mode.
 */
async function launchedGroup(
  runs: PlannedRun[],
  options: ResolvedOptions,
  demo: DemoOptions,
  emit: (event: ProgressEvent) => void,
): Promise<RunResult[]> {
  const first = runs[0]!;
  const mode = first.mode;
  const wantsScale = runs.some((run) => run.scenarios.includes('scale'));
  const largestScale = wantsScale ? Math.max(...(options.scaleNodes ?? [1])) : 0;
  const results: RunResult[] = [];
  let started = Date.now();
  emit({ type: 'run-start', mode, strategy: first.strategy, nodes: options.nodes });
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      mode,
      nodes: options.nodes,
      strategy: first.strategy,
      redis: demo.redis ?? 'single',
      spareNodes: Math.max(0, largestScale - options.nodes),
      ...(demo.nodeEnv && { env: demo.nodeEnv }),
    });
  } catch (error) {
    const reason =
      error instanceof StoreUnavailableError
        ? error.reason
        : `the cluster did not start: ${errorMessage(error)}`;
    for (const run of runs) {
      emit({ type: 'run-skipped', mode, strategy: run.strategy, reason });
      results.push({
        mode,
        strategy: run.strategy,
        nodes: options.nodes,
        skipped: reason,
        scenarios: {},
        durationMs: Date.now() - started,
      });
    }
    return results;
  }
  try {
    for (const [index, run] of runs.entries()) {
      if (index > 0) {
        started = Date.now();
        emit({ type: 'run-start', mode, strategy: run.strategy, nodes: options.nodes });
      }
      const front =
        index === 0
          ? undefined
          : await cluster.startBalancer(
              Array.from({ length: options.nodes }, (_, i) => i),
              run.strategy,
            );
      try {
        const ctx = contextFromCluster(cluster, front ? { url: front.url, strategy: run.strategy } : cluster);
        const scenarios: ScenarioResults = { ...skipsOf(run) };
        // Only the group's last run may leave a node dead behind it.
        const last = index === runs.length - 1;
        Object.assign(scenarios, await runScenarios(ctx, run.scenarios, options, emit, last));
        results.push({
          mode,
          strategy: run.strategy,
          nodes: options.nodes,
          store: cluster.store,
          ...(cluster.storeNote !== undefined && { note: cluster.storeNote }),
          scenarios,
          durationMs: Date.now() - started,
        });
      } finally {
        await front?.close();
      }
      emit({ type: 'run-end', mode, strategy: run.strategy, ms: Date.now() - started });
    }
  } finally {
    await cluster.close();
  }
  return results;
}

function skipsOf(run: PlannedRun): ScenarioResults {
  const results: ScenarioResults = {};
  for (const [name, reason] of Object.entries(run.skips)) {
    (results as Record<string, unknown>)[name] = { skipped: true, reason };
  }
  return results;
}

export async function runDemo(demo: DemoOptions = {}): Promise<Report> {
  const options = resolveOptions(demo);
  const emit = demo.onProgress ?? (() => {});
  const startedAt = new Date().toISOString();
  const watch = watchMachine();
  const results: RunResult[] = [];
  let names: ScenarioName[];

  if (demo.target) {
    const ctx = await connectTarget(demo.target, {
      ...demo.targetSettings,
      ...(demo.strategy && { strategy: demo.strategy }),
      nodes: options.nodes,
    });
    try {
      names = demo.scenarios ?? [...SCENARIO_NAMES];
      const ordered = demoPlan([ctx.mode], ctx.strategy, names)[0]?.scenarios ?? names;
      const started = Date.now();
      emit({ type: 'run-start', mode: ctx.mode, strategy: ctx.strategy, nodes: ctx.nodes });
      const scenarios = await runScenarios(ctx, ordered, { ...options, modes: [ctx.mode] }, emit);
      results.push({
        mode: ctx.mode,
        strategy: ctx.strategy,
        nodes: ctx.nodes,
        scenarios,
        durationMs: Date.now() - started,
      });
      emit({ type: 'run-end', mode: ctx.mode, strategy: ctx.strategy, ms: Date.now() - started });
      options.modes = [ctx.mode];
    } finally {
      await ctx.close();
    }
  } else {
    const plan = demoPlan(options.modes, demo.strategy, demo.scenarios);
    names = [...new Set(plan.flatMap((run) => run.scenarios))];
    for (let i = 0; i < plan.length; ) {
      let j = i + 1;
      while (j < plan.length && plan[j]!.mode === plan[i]!.mode) j++;
      results.push(...(await launchedGroup(plan.slice(i, j), options, demo, emit)));
      i = j;
    }
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
      loadRounds: options.loadRounds ?? 1,
      ...(demo.target !== undefined && { target: demo.target }),
      scenarios: SCENARIO_NAMES.filter((name) => names.includes(name)),
    },
    machine: watch.finish(),
    results,
  };
}
