import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for.ts';

describe('waitFor', () => {
  it('returns the first truthy value of check', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? 'ready' : false), { intervalMs: 1 })).resolves.toBe('ready');
    expect(calls).toBe(3);
  });

  it('retries a check that throws, and names its last error at the deadline', async () => {
    let calls = 0;
    const waited = waitFor(
      () => {
        calls++;
        throw new Error('not yet');
      },
      { timeoutMs: 30, intervalMs: 1, what: 'the thing' },
    );
    await expect(waited).rejects.toThrow(
      /timed out after 30 ms waiting for the thing \(last error: not yet\)/,
    );
    expect(calls).toBeGreaterThan(1);
  });

  it('ends at once with the error abort returns, not at the deadline', async () => {
    let calls = 0;
    const waited = waitFor(() => false, {
      timeoutMs: 60_000,
      intervalMs: 1,
      abort: () => (++calls === 3 ? new Error('the process exited') : undefined),
    });
    await expect(waited).rejects.toThrow('the process exited');
    expect(calls).toBe(3);
  });
});
