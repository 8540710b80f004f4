import { readFile } from 'node:fs/promises';
import { procCpuMicros } from '../../cluster/node-cpu.ts';

/** Pids of the direct children of `pid` (nginx's workers), from /proc; none where unreadable. */
async function childPids(pid: number): Promise<number[]> {
  try {
    const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return text.trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * utime+stime in µs of a process and its direct children (a proxy's workers), from /proc (Linux;
 * 10 ms clock ticks); undefined where /proc cannot be read, so no row shows a made-up 0.
 */
export async function processTreeCpuMicros(pid: number): Promise<number | undefined> {
  const own = await procCpuMicros(pid);
  if (own === undefined) return undefined;
  let total = own;
  for (const child of await childPids(pid)) total += (await procCpuMicros(child)) ?? 0;
  return total;
}
