import type { BalancerKind } from '../../cluster/external-balancers/kinds.ts';
import { RUN_MODES, type RunMode, runModeOptions } from '../../cluster/run-modes.ts';
import {
  type Balancer,
  BalancerUnavailableError,
  type Cluster,
  StoreUnavailableError,
  startCluster,
} from '../../cluster/start-cluster.ts';
import { closeDemoFloors, startDemoFloors } from '../load/floor/demo-floor.ts';
import { FULL_SCALE_NODES, QUICK_SCALE_NODES } from '../scale/run.ts';
import { contextFromCluster, type ScenarioContext, type ScenarioOptions } from './context.ts';
import { interleavedLoad } from './load-rounds.ts';
import { watchMachine } from './machine.ts';
import { demoPlan, type PlannedRun } from './plan.ts';
import { RUN_ORDER, SCENARIOS } from './registry.ts';
import { connectTarget, type TargetSettings } from './target.ts';
import {
  type LoadFloor,
  type ProgressEvent,
  type Report,
  type RunResult,
  SCENARIO_NAMES,
  type ScenarioName,
  type ScenarioResults,
  type Strategy,
} from './types.ts';

export type { ProgressEvent } from './types.ts';

/**
 * `runDemo(options) → Report`: the programmatic core of `npm run demo` and `npm run scenario`. It
 * never prints; progress goes to `onProgress`. Launched runs go in phases:
 * 1. every cluster starts (one after the other; memory's round-robin and sticky runs share one
 *    node set, each with its own balancer) and stays alive until its scenarios are done;
 * 2. load: the rounds of all runs interleaved (A B C D A B C D …, load-rounds.ts);
 * 3. revocation: all runs at once (each measures on its own short-lifetime cluster, mostly waiting);
 * 4. the other scenarios, run by run; each group's cluster is closed when its runs are done.
 * A scenario that throws is reported as skipped with the error; a run whose store is missing
 * (redis, jwt-redis without Redis) is a skipped run with the reason.
 */
export interface DemoOptions {
  modes?: RunMode[];
  nodes?: number;
  users?: number;
  requests?: number;
  durationSeconds?: number;
  quick?: boolean;
  /** capacity: add the 1M population. */
  full?: boolean;
  /** Interleaved load rounds (default 3; 2 with quick). */
  loadRounds?: number;
  /** Strategy for every run (default: the demo plan's own mix of round-robin and sticky). */
  strategy?: Strategy;
  redis?: 'single' | 'sentinel';
  /** Which balancer fronts launched clusters: ours (default) or a real HAProxy / nginx from PATH. */
  balancer?: BalancerKind;
  /** Only these scenarios (`npm run scenario -- NAME`). */
  scenarios?: ScenarioName[];
  scaleNodes?: number[];
  /** Run against an already running cluster instead of launching one. */
  target?: string;
  targetSettings?: TargetSettings;
  /** Extra node env for launched clusters (tests: short token TTLs…). */
  nodeEnv?: Record<string, string>;
  /** Overrides REDIS_URL for launched clusters ('' forces a private redis-server). */
  redisUrl?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ResolvedOptions extends ScenarioOptions {
  modes: RunMode[];
  nodes: number;
  loadRounds: number;
}

/** --quick: 2 s phases (as --help says) and 2 load rounds; full: 5 s and 3 rounds. */
export function resolveOptions(options: DemoOptions): ResolvedOptions {
  const quick = options.quick ?? false;
  return {
    modes: options.modes ?? [...RUN_MODES],
    nodes: options.nodes ?? 3,
    users: options.users ?? (quick ? 10 : 30),
    requests: options.requests ?? (quick ? 12 : 30),
    durationSeconds: options.durationSeconds ?? (quick ? 2 : 5),
    quick,
    ...(options.full && { full: true }),
    loadRounds: options.loadRounds ?? (quick ? 2 : 3),
    scaleNodes: options.scaleNodes ?? (quick ? QUICK_SCALE_NODES : FULL_SCALE_NODES),
  };
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
type AnyResult = NonNullable<ScenarioResults[ScenarioName]>;

/** One planned run while the demo is going: its context (when its cluster started) and results. */
interface LiveRun {
  plan: PlannedRun;
  ctx?: ScenarioContext;
  front?: Balancer;
  skipped?: string;
  scenarios: ScenarioResults;
  ms: number;
}

interface Group {
  runs: LiveRun[];
  cluster?: Cluster;
}

async function runOne(
  ctx: ScenarioContext,
  name: ScenarioName,
  options: ScenarioOptions & { restore?: boolean },
  emit: (event: ProgressEvent) => void,
): Promise<AnyResult> {
  emit({ type: 'scenario-start', mode: ctx.run, strategy: ctx.strategy, scenario: name });
  const started = Date.now();
  let result: AnyResult;
  try {
    const runner = SCENARIOS[name] as (c: ScenarioContext, o: typeof options) => Promise<AnyResult>;
    result = await runner(ctx, options);
  } catch (error) {
    result = { skipped: true, reason: `failed: ${errorMessage(error)}` };
  }
  const skipped = 'skipped' in result && result.skipped === true ? result.reason : undefined;
  emit({
    type: 'scenario-end',
    mode: ctx.run,
    strategy: ctx.strategy,
    scenario: name,
    ms: Date.now() - started,
    ...(skipped !== undefined && { skipped }),
  });
  return result;
}

function skipsOf(run: PlannedRun): ScenarioResults {
  const results: ScenarioResults = {};
  for (const [name, reason] of Object.entries(run.skips)) {
    (results as Record<string, unknown>)[name] = { skipped: true, reason };
  }
  return results;
}

/** Consecutive runs of one mode share a node set; each further run gets its own balancer. */
function groupsOf(plan: PlannedRun[]): PlannedRun[][] {
  const groups: PlannedRun[][] = [];
  for (const run of plan) {
    const last = groups.at(-1);
    if (last && last[0]!.mode === run.mode) last.push(run);
    else groups.push([run]);
  }
  return groups;
}

async function startGroup(
  runs: PlannedRun[],
  options: ResolvedOptions,
  demo: DemoOptions,
  emit: (event: ProgressEvent) => void,
): Promise<Group> {
  const live: LiveRun[] = runs.map((plan) => ({ plan, scenarios: skipsOf(plan), ms: 0 }));
  const started = Date.now();
  const first = runs[0]!;
  for (const run of runs)
    emit({ type: 'run-start', mode: run.mode, strategy: run.strategy, nodes: options.nodes });
  const wantsScale = runs.some((run) => run.scenarios.includes('scale'));
  const largestScale = wantsScale ? Math.max(...(options.scaleNodes ?? [1])) : 0;
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      ...runModeOptions(first.mode),
      nodes: options.nodes,
      strategy: first.strategy,
      redis: demo.redis ?? 'single',
      ...(demo.balancer && { balancerKind: demo.balancer }),
      spareNodes: Math.max(0, largestScale - options.nodes),
      ...(demo.nodeEnv && { env: demo.nodeEnv }),
      ...(demo.redisUrl !== undefined && { redisUrl: demo.redisUrl }),
    });
  } catch (error) {
    const reason =
      error instanceof StoreUnavailableError || error instanceof BalancerUnavailableError
        ? error.reason
        : `the cluster did not start: ${errorMessage(error)}`;
    for (const run of live) {
      run.skipped = reason;
      emit({ type: 'run-skipped', mode: run.plan.mode, strategy: run.plan.strategy, reason });
    }
    return { runs: live };
  }
  const mainIndexes = Array.from({ length: options.nodes }, (_, i) => i);
  try {
    for (const [index, run] of live.entries()) {
      if (index > 0) run.front = await cluster.startBalancer(mainIndexes, run.plan.strategy);
      const front = run.front ? { url: run.front.url, strategy: run.plan.strategy } : cluster;
      run.ctx = contextFromCluster(cluster, front);
      run.ms += Date.now() - started;
    }
  } catch (error) {
    await cluster.close();
    throw error;
  }
  return { runs: live, cluster };
}

async function closeGroup(group: Group): Promise<void> {
  await Promise.all(group.runs.map((run) => run.front?.close()));
  await group.cluster?.close();
}

function toRunResult(run: LiveRun, options: ResolvedOptions): RunResult {
  const scenarios: ScenarioResults = {};
  for (const name of SCENARIO_NAMES) {
    const value = run.scenarios[name];
    if (value !== undefined) (scenarios as Record<string, unknown>)[name] = value;
  }
  const ctx = run.ctx;
  return {
    mode: run.plan.mode,
    strategy: run.plan.strategy,
    nodes: options.nodes,
    ...(run.skipped !== undefined && { skipped: run.skipped }),
    ...(ctx && { store: ctx.store }),
    ...(ctx?.cluster && { balancer: ctx.cluster.balancerKind }),
    ...(ctx?.storeNote !== undefined && { note: ctx.storeNote }),
    scenarios,
    durationMs: Math.round(run.ms),
  };
}

async function phase(runs: LiveRun[], body: (run: LiveRun, ctx: ScenarioContext) => Promise<void>) {
  await Promise.all(
    runs.map(async (run) => {
      if (!run.ctx) return;
      const started = Date.now();
      await body(run, run.ctx);
      run.ms += Date.now() - started;
    }),
  );
}

/**
 * Load: interleaved rounds across every run that measures it (the only quiet phase), with the
 * floor the modes' CPU is read against in the same rounds: as many processes, the same balancer
 * (load/floor/; a Redis floor on `redisUrl` when a run has a Redis).
 */
async function loadPhase(
  runs: LiveRun[],
  redisUrl: string | undefined,
  options: ResolvedOptions,
  emit: (event: ProgressEvent) => void,
): Promise<LoadFloor | undefined> {
  const loaders = runs.filter((run) => run.ctx && run.plan.scenarios.includes('load'));
  if (loaders.length === 0) return undefined;
  const loadStarted = Date.now();
  const floors = await startDemoFloors(options.nodes, redisUrl);
  let loads: Awaited<ReturnType<typeof interleavedLoad>>;
  let loadFloor: LoadFloor;
  try {
    loads = await interleavedLoad(
      loaders.map((run) => run.ctx!),
      options,
      options.loadRounds,
      emit,
      floors.rounds,
    );
  } finally {
    loadFloor = await closeDemoFloors(floors);
  }
  const loadShare = (Date.now() - loadStarted) / Math.max(1, loaders.length);
  for (const [i, run] of loaders.entries()) {
    run.scenarios.load = loads[i]!;
    run.ms += loadShare;
  }
  return loadFloor;
}

/** Revocation: all runs at once; each scenario waits on short lifetimes on its own cluster. */
async function revocationPhase(
  runs: LiveRun[],
  options: ResolvedOptions,
  emit: (event: ProgressEvent) => void,
) {
  await phase(
    runs.filter((run) => run.plan.scenarios.includes('revocation')),
    async (run, ctx) => {
      run.scenarios.revocation = (await runOne(
        ctx,
        'revocation',
        options,
        emit,
      )) as ScenarioResults['revocation'];
    },
  );
}

/** Everything else, run by run, in RUN_ORDER (destructive scenarios last); then the group closes. */
async function sequentialPhase(group: Group, options: ResolvedOptions, emit: (event: ProgressEvent) => void) {
  for (const [index, run] of group.runs.entries()) {
    const ctx = run.ctx;
    if (!ctx) continue;
    const started = Date.now();
    const names = RUN_ORDER.filter(
      (name) => run.plan.scenarios.includes(name) && name !== 'load' && name !== 'revocation',
    );
    // Only the group's last run may leave a node dead behind it (the cluster goes away next).
    const lastRun = index === group.runs.length - 1;
    for (const [n, name] of names.entries()) {
      const restore = !lastRun || n < names.length - 1;
      (run.scenarios as Record<string, unknown>)[name] = await runOne(
        ctx,
        name,
        { ...options, restore },
        emit,
      );
    }
    run.ms += Date.now() - started;
    emit({ type: 'run-end', mode: run.plan.mode, strategy: run.plan.strategy, ms: Math.round(run.ms) });
  }
  await closeGroup(group);
}

async function launchedRuns(
  plan: PlannedRun[],
  options: ResolvedOptions,
  demo: DemoOptions,
  emit: (event: ProgressEvent) => void,
): Promise<{ results: RunResult[]; loadFloor?: LoadFloor }> {
  const groups: Group[] = [];
  try {
    // One at a time: on two busy cores, many processes starting together miss their deadline.
    for (const runs of groupsOf(plan)) groups.push(await startGroup(runs, options, demo, emit));
    const runs = groups.flatMap((group) => group.runs);
    const redisUrl = groups.map((group) => group.cluster?.redisUrl).find((url) => url !== undefined);
    const loadFloor = await loadPhase(runs, redisUrl, options, emit);
    await revocationPhase(runs, options, emit);
    for (const group of groups) await sequentialPhase(group, options, emit);
    return { results: runs.map((run) => toRunResult(run, options)), ...(loadFloor && { loadFloor }) };
  } finally {
    await Promise.all(groups.map(closeGroup));
  }
}

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

export async function runDemo(demo: DemoOptions = {}): Promise<Report> {
  const options = resolveOptions(demo);
  const emit = demo.onProgress ?? (() => {});
  const startedAt = new Date().toISOString();
  const watch = watchMachine();
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
    ({ results, loadFloor } = await launchedRuns(plan, options, demo, emit));
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
    },
    machine: watch.finish(),
    results,
    ...(loadFloor && { loadFloor }),
  };
}
