import { describe, expect, it } from 'vitest';
import {
  bytesPerStep,
  capPlan,
  DEFAULT_PLAN,
  implicationsOf,
  medianOf,
  stepTargets,
} from '../scenarios/capacity/math.ts';
import { parseUsedMemory } from '../scenarios/capacity/probes.ts';
import { parseCommand } from '../scenarios/cli/args.ts';
import { spreadOf } from '../scenarios/core/spread.ts';
import {
  aheadMarginSeconds,
  clientFigures,
  derivedPoint,
  refreshPeriods,
  storeWritesIn,
} from '../scenarios/lifetimes/math.ts';
import type { MeasuredPoint } from '../scenarios/lifetimes/point.ts';
import { combine } from '../scenarios/lifetimes/run.ts';

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

describe('lifetimes arithmetic', () => {
  it('counts only store writes from the node counters', () => {
    const metrics = [
      '# HELP authscale_store_operations_total x',
      'authscale_store_operations_total{op="eval"} 12',
      'authscale_store_operations_total{op="exists"} 400',
      'authscale_store_operations_total{op="hset"} 3',
      'authscale_store_operations_total{op="expire"} 3',
    ].join('\n');
    expect(storeWritesIn(metrics)).toBe(18);
  });

  it('refresh periods, refreshes per user-hour = 3600 / mean period, failures per refresh', () => {
    const log = {
      issuedAtMs: [
        [0, 5000, 10_000],
        [1000, 6000],
      ],
      expiryFailures: 3,
    };
    expect(refreshPeriods(log)).toEqual([5, 5, 5]);
    const figures = clientFigures(log);
    expect(figures.refreshesPerUserHour).toBe(720);
    expect(figures.failedPerRefresh).toBe(1);
    expect(figures.failedRequestsPerUserHour).toBe(720);
    expect(() => clientFigures({ issuedAtMs: [[0]], expiryFailures: 0 })).toThrow();
  });

  it('derived points scale from the setting and the measured ratios, and say so', () => {
    expect(aheadMarginSeconds(900)).toBe(45);
    expect(aheadMarginSeconds(1)).toBe(0.1);
    const point = derivedPoint(900, 4.5, 1);
    expect(point.measured).toBe(false);
    expect(point.refreshesPerUserHour).toBeCloseTo(3600 / 855, 6);
    expect(point.storeWritesPerUserHour).toBeCloseTo(3600 / 855, 6);
    expect(point.exposureSeconds).toBe(904.5);
    expect(point.clients.after401.failedPerRefresh).toBe(1);
    expect(point.clients.ahead.failedRequestsPerUserHour).toBe(0);
  });

  it('combine: run-wide writes/refresh and exposure offset, derived points above the measured ones', () => {
    const measured = (ttl: number, exposure: number, writes: number, refreshes: number): MeasuredPoint => ({
      point: { ...derivedPoint(ttl, exposure - ttl, 1), measured: true },
      storeWrites: writes,
      refreshes,
    });
    const result = combine('jwt-redis', [measured(15, 19, 10, 10), measured(5, 9.5, 30, 30)], 200);
    expect(result.writesPerRefresh).toBe(1);
    expect(result.exposureBeyondLifetimeSeconds).toBe(4.25);
    expect(result.points.map((p) => p.accessTtlSeconds)).toEqual([5, 15, 300, 900, 3600]);
    expect(result.points.filter((p) => !p.measured)).toHaveLength(3);
    expect(result.points.at(-1)!.exposureSeconds).toBe(3604.25);
  });
});
