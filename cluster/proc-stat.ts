/**
 * One line of /proc/<pid>/stat (Linux), read the one safe way: the command name (field 2) may hold
 * spaces and parentheses, so the fields are split after its last ')'. CPU times are in clock ticks.
 */
export interface ProcStat {
  /** R, S, D, Z (zombie: ended, not yet reaped), … */
  state: string;
  ppid: number;
  pgid: number;
  /** utime + stime of the process itself. */
  ticks: number;
  /** ticks plus the reaped children's (cutime + cstime): a process tree's time that outlives its children. */
  ticksWithChildren: number;
}

/** The kernel's USER_HZ, the unit of /proc/stat and /proc/<pid>/stat (100 on Linux). */
export const CLOCK_TICKS_PER_SECOND = 100;

export function parseProcStat(text: string): ProcStat | undefined {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [ppid, pgid] = [Number(fields[1]), Number(fields[2])];
  const ticks = Number(fields[11]) + Number(fields[12]);
  const ticksWithChildren = ticks + Number(fields[13]) + Number(fields[14]);
  if (![ppid, pgid, ticksWithChildren].every(Number.isFinite)) return undefined;
  return { state: fields[0]!, ppid, pgid, ticks, ticksWithChildren };
}
