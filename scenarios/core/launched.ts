import type { ScenarioContext } from './context.ts';
import { closeGroup, type Group, groupsOf, type LiveRun, startGroup, toRunResult } from './groups.ts';
import { LaneGate } from './lane-gate.ts';
import { interleavedRounds, type LoadEntry, prepareEntry } from './load-rounds.ts';
import type { DemoOptions, ResolvedOptions } from './options.ts';
import type { PlannedRun } from './plan.ts';
import { RUN_ORDER, scenarioModule } from './registry.ts';
import { runOne } from './run-one.ts';
import type { PhaseClock } from './timings.ts';
import type { ProgressEvent, RunResult, ScenarioName } from './types.ts';

/**
 * The schedule of a launched demo (docs/scenarios.md, "Orchestration"), driven by each module's
 * `cluster`, `quiet` and `faultWindow` declarations:
 * 1. side by side: the groups' clusters start one after the other. As soon as a group is up, its
 *    `shared` scenarios run on it in order, run by run (RUN_ORDER), ending with the unmeasured
 *    preparation of its load runs (logins, warm-up). Shared scenarios of two groups may run at
 *    once (SHARED_LANES); a fault window (node-failure, store-failure) runs with no other shared
 *    scenario (nor a warm-up), since it counts requests in a timed window.
 *    Once every cluster is up, every run's `own` scenarios (private clusters: revocation, capacity,
 *    lifetimes) start too, all at once.
 * 2. quiet: when all of that has ended (every private cluster closed), the interleaved load rounds
 *    run alone on the machine; only the runs' idle clusters are alive.
 * 3. close.
 */
type Emit = (event: ProgressEvent) => void;

const isQuiet = (name: ScenarioName) => scenarioModule(name).quiet;
const isOwn = (name: ScenarioName) => scenarioModule(name).cluster === 'own';
const isFaultWindow = (name: ScenarioName) => scenarioModule(name).faultWindow === true;
/** Groups whose shared scenarios may run at once: their figures are counts per request, not rates. */
const SHARED_LANES = 2;

/** Runs `name` on `ctx` and stores its result in the run, counting the time as the run's. */
async function measureInto(
  run: LiveRun,
  ctx: ScenarioContext,
  name: ScenarioName,
  options: ResolvedOptions & { restore?: boolean },
  emit: Emit,
): Promise<void> {
  const started = Date.now();
  (run.scenarios as Record<string, unknown>)[name] = await runOne(ctx, name, options, emit);
  run.ms += Date.now() - started;
}

/**
 * A group's shared scenarios, run by run. A node crashed by node-failure is restarted unless it is
 * the group's very last scenario and no load round comes after it (the cluster goes away next).
 */
async function sharedLane(
  group: Group,
  options: ResolvedOptions,
  emit: Emit,
  loads: Map<LiveRun, LoadEntry>,
  gate: LaneGate,
): Promise<void> {
  const loadFollows = group.runs.some((run) => run.plan.scenarios.some(isQuiet));
  for (const [index, run] of group.runs.entries()) {
    const ctx = run.ctx;
    if (!ctx) continue;
    const names = RUN_ORDER.filter((n) => run.plan.scenarios.includes(n) && !isQuiet(n) && !isOwn(n));
    const lastRun = index === group.runs.length - 1;
    for (const [n, name] of names.entries()) {
      const restore = loadFollows || !lastRun || n < names.length - 1;
      await gate.run(isFaultWindow(name), () => measureInto(run, ctx, name, { ...options, restore }, emit));
    }
  }
  // After the group's crashes and outages, so the load users' sessions and the warm-up hold.
  for (const run of group.runs) {
    const ctx = run.ctx;
    if (ctx && run.plan.scenarios.includes('load'))
      loads.set(run, await gate.run(false, () => prepareEntry(ctx, options, emit)));
  }
}

/** A run's own-cluster scenarios, all at once: each starts and closes private nodes of its own. */
async function ownLane(run: LiveRun, options: ResolvedOptions, emit: Emit): Promise<void> {
  const ctx = run.ctx;
  if (!ctx) return;
  const names = RUN_ORDER.filter((n) => run.plan.scenarios.includes(n) && !isQuiet(n) && isOwn(n));
  await Promise.all(names.map((name) => measureInto(run, ctx, name, options, emit)));
}

/** Quiet scenarios, alone: load's rounds interleaved across runs; any other quiet one run by run. */
async function quietPhase(
  runs: LiveRun[],
  options: ResolvedOptions,
  emit: Emit,
  prepared: Map<LiveRun, LoadEntry>,
): Promise<void> {
  const loaders = runs.filter((run) => prepared.has(run));
  const entries = loaders.map((run) => prepared.get(run)!);
  const loads = await interleavedRounds(entries, options.loadRounds, emit);
  for (const [i, run] of loaders.entries()) {
    run.scenarios.load = loads[i]!;
    run.ms += entries[i]!.ms; // its preparation and its own rounds
  }
  for (const run of runs) {
    const others = RUN_ORDER.filter((n) => n !== 'load' && isQuiet(n) && run.plan.scenarios.includes(n));
    for (const name of others) if (run.ctx) await measureInto(run, run.ctx, name, options, emit);
  }
}

async function sideBySide(
  plan: PlannedRun[],
  groups: Group[],
  options: ResolvedOptions,
  demo: DemoOptions,
  emit: Emit,
  clock: PhaseClock,
  loads: Map<LiveRun, LoadEntry>,
): Promise<void> {
  const lanes: Promise<void>[] = [];
  const gate = new LaneGate(SHARED_LANES);
  let started: Group[] = [];
  try {
    // One start-up at a time (start-up is the heaviest moment on two cores), while the shared
    // scenarios of the groups already up go on.
    for (const runs of groupsOf(plan)) {
      const group = await startGroup(runs, options, demo, emit);
      groups.push(group);
      lanes.push(sharedLane(group, options, emit, loads, gate));
    }
    started = groups;
  } finally {
    clock.end('clusters');
    // Own-cluster scenarios start once the start-ups are over: revocation's and lifetimes' windows
    // are polled, and a node starved by a start-up storm misses its balancer's health checks.
    lanes.push(...started.flatMap((group) => group.runs.map((run) => ownLane(run, options, emit))));
    await Promise.allSettled(lanes);
  }
}

export async function launchedRuns(
  plan: PlannedRun[],
  options: ResolvedOptions,
  demo: DemoOptions,
  emit: Emit,
  clock: PhaseClock,
): Promise<RunResult[]> {
  const groups: Group[] = [];
  const loads = new Map<LiveRun, LoadEntry>();
  try {
    clock.start('clusters');
    clock.start('side-by-side');
    await sideBySide(plan, groups, options, demo, emit, clock, loads);
    clock.end('side-by-side');
    const runs = groups.flatMap((group) => group.runs);
    clock.start('quiet');
    await quietPhase(runs, options, emit, loads);
    clock.end('quiet');
    for (const run of runs) {
      if (run.ctx)
        emit({ type: 'run-end', mode: run.plan.mode, strategy: run.plan.strategy, ms: Math.round(run.ms) });
    }
    return runs.map((run) => toRunResult(run, options));
  } finally {
    clock.start('close');
    await Promise.all(groups.map(closeGroup));
    clock.end('close');
  }
}
