import { describe, expect, it } from 'vitest';
import { Tally } from '../../classroom/tally.ts';

describe('live figures', () => {
  it('counts per node by code and measures the failure rate over closed seconds only', () => {
    const tally = new Tally();
    tally.record({ nodeId: 'node-1', status: 200, code: undefined });
    tally.record({ nodeId: 'node-2', status: 401, code: 'ERR_SESSION_UNKNOWN' });
    tally.record({ nodeId: undefined, status: 0, code: undefined });
    expect(tally.window().failureRate).toBeNull();
    tally.rotate();
    expect(tally.window()).toMatchObject({ seconds: 1, requests: 3, failed: 2 });
    expect(tally.countsOf('node-2')).toEqual({
      requests: 1,
      ok: 0,
      failed: 1,
      failuresByCode: { ERR_SESSION_UNKNOWN: 1 },
    });
    expect(tally.unroutedCounts.failuresByCode).toEqual({ ERR_NO_RESPONSE: 1 });
  });
});
