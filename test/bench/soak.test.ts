import { describe, expect, it } from 'vitest';
import { growthOf, MIN_ANALYSED_MS, slopePerMinute, THRESHOLDS_PER_MINUTE } from '../../bench/soak/growth.ts';
import { runSoak } from '../../bench/soak/run-soak.ts';

const MIB = 1024 * 1024;
/** A series sampled every 2 s for `minutes`, with `perMinute` growth and a ±noise sawtooth. */
function series(minutes: number, perMinute: number, noise: number): { t: number; y: number }[] {
  return Array.from({ length: (minutes * 60) / 2 }, (_, i) => ({
    t: i * 2000,
    y: 100 * MIB + (perMinute * i * 2000) / 60_000 + (i % 5 === 0 ? noise : -noise / 4),
  }));
}

describe('soak growth analysis', () => {
  it('least-squares slope per minute', () => {
    expect(
      slopePerMinute([
        { t: 0, y: 0 },
        { t: 60_000, y: 10 },
        { t: 120_000, y: 20 },
      ]),
    ).toBeCloseTo(10);
    expect(slopePerMinute([{ t: 0, y: 5 }])).toBe(0);
  });

  it('flags steady growth above the threshold, not a flat sawtooth or a short run', () => {
    const leak = growthOf('rssBytes', series(5, 3 * MIB, 2 * MIB));
    expect(leak.verdict).toBe('growing');
    expect(leak.slopePerMinute).toBeGreaterThan(THRESHOLDS_PER_MINUTE.rssBytes);
    expect(growthOf('rssBytes', series(5, 0, 8 * MIB)).verdict).toBe('ok');
    expect(growthOf('heapBytes', series(5, 0.2 * MIB, MIB)).verdict).toBe('ok');
    const short = series(MIN_ANALYSED_MS / 60_000 / 2, 10 * MIB, 0);
    expect(growthOf('rssBytes', short).verdict).toBe('too-short');
  });
});

describe('npm run soak (a few seconds)', () => {
  it('drives a cluster and returns per-process samples and growth for RSS, heap, fds and sockets', async () => {
    const report = await runSoak({
      mode: 'jwt-redis',
      durationMs: 5000,
      rate: 20,
      nodes: 2,
      warmupMs: 1000,
      sampleIntervalMs: 500,
    });
    expect(report).toMatchObject({ mode: 'jwt-redis', nodes: 2, rate: 20, verdict: 'too-short' });
    expect(report.processes.map((proc) => [proc.name, proc.kind])).toEqual([
      ['node-1', 'node'],
      ['node-2', 'node'],
      ['balancer', 'balancer'],
      ['redis', 'redis'],
      ['nodes (sum)', 'nodes-total'],
    ]);
    const total = report.processes.at(-1)!;
    expect(total.growth.map((g) => g.metric)).toEqual(['fds', 'sockets']);
    expect(total.samples[0]!.sockets).toBe(
      report.processes[0]!.samples[0]!.sockets + report.processes[1]!.samples[0]!.sockets,
    );
    for (const proc of report.processes.slice(0, -1)) {
      expect(proc.gone, proc.name).toBe(false);
      expect(proc.samples.length, proc.name).toBeGreaterThanOrEqual(5);
      const sample = proc.samples.at(-1)!;
      expect(sample.rssBytes).toBeGreaterThan(MIB);
      expect(sample.fds).toBeGreaterThan(0);
      expect(sample.sockets).toBeGreaterThan(0);
      const metrics = proc.growth.map((g) => g.metric).sort();
      const expected =
        proc.kind === 'balancer'
          ? ['fds', 'rssBytes', 'sockets']
          : ['fds', 'heapBytes', 'rssBytes', 'sockets'];
      expect(metrics, proc.name).toEqual(expected);
      for (const g of proc.growth) expect(Number.isFinite(g.slopePerMinute)).toBe(true);
    }
    expect(report.traffic.sent).toBeGreaterThan(20);
    expect(report.traffic.byStatus['200']).toBeGreaterThan(0);
    expect(report.loadBefore).toHaveLength(3);
  }, 120_000);
});
