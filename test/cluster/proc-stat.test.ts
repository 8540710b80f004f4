import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProcStat } from '../../cluster/proc-stat.ts';

describe('parseProcStat: one /proc/<pid>/stat line', () => {
  const rest = 'S 41 42 42 0 -1 4194304 100 0 0 0 120 30 7 3 20 0 1 0 500';

  it('reads state, parent, group and ticks after the command name, even one holding ") "', () => {
    const whole = { state: 'S', ppid: 41, pgid: 42, ticks: 120 + 30, ticksWithChildren: 120 + 30 + 7 + 3 };
    expect(parseProcStat(`42 (node) ${rest}`)).toEqual(whole);
    expect(parseProcStat(`42 (a) b (c) ${rest}`)).toEqual(whole);
    expect(parseProcStat('42 (x) S')).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('reads this process as the kernel writes it', () => {
    const stat = parseProcStat(readFileSync('/proc/self/stat', 'utf8'))!;
    expect(stat.ppid).toBe(process.ppid);
    expect(stat.state).toMatch(/^[RS]$/);
    expect(stat.ticksWithChildren).toBeGreaterThanOrEqual(stat.ticks);
  });
});
