import { describe, expect, it } from 'vitest';
import { percentile } from '../../../lib/stats/index.ts';
import { demoUser, mapLimit } from '../../../scenarios/client/http.ts';
import { latencyFigures } from '../../../scenarios/client/open-loop.ts';
import { answerTimes, timeline } from '../../../scenarios/client/traffic.ts';

describe('measurement helpers', () => {
  it('percentiles are nearest-rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(latencyFigures([5, 1, 3])).toEqual({ p50: 3, p90: 5, p99: 5, max: 5 });
    expect(latencyFigures([])).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it('timeline buckets every outcome by kind, and its sums equal the totals', () => {
    const points = timeline(
      [
        { at: 10, ms: 4, user: 0, ok: true, status: 200, kind: 'access' },
        { at: 260, ms: 200.4, user: 0, ok: false, status: 503, kind: 'access' },
        { at: 270, ms: 30, user: 1, ok: true, status: 200, kind: 'login' },
        { at: 999, ms: 2, user: 1, ok: true, status: 200, kind: 'refresh' },
      ],
      1000,
      250,
    );
    const none = { ok: 0, failed: 0 };
    expect(points).toEqual([
      { t: 0, ok: 1, failed: 0, slowestMs: 4, access: { ok: 1, failed: 0 }, refresh: none, login: none },
      {
        t: 0.25,
        ok: 1,
        failed: 1,
        slowestMs: 200,
        access: { ok: 0, failed: 1 },
        refresh: none,
        login: { ok: 1, failed: 0 },
      },
      { t: 0.5, ok: 0, failed: 0, access: none, refresh: none, login: none },
      { t: 0.75, ok: 1, failed: 0, slowestMs: 2, access: none, refresh: { ok: 1, failed: 0 }, login: none },
    ]);
  });

  it('answer times count the requests in flight during the window (failed only on request)', () => {
    const outcomes = [
      { at: 100, ms: 10, user: 0, ok: true, status: 200, kind: 'access' as const },
      { at: 900, ms: 650, user: 0, ok: false, status: 503, kind: 'access' as const },
      { at: 420, ms: 20, user: 1, ok: false, status: 503, kind: 'access' as const },
      { at: 1500, ms: 1, user: 1, ok: true, status: 200, kind: 'access' as const },
    ];
    // In flight 90–100, 250–900 (sent before the window, caught by it), 400–420, 1499–1500:
    // the window 300–1000 holds the middle two.
    expect(answerTimes(outcomes, 300, 1000)).toEqual({ count: 2, p50: 20, max: 650 });
    expect(answerTimes(outcomes, 0, 2000, true)).toEqual({ count: 2, p50: 20, max: 650 });
    expect(answerTimes(outcomes, 2000, 3000)).toBeUndefined();
  });

  it('mapLimit keeps order and the concurrency limit', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10]);
    expect(peak).toBe(2);
    expect(demoUser(0)).toBe('user0001');
    expect(demoUser(9998)).toBe('user9999');
    expect(demoUser(9999)).toBe('user0001');
  });
});
