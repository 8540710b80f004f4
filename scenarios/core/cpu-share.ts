import { readdirSync, readFileSync } from 'node:fs';
import { CLOCK_TICKS_PER_SECOND, parseProcStat } from '../../cluster/proc-stat.ts';

/**
 * Who used the machine's CPU during a demo phase: the demo's own processes (this process and every
 * process it started — nodes, balancers, floors, Redis — with their children) or anything else.
 * The load average cannot tell them apart: it counts the demo's own processes, and side by side
 * those keep both cores of a 2-core machine busy, so on an idle machine its peak is above the core
 * count every time. Linux only (/proc); other systems report no share.
 *
 * Both counters are in clock ticks of 1/100 s, the unit /proc/stat and /proc/<pid>/stat share.
 * A process's own ticks include its reaped children's (cutime, cstime), so a process that the demo
 * started and that ended inside the phase still counts as the demo's.
 */
export interface CpuTicks {
  /** Busy ticks of the whole machine, all cores. */
  busy: number;
  /** Ticks of this process's tree. */
  own: number;
  /** performance.now() when read. */
  atMs: number;
}

/** Average cores in use over a phase: by the demo's processes, and by everything else. */
export interface CpuShare {
  ownCores: number;
  otherCores: number;
}

/** user + nice + system + irq + softirq + steal of /proc/stat's first line (guest is inside user). */
export function machineBusyTicks(procStat: string): number {
  const fields = procStat.split('\n', 1)[0]!.trim().split(/\s+/);
  if (fields[0] !== 'cpu') throw new Error('/proc/stat: no aggregate cpu line');
  const [user, nice, system, _idle, _iowait, irq = 0, softirq = 0, steal = 0] = fields.slice(1).map(Number);
  const busy = user! + nice! + system! + irq + softirq + steal;
  if (!Number.isFinite(busy)) throw new Error('/proc/stat: unreadable cpu line');
  return busy;
}

/** A process's parent and its CPU ticks, its reaped children's included. */
type TreeEntry = { ppid: number; ticks: number };

function readProcesses(): Map<number, TreeEntry> {
  const processes = new Map<number, TreeEntry>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (stat) processes.set(Number(name), { ppid: stat.ppid, ticks: stat.ticksWithChildren });
    } catch {
      // The process ended between the listing and the read: its parent's cutime has it.
    }
  }
  return processes;
}

/** Sum of the ticks of `root` and every process below it. */
export function treeTicks(processes: Map<number, TreeEntry>, root: number): number {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of processes) {
    const siblings = children.get(ppid);
    if (siblings) siblings.push(pid);
    else children.set(ppid, [pid]);
  }
  let total = 0;
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    total += processes.get(pid)?.ticks ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Both counters now, or undefined where /proc is not there to read. */
export function readCpuTicks(root = process.pid): CpuTicks | undefined {
  try {
    const busy = machineBusyTicks(readFileSync('/proc/stat', 'utf8'));
    return { busy, own: treeTicks(readProcesses(), root), atMs: performance.now() };
  } catch {
    return undefined;
  }
}

const twoDigits = (value: number) => Math.round(value * 100) / 100;

/** Shorter phases get no share: a tick or two of sampling error would read as a large share. */
const SHORTEST_PHASE_SECONDS = 1;

/**
 * The share between two readings. Tick counts are sampled per process, so the tree's sum can
 * overshoot the machine's by a tick or two: own is capped at busy and other never goes below 0.
 */
export function cpuShare(before: CpuTicks, after: CpuTicks): CpuShare | undefined {
  const seconds = (after.atMs - before.atMs) / 1000;
  if (seconds < SHORTEST_PHASE_SECONDS) return undefined;
  const busy = Math.max(0, after.busy - before.busy);
  const own = Math.min(busy, Math.max(0, after.own - before.own));
  const cores = (ticks: number) => twoDigits(ticks / CLOCK_TICKS_PER_SECOND / seconds);
  return { ownCores: cores(own), otherCores: cores(busy - own) };
}
