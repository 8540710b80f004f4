import { describe, expect, it } from 'vitest';
import { parseControl } from '../../classroom/control.ts';
import { LESSON } from '../../classroom/lesson.ts';

describe('live figures', () => {
  it('the lesson has the per-connection step right after round-robin, numbered in order', () => {
    expect(LESSON.map((step) => step.n)).toEqual(LESSON.map((_, i) => i + 1));
    expect(LESSON[2]!.setup.strategy).toBe('round-robin');
    expect(LESSON[3]).toMatchObject({
      setup: { mode: 'memory', strategy: 'connection' },
      actions: ['reconnect'],
    });
    expect(parseControl({ action: 'set-reconnect', every: 16 })).toEqual({
      action: 'set-reconnect',
      every: 16,
    });
  });

  it('the last step runs Sentinel and offers "stop the primary"; set-cluster names the topology', () => {
    expect(LESSON.at(-1)).toMatchObject({
      setup: { mode: 'redis', redis: 'sentinel' },
      figure: 'failover',
      actions: ['stop-primary'],
    });
    expect(parseControl({ action: 'set-cluster', redis: 'sentinel' })).toEqual({
      action: 'set-cluster',
      redis: 'sentinel',
    });
    expect(() => parseControl({ action: 'set-cluster', redis: 'cluster' })).toThrow(/redis must be one of/);
    expect(() => parseControl({ action: 'stop-primary', port: 1 })).toThrow(/takes no fields/);
  });
});
