import { addDemoFloor, closeDemoFloors, type DemoFloors, noFloors } from '../load/floor/demo-floor.ts';
import type { ScenarioContext } from './context.ts';
import { closeGroup, type Group, groupsOf, type LiveRun, startGroup, toRunResult } from './groups.ts';
import { LaneGate } from './lane-gate.ts';
import { interleavedRounds, type LoadEntry, prepareEntry } from './load-rounds.ts';
import type { DemoOptions, ResolvedOptions } from './options.ts';
import type { PlannedRun } from './plan.ts';
import { RUN_ORDER, scenarioModule } from './registry.ts';
import { runOne } from './run-one.ts';
import type { PhaseClock } from './timings.ts';
import type { LoadFloor, ProgressEvent, RunResult, ScenarioName } from './types.ts';

/**
 * The schedule of a launched demo (docs/scenarios.md, "Orchestration"), driven by each module's
 * `cluster`, `quiet`, `faultWindow` and `clockBound` declarations:
 * 1. side by side: the groups' clusters start one after the other. As soon as a group is up, its
 *    `shared` scenarios run on it in order, run by run (RUN_ORDER); two groups' at once at most
 *    (SHARED_LANES). Once every cluster is up, every run's `own` scenarios (private clusters:
 *    revocation, capacity, lifetimes) start too, all at once, and so does the load floor without
 *    Redis (idle until the quiet phase).
 * 2. fault windows: node-failure and store-failure count requests in a timed window around a crash
 *    or an outage, so they run with nothing else running but the `clockBound` scenarios' waiting
 *    (revocation's and lifetimes' token lifetimes: a trickle of requests to private nodes with
 *    stores of their own): a group's windows one after the other, two groups at once (FAULT_LANES,
 *    each on its own cluster); then the load runs' unmeasured preparation (logins, warm-up) beside
 *    the start of the Redis floor.
 * 3. quiet: once the clock-bound scenarios have ended too, the interleaved load rounds, alone on
 *    the machine; only the idle clusters are alive.
 * 4. close.
 */
type Emit = (event: ProgressEvent) => void;

const isQuiet = (name: ScenarioName) => scenarioModule(name).quiet;
const isOwn = (name: ScenarioName) => scenarioModule(name).cluster === 'own';
const isFaultWindow = (name: ScenarioName) => scenarioModule(name).faultWindow === true;
const isClockBound = (name: ScenarioName) => scenarioModule(name).clockBound === true;
/** Groups whose shared scenarios may run at once: their figures are counts per request, not rates. */
const SHARED_LANES = 2;
/** Groups whose fault windows may run at once (see faultWindows). */
const FAULT_LANES = 2;

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

/** A group's shared scenarios apart from fault windows, run by run (they share its nodes). */
async function sharedLane(group: Group, options: ResolvedOptions, emit: Emit, gate: LaneGate): Promise<void> {
  for (const run of group.runs) {
    const ctx = run.ctx;
    if (!ctx) continue;
    const names = RUN_ORDER.filter(
      (n) => run.plan.scenarios.includes(n) && !isQuiet(n) && !isOwn(n) && !isFaultWindow(n),
    );
    for (const name of names) await gate.run(() => measureInto(run, ctx, name, options, emit));
  }
}

/** A group's fault windows, in run order (RUN_ORDER: store-failure before node-failure). */
function faultWindowsOf(group: Group): { run: LiveRun; name: ScenarioName }[] {
  return group.runs.flatMap((run) =>
    RUN_ORDER.filter((n) => run.plan.scenarios.includes(n) && isFaultWindow(n)).map((name) => ({
      run,
      name,
    })),
  );
}

/**
 * A group's fault windows, one after the other (they crash and stop its own processes). A node
 * crashed by node-failure is restarted unless it is the group's very last window and no load
 * round follows on that group (the cluster goes away next).
 */
async function groupFaultWindows(group: Group, options: ResolvedOptions, emit: Emit): Promise<void> {
  const loadFollows = group.runs.some((run) => run.plan.scenarios.some(isQuiet));
  const windows = faultWindowsOf(group);
  for (const [i, { run, name }] of windows.entries()) {
    const restore = loadFollows || i < windows.length - 1;
    if (run.ctx) await measureInto(run, run.ctx, name, { ...options, restore }, emit);
  }
}

/**
 * Fault windows with nothing else running. Each group's crash or outage touches only its own
 * processes and is detected on the balancers' and nodes' own timers, so FAULT_LANES groups run
 * their windows at once, the groups with the most windows first; not more, because the paced
 * users' request counts (and so the failed counts) drop once the windows compete for the CPU.
 */
async function faultWindows(groups: Group[], options: ResolvedOptions, emit: Emit): Promise<void> {
  const gate = new LaneGate(FAULT_LANES);
  const longestFirst = [...groups].sort((a, b) => faultWindowsOf(b).length - faultWindowsOf(a).length);
  await Promise.all(longestFirst.map((group) => gate.run(() => groupFaultWindows(group, options, emit))));
}

/** Every load run's unmeasured preparation (logins, warm-up), after the crashes and outages. */
async function prepareLoads(runs: LiveRun[], options: ResolvedOptions, emit: Emit) {
  const loaders = runs.filter((run) => run.ctx && run.plan.scenarios.includes('load'));
  const entries = await Promise.all(loaders.map((run) => prepareEntry(run.ctx!, options, emit)));
  return new Map(loaders.map((run, i) => [run, entries[i]!]));
}

/**
 * A run's own-cluster scenarios, all at once: each starts and closes private nodes of its own.
 * `clockBound` picks the ones that mostly wait on the clock, or the others.
 */
async function ownLane(
  run: LiveRun,
  options: ResolvedOptions,
  emit: Emit,
  clockBound: boolean,
): Promise<void> {
  const ctx = run.ctx;
  if (!ctx) return;
  const names = RUN_ORDER.filter(
    (n) => run.plan.scenarios.includes(n) && !isQuiet(n) && isOwn(n) && isClockBound(n) === clockBound,
  );
  await Promise.all(names.map((name) => measureInto(run, ctx, name, options, emit)));
}

/**
 * Whether clock-bound scenarios may go on beside the fault windows: only when every cluster has a
 * store of its own. With one external Redis for all (`--redis-url`, REDIS_URL), an outage would
 * reach their private nodes too.
 */
const ownStores = (demo: DemoOptions) => !(demo.redisUrl ?? process.env.REDIS_URL);

/**
 * `--network shaped`: each load run's links measured again, one cluster at a time, alone on the
 * machine — the RTT its rounds' latency differences are set against, rather than the one measured
 * while other clusters were starting.
 */
async function remeasureLinks(loaders: LiveRun[]): Promise<void> {
  const clusters = new Set(loaders.map((run) => run.ctx?.cluster));
  for (const cluster of clusters) await cluster?.measureNetwork?.();
}

/** Quiet scenarios, alone: load's rounds interleaved across runs; any other quiet one run by run. */
async function quietPhase(
  runs: LiveRun[],
  options: ResolvedOptions,
  emit: Emit,
  prepared: Map<LiveRun, LoadEntry>,
  floors: DemoFloors | undefined,
): Promise<void> {
  const loaders = runs.filter((run) => prepared.has(run));
  const entries = loaders.map((run) => prepared.get(run)!);
  await remeasureLinks(loaders);
  const loads = await interleavedRounds(entries, options.loadRounds, emit, floors?.rounds);
  for (const [i, run] of loaders.entries()) {
    run.scenarios.load = loads[i]!;
    run.ms += entries[i]!.ms; // its preparation and its own rounds
  }
  for (const run of runs) {
    const others = RUN_ORDER.filter((n) => n !== 'load' && isQuiet(n) && run.plan.scenarios.includes(n));
    for (const name of others) if (run.ctx) await measureInto(run, run.ctx, name, options, emit);
  }
}

/**
 * What the demo carries across its phases. `floors`: the floors the load runs' CPU is read against (load/floor/): as many processes, the same
 * balancer, measured in the same quiet rounds; on the runs' Redis when there is one. They idle
 * until the quiet phase, so they start beside other work: the floor without Redis during the
 * side-by-side phase, the Redis floor after the fault windows (store-failure restarts that Redis).
 */
interface HeldWork {
  floors?: DemoFloors | undefined;
  /** The clock-bound scenarios that may outlast side by side (`done` never rejects). */
  waits?: ClockBoundWaits | undefined;
}

interface ClockBoundWaits {
  pending: boolean;
  done: Promise<void>;
}

const loadPlanned = (groups: Group[]) =>
  groups.some((group) => group.runs.some((run) => run.ctx && run.plan.scenarios.includes('load')));
const redisUrlOf = (groups: Group[]) =>
  groups.map((group) => group.cluster?.redisUrl).find((url) => url !== undefined);

async function sideBySide(
  plan: PlannedRun[],
  groups: Group[],
  options: ResolvedOptions,
  demo: DemoOptions,
  emit: Emit,
  clock: PhaseClock,
  held: HeldWork,
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
      lanes.push(sharedLane(group, options, emit, gate));
    }
    started = groups;
  } finally {
    clock.end('clusters');
    // Own-cluster scenarios start once the start-ups are over: revocation's and lifetimes' windows
    // are polled, and a node starved by a start-up storm misses its balancer's health checks.
    const runs = started.flatMap((group) => group.runs);
    lanes.push(...runs.map((run) => ownLane(run, options, emit, false)));
    const waits: ClockBoundWaits = { pending: true, done: Promise.resolve() };
    waits.done = Promise.allSettled(runs.map((run) => ownLane(run, options, emit, true))).then(() => {
      waits.pending = false;
    });
    if (ownStores(demo)) held.waits = waits;
    else lanes.push(waits.done);
    if (loadPlanned(started)) {
      held.floors = noFloors(options.nodes);
      lanes.push(addDemoFloor(held.floors, 'none', undefined));
    }
    await Promise.allSettled(lanes);
  }
}

/** The `waits` phase: from the end of side by side until the last clock-bound scenario ends. */
function timeWaits(held: HeldWork, clock: PhaseClock, sideBySideEndMs: number | undefined): void {
  const waits = held.waits;
  if (!waits?.pending) return;
  clock.start('waits', sideBySideEndMs);
  waits.done = waits.done.then(() => {
    clock.end('waits');
  });
}

export async function launchedRuns(
  plan: PlannedRun[],
  options: ResolvedOptions,
  demo: DemoOptions,
  emit: Emit,
  clock: PhaseClock,
): Promise<{ results: RunResult[]; loadFloor?: LoadFloor }> {
  const groups: Group[] = [];
  const held: HeldWork = {};
  try {
    clock.start('clusters');
    clock.start('side-by-side');
    await sideBySide(plan, groups, options, demo, emit, clock, held);
    timeWaits(held, clock, clock.end('side-by-side'));
    const runs = groups.flatMap((group) => group.runs);
    clock.start('fault-windows');
    await faultWindows(groups, options, emit);
    const [loads] = await Promise.all([
      prepareLoads(runs, options, emit),
      held.floors && addDemoFloor(held.floors, 'redis', redisUrlOf(groups)),
    ]);
    clock.end('fault-windows');
    // The quiet rounds run alone: after every clock-bound scenario too.
    await held.waits?.done;
    clock.start('quiet');
    await quietPhase(runs, options, emit, loads, held.floors);
    clock.end('quiet');
    const floors = held.floors;
    held.floors = undefined;
    const loadFloor = floors && (await closeDemoFloors(floors));
    for (const run of runs) {
      if (run.ctx)
        emit({ type: 'run-end', mode: run.plan.mode, strategy: run.plan.strategy, ms: Math.round(run.ms) });
    }
    return { results: runs.map((run) => toRunResult(run, options)), ...(loadFloor && { loadFloor }) };
  } finally {
    await held.waits?.done;
    if (held.floors) await closeDemoFloors(held.floors);
    clock.start('close');
    await Promise.all(groups.map(closeGroup));
    clock.end('close');
  }
}
