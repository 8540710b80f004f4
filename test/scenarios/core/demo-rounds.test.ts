import { describe, expect, it } from 'vitest';
import { redisServerPath } from '../../../lib/redis-server.ts';
import { runDemo } from '../../../scenarios/core/demo.ts';
import { isSkipped, type LoadResult, type ProgressEvent } from '../../../scenarios/core/types.ts';
import { checkReport } from '../../../scenarios/report/check.ts';

/**
 * The demo's load phase across modes: rounds interleave (A B A B), each figure comes with its
 * spread, the stateless jwt run costs no store operation and jwt-redis about one (the denylist),
 * and the floor (a bare route, with and without one Redis GET) is measured in the same rounds.
 */
describe.skipIf(!redisServerPath())('demo: load rounds interleaved across jwt and jwt-redis', () => {
  it('alternates the runs round by round and records the machine load', async () => {
    const events: ProgressEvent[] = [];
    const report = await runDemo({
      modes: ['jwt', 'jwt-redis'],
      scenarios: ['load'],
      quick: true,
      users: 4,
      durationSeconds: 1,
      loadRounds: 2,
      redisUrl: '',
      onProgress: (event) => events.push(event),
    });
    expect(checkReport(report)).toEqual([]);
    const skips = report.results.map(
      (r) => r.skipped ?? (isSkipped(r.scenarios.load) && r.scenarios.load.reason),
    );
    expect(skips).toEqual([false, false]);
    expect(report.config.loadRounds).toBe(2);
    expect(report.results.map((r) => r.mode)).toEqual(['jwt', 'jwt-redis']);
    const rounds = events.filter((e) => e.type === 'load-round').map((e) => `${e.mode}#${e.round}`);
    expect(rounds).toEqual(['jwt#1', 'jwt-redis#1', 'jwt#2', 'jwt-redis#2']);

    const [jwt, jwtRedis] = report.results.map((r) => {
      const load = r.scenarios.load;
      if (!load || isSkipped(load)) throw new Error(`${r.mode}: load skipped`);
      return load as LoadResult;
    });
    expect(jwt!.storeOpsPerRequest).toBe(0);
    expect(jwtRedis!.storeOpsPerRequest).toBeGreaterThanOrEqual(0.9);
    // Round 1 of jwt-redis ran between jwt's rounds 1 and 2.
    expect(jwtRedis!.rounds[0]!.startedAtMs).toBeGreaterThan(jwt!.rounds[0]!.startedAtMs);
    expect(jwtRedis!.rounds[0]!.startedAtMs).toBeLessThan(jwt!.rounds[1]!.startedAtMs);
    for (const load of [jwt!, jwtRedis!]) {
      const { median, min, max, values } = load.spread.cpuMicrosPerRequest;
      expect(values).toHaveLength(2);
      expect(min).toBeLessThanOrEqual(median);
      expect(median).toBeLessThanOrEqual(max);
    }
    // The floor ran in the same rounds, on as many processes, with and without one Redis GET.
    const floor = report.loadFloor;
    expect(floor?.skipped).toBeUndefined();
    expect(floor?.nodes).toBe(report.config.nodes);
    expect(floor?.none?.values).toHaveLength(2);
    expect(floor?.redis?.values).toHaveLength(2);
    expect(floor!.none!.median).toBeGreaterThan(0);
    expect(floor!.redis!.median).toBeGreaterThan(0);
    const { machine } = report;
    expect(machine.cores).toBeGreaterThan(0);
    expect(machine.loadavgBefore).toHaveLength(3);
    expect(machine.loadavgPeak1m).toBeGreaterThanOrEqual(machine.loadavgBefore[0]);
    // The quiet rounds were measured for who used the CPU: the demo's own processes did the work
    // (the nodes, balancers and load client); the warning follows the other work alone.
    const quiet = machine.timings?.find((timing) => timing.phase === 'quiet');
    if (process.platform === 'linux') {
      expect(quiet?.ownCores).toBeGreaterThan(0.2);
      expect(quiet?.otherCores).toBeGreaterThanOrEqual(0);
      // A phase under a second gets no share (its fault windows may be only the warm-up).
      const contended = machine.timings!.filter((t) => t.phase === 'quiet' || t.phase === 'fault-windows');
      const busiest = Math.max(...contended.flatMap((t) => t.otherCores ?? []));
      expect(machine.loadWarning !== undefined).toBe(busiest > 0.1 * machine.cores);
    } else {
      expect(machine.loadWarning !== undefined).toBe(machine.loadavgPeak1m > machine.cores);
    }
  }, 240_000);
});
