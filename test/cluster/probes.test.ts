import { describe, expect, it } from 'vitest';
import { cpuDelta, parseCpuSeconds } from '../../cluster/node-cpu.ts';
import { parseCommandStats } from '../../cluster/redis-commands.ts';

describe('measurement helpers', () => {
  it('sums INFO commandstats calls without our own INFO/PING and replication chatter', () => {
    const info = [
      '# Commandstats',
      'cmdstat_get:calls=120,usec=300,usec_per_call=2.5,rejected_calls=0,failed_calls=0',
      'cmdstat_pexpire:calls=30,usec=60',
      'cmdstat_info:calls=9,usec=900',
      'cmdstat_ping:calls=400,usec=100',
      'cmdstat_client|setname:calls=3,usec=1',
      'cmdstat_evalsha:calls=5,usec=50',
    ].join('\r\n');
    expect(parseCommandStats(info)).toBe(155);
  });

  it('reads process CPU from Prometheus text', () => {
    expect(parseCpuSeconds('# HELP x\nprocess_cpu_seconds_total 1.25\n')).toBe(1.25);
    expect(
      parseCpuSeconds('process_cpu_user_seconds_total 1.5\nprocess_cpu_system_seconds_total 0.25\n'),
    ).toBe(1.75);
    expect(parseCpuSeconds('nothing here')).toBeUndefined();
    expect(cpuDelta({ a: 100, b: 50 }, { a: 160, b: 70, c: 999 })).toBe(80);
  });
});
