import { readdir, readFile } from 'node:fs/promises';
import { CLOCK_TICKS_PER_SECOND, parseProcStat } from '../../cluster/proc-stat.ts';

/**
 * CPU time (user + system, including reaped children) of every process in a process group, in µs,
 * from /proc (Linux). Language-agnostic: a Python app, a Node app under `npm start`, workers
 * forked by a pre-fork server all count, as long as they stay in the replica's group.
 */
export async function groupCpuMicros(pgid: number): Promise<number | undefined> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return undefined;
  }
  let ticks = 0;
  let found = false;
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (pid) => {
        try {
          const stat = parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
          if (stat?.pgid !== pgid) return;
          found = true;
          ticks += stat.ticksWithChildren;
        } catch {
          // the process ended while we read
        }
      }),
  );
  return found ? Math.round((ticks * 1e6) / CLOCK_TICKS_PER_SECOND) : undefined;
}

/** Pids of the processes still in a process group (tests check nothing is left behind). */
export async function groupPids(pgid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const stat = text ? parseProcStat(text) : undefined;
    if (stat?.pgid === pgid && stat.state !== 'Z') pids.push(Number(entry));
  }
  return pids;
}
