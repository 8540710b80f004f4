import { readdir, readFile } from 'node:fs/promises';

const CLOCK_TICKS_PER_SECOND = 100;

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
          const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
          // Fields after the command name (which may contain spaces and parentheses).
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          if (Number(fields[2]) !== pgid) return;
          found = true;
          ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
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
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (stat && Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
  }
  return pids;
}
