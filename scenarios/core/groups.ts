import { runModeOptions } from '../../cluster/run-modes.ts';
import {
  type Balancer,
  BalancerUnavailableError,
  type Cluster,
  StoreUnavailableError,
  startCluster,
} from '../../cluster/start-cluster.ts';
import { contextFromCluster, type ScenarioContext } from './context.ts';
import type { DemoOptions, ResolvedOptions } from './options.ts';
import type { PlannedRun } from './plan.ts';
import { errorMessage } from './run-one.ts';
import { type ProgressEvent, type RunResult, SCENARIO_NAMES, type ScenarioResults } from './types.ts';

/** One planned run while the demo is going: its context (when its cluster started) and results. */
export interface LiveRun {
  plan: PlannedRun;
  ctx?: ScenarioContext;
  front?: Balancer;
  skipped?: string;
  scenarios: ScenarioResults;
  /** Time spent on this run's own work (its share of start-up and load, its scenarios). */
  ms: number;
}

/** Runs of one mode on one node set (memory round-robin and sticky), each with its own balancer. */
export interface Group {
  runs: LiveRun[];
  cluster?: Cluster;
}

function skipsOf(run: PlannedRun): ScenarioResults {
  const results: ScenarioResults = {};
  for (const [name, reason] of Object.entries(run.skips)) {
    (results as Record<string, unknown>)[name] = { skipped: true, reason };
  }
  return results;
}

/** Consecutive runs of one mode share a node set; each further run gets its own balancer. */
export function groupsOf(plan: PlannedRun[]): PlannedRun[][] {
  const groups: PlannedRun[][] = [];
  for (const run of plan) {
    const last = groups.at(-1);
    if (last && last[0]!.mode === run.mode) last.push(run);
    else groups.push([run]);
  }
  return groups;
}

function skipReasonOf(error: unknown): string {
  return error instanceof StoreUnavailableError || error instanceof BalancerUnavailableError
    ? error.reason
    : `the cluster did not start: ${errorMessage(error)}`;
}

/** Starts one group's cluster (spare nodes for scale included) and a balancer per further run. */
export async function startGroup(
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
      ...(demo.network && { network: demo.network }),
      ...(demo.fault && { fault: demo.fault }),
    });
  } catch (error) {
    const reason = skipReasonOf(error);
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

export async function closeGroup(group: Group): Promise<void> {
  await Promise.all(group.runs.map((run) => run.front?.close()));
  await group.cluster?.close();
}

export function toRunResult(run: LiveRun, options: ResolvedOptions): RunResult {
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
    ...(ctx?.cluster?.network.links && { network: ctx.cluster.network }),
    scenarios,
    durationMs: Math.round(run.ms),
  };
}
