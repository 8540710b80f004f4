import { describe, expect, it } from 'vitest';
import {
  aheadMarginSeconds,
  clientFigures,
  derivedPoint,
  refreshPeriods,
  storeWritesIn,
} from '../../../scenarios/lifetimes/math.ts';
import type { MeasuredPoint } from '../../../scenarios/lifetimes/point.ts';
import { combine } from '../../../scenarios/lifetimes/run.ts';

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
