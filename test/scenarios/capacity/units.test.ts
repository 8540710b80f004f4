import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import {
  bytesPerStep,
  capPlan,
  DEFAULT_PLAN,
  implicationsOf,
  medianOf,
  stepTargets,
} from '../../../scenarios/capacity/math.ts';
import { parseUsedMemory } from '../../../scenarios/capacity/probes.ts';
import { capacitySection } from '../../../scenarios/capacity/section.ts';
import type { CapacityResult } from '../../../scenarios/capacity/types.ts';
import { parseCommand } from '../../../scenarios/cli/args.ts';
import { spreadOf } from '../../../scenarios/core/spread.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

describe('capacity arithmetic', () => {
  it('medianOf reads a number or a spread', () => {
    expect(medianOf(7)).toBe(7);
    expect(medianOf(spreadOf([1, 9, 5]))).toBe(5);
  });

  it('stepTargets: three equal steps, the last one absorbing the rounding', () => {
    expect(stepTargets(0, 300)).toEqual([100, 200, 300]);
    expect(stepTargets(1000, 10_000)).toEqual([4000, 7000, 10_000]);
    expect(stepTargets(0, 10)).toEqual([3, 6, 10]);
    expect(stepTargets(0, 2)).toEqual([1, 2]);
    expect(() => stepTargets(5, 5)).toThrow();
  });

  it('bytesPerStep: bytes added over sessions added; refuses an empty step', () => {
    expect(bytesPerStep(1_000_000, 1_250_000, 1000)).toBe(250);
    expect(bytesPerStep(1000, 900, 10)).toBe(-10); // noise is kept, not hidden
    expect(() => bytesPerStep(0, 10, 0)).toThrow();
  });

  it('capPlan drops the levels above the memory store bound', () => {
    expect(
      capPlan({ loginPopulation: 1000, levels: [1000, 10_000, 100_000, 1_000_000] }, 100_000).levels,
    ).toEqual([1000, 10_000, 100_000]);
    expect(capPlan(DEFAULT_PLAN, undefined)).toBe(DEFAULT_PLAN);
  });

  it('implications: users × bytes/session on the server, credential × rate on the wire, all derived', () => {
    const [thousand, , million] = implicationsOf(250, 100, 10_000);
    expect(thousand).toEqual({
      users: 1000,
      serverBytes: 250_000,
      credentialBytesPerSecond: 1_000_000,
      measured: false,
    });
    expect(million!.serverBytes).toBe(250_000_000);
    expect(implicationsOf(-3, 10)[0]!.serverBytes).toBe(0);
  });

  it('parses used_memory from INFO memory', () => {
    expect(parseUsedMemory('# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n')).toBe(1_048_576);
    expect(() => parseUsedMemory('# Memory\r\n')).toThrow();
  });

  it('--full asks capacity for the million-session population', () => {
    const full = parseCommand(['scenario', 'capacity', '--full']);
    expect(full.kind === 'scenario' && full.flags.full).toBe(true);
    const plain = parseCommand(['demo']);
    expect(plain.kind === 'demo' && plain.flags.full).toBeFalsy();
  });
});

describe('capacity section under a Redis Cluster', () => {
  it('names each primary with its keys, share and bytes, in both languages', () => {
    const report = sampleReport();
    const redisRun = report.results.find((run) => run.mode === 'redis')!;
    const capacityResult = redisRun.scenarios.capacity as CapacityResult;
    capacityResult.shards = [
      {
        primary: '127.0.0.1:7001',
        slots: 5461,
        keys: 990,
        usedMemoryBytes: 1_500_000,
        grownBytes: 290_000,
        sampledKeyBytes: 280,
        sampledKeys: 50,
      },
      {
        primary: '127.0.0.1:7002',
        slots: 5462,
        keys: 1010,
        usedMemoryBytes: 1_510_000,
        grownBytes: 296_000,
        sampledKeyBytes: 280,
        sampledKeys: 50,
      },
      {
        primary: '127.0.0.1:7003',
        slots: 5461,
        keys: 1000,
        usedMemoryBytes: 1_505_000,
        grownBytes: 292_000,
        sampledKeyBytes: 288,
        sampledKeys: 50,
      },
    ];
    for (const lang of ['en', 'ko'] as const) {
      const notes = capacitySection(report, translator(lang)).notes;
      const shardNotes = notes.filter((line) => line.includes('127.0.0.1:700'));
      expect(shardNotes).toHaveLength(3);
      expect(shardNotes[1]).toContain('1,010');
      expect(shardNotes[1]).toContain('34%');
    }
  });
});
