import { describe, expect, it } from 'vitest';
import type { NodeFailureResult, Report } from '../../../scenarios/core/types.ts';
import { renderHtml, renderMarkdown } from '../../../scenarios/report/index.ts';
import type { StoreFailureResult } from '../../../scenarios/store-failure/types.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

/** A report whose failure scenarios partitioned their links, on a shaped network with jitter. */
function partitioned(): Report {
  const report = sampleReport();
  report.config.fault = 'partition';
  report.network = {
    kind: 'shaped',
    links: {
      store: {
        configuredRttMs: 1,
        measuredRttMs: 1.36,
        directRttMs: 0.04,
        measuredRangeMs: [0.83, 3.2],
        configuredJitterMs: 0.2,
        expectedRttMadMs: 0.12,
        measuredRttMadMs: 0.31,
        directRttMadMs: 0.02,
      },
    },
  };
  const redis = report.results.find((run) => run.mode === 'redis' && !run.skipped)!;
  const store = redis.scenarios['store-failure'] as StoreFailureResult;
  redis.scenarios['store-failure'] = {
    ...store,
    fault: { kind: 'partition', beganAt: 0.75, endedAt: 1.65 },
    faultAnswerMs: { count: 67, p50: 26.2, max: 589.8 },
    failedAnswerMs: { count: 147, p50: 25.8, max: 589.8 },
  };
  const node = redis.scenarios['node-failure'] as NodeFailureResult;
  redis.scenarios['node-failure'] = {
    ...node,
    fault: { kind: 'partition', beganAt: 0.6, endedAt: 1.2 },
    secondsToRecover: 0,
    faultAnswerMs: { count: 25, p50: 38, max: 636.2 },
  };
  return report;
}

describe('report: a partition fault and a jittered link', () => {
  it('names the fault, the answer times during it and the jitter as set and as measured', () => {
    const md = renderMarkdown(partitioned(), 'en');
    expect(md).toContain('Fault: partition');
    expect(md).toContain('| partition | 26 / 590 ms (67) |');
    expect(md).toContain('| partition | 38 / 636 ms (25) |');
    expect(md).toContain('jitter ±0.2 ms: RTT median absolute deviation 0.31 ms measured, 0.12 ms expected');
    expect(md).toContain('the link holds every byte until it heals');
  });

  it('in Korean too, in report.md and report.html', () => {
    const report = partitioned();
    for (const text of [renderMarkdown(report, 'ko'), renderHtml(report, 'ko')]) {
      expect(text).toContain('네트워크 분할');
      expect(text).toContain('26 / 590 ms (67건)');
      expect(text).toContain('지터 ±0.2 ms');
    }
  });

  it('a run without a partition has no partition line', () => {
    const md = renderMarkdown(sampleReport(), 'en');
    expect(md).not.toContain('Fault: partition');
  });
});
