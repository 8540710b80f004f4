import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import type { LoadResult, Report } from '../../../scenarios/core/types.ts';
import { loadSection } from '../../../scenarios/load/section.ts';
import { storeLatencyDifferences } from '../../../scenarios/load/store-latency.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

/** Sets a run's fixed-rate p50 and p99 per round. */
function setRounds(report: Report, mode: string, p50: number[], p99: number[]): void {
  const load = report.results.find((run) => run.mode === mode)!.scenarios.load as LoadResult;
  load.rounds.forEach((round, i) => {
    round.fixedRate.latencyMs.p50 = p50[i]!;
    round.fixedRate.latencyMs.p99 = p99[i]!;
  });
}

function shapedReport(): Report {
  const report = sampleReport();
  report.network = {
    kind: 'shaped',
    links: {
      store: { configuredRttMs: 2, measuredRttMs: 2.2, directRttMs: 0.05, measuredRangeMs: [2.1, 3] },
    },
  };
  setRounds(report, 'jwt', [3, 4, 5], [10, 12, 30]);
  setRounds(report, 'redis', [5.5, 6, 7.5], [13, 15, 31]);
  setRounds(report, 'jwt-redis', [5, 6.5, 7], [12, 16, 28]);
  return report;
}

describe('load on a shaped network: what the store link adds, against the theory', () => {
  it('pairs the rounds (run − jwt) and sets one store round trip per request as the theory', () => {
    const [redis, jwtRedis] = storeLatencyDifferences(shapedReport());
    expect(redis).toMatchObject({ run: 'redis', roundTrips: 1, theoryMs: 2.2 });
    expect(redis!.p50).toMatchObject({ median: 2.5, min: 2, max: 2.5 });
    expect(redis!.p99).toMatchObject({ median: 3, min: 1, max: 3 });
    expect(jwtRedis!.p50).toMatchObject({ median: 2, min: 2, max: 2.5 });
    expect(jwtRedis!.p99.min).toBe(-2);
  });

  it('says nothing on a loopback network', () => {
    expect(storeLatencyDifferences(sampleReport())).toEqual([]);
  });

  it('writes one note per store run, with the verdict, in both languages', () => {
    for (const lang of ['en', 'ko'] as const) {
      const notes = loadSection(shapedReport(), translator(lang)).notes.filter((line) =>
        line.includes('2.20'),
      );
      expect(notes).toHaveLength(2);
      expect(notes[0]).toContain('+2.50');
    }
    const en = loadSection(shapedReport(), translator('en')).notes;
    expect(en.find((line) => line.includes('redis − jwt'))).toContain('within the rounds’ range');
    const slow = shapedReport();
    setRounds(slow, 'redis', [13, 14, 15], [30, 31, 32]);
    const slowNote = loadSection(slow, translator('en')).notes.find((line) => line.includes('redis − jwt'));
    expect(slowNote).toContain('more than the theory');
  });
});
