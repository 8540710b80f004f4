import { expect } from 'vitest';
import type { NodeFailureResult, StoreFailureResult } from '../../scenarios/core/types.ts';

/**
 * The failure scenarios' invariant: the totals, the per-kind totals and the timeline count the same
 * requests, and the fault times sit on the timeline's clock.
 */
export function expectTotalsMatchTimeline(result: NodeFailureResult | StoreFailureResult): void {
  const sum = (pick: (p: (typeof result.timeline)[number]) => number) =>
    result.timeline.reduce((n, p) => n + pick(p), 0);
  expect(sum((p) => p.ok + p.failed)).toBe(result.totalRequests);
  expect(sum((p) => p.failed)).toBe(result.failedRequests);
  for (const kind of ['access', 'refresh', 'login'] as const) {
    expect(sum((p) => p[kind].ok)).toBe(result.byKind[kind].ok);
    expect(sum((p) => p[kind].failed)).toBe(result.byKind[kind].failed);
  }
  for (const p of result.timeline) {
    expect(p.ok).toBe(p.access.ok + p.refresh.ok + p.login.ok);
    expect(p.failed).toBe(p.access.failed + p.refresh.failed + p.login.failed);
  }
  const end = result.timeline.at(-1)!.t + result.bucketSeconds;
  expect(result.fault.beganAt).toBeGreaterThan(0);
  expect(result.fault.beganAt).toBeLessThan(end);
  if (result.fault.endedAt !== undefined) {
    expect(result.fault.endedAt).toBeGreaterThanOrEqual(result.fault.beganAt);
    expect(result.fault.endedAt).toBeLessThanOrEqual(end);
  }
}
