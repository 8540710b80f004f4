import { describe, expect, it } from 'vitest';
import { LaneGate } from '../../../scenarios/core/lane-gate.ts';

/** A body that records who ran beside it, and ends when told to. */
function tracked(log: string[], active: Set<string>) {
  return (name: string) => {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const body = async () => {
      log.push(`${name}:start[${[...active].sort().join(',')}]`);
      active.add(name);
      await done;
      active.delete(name);
    };
    return { body, finish };
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LaneGate', () => {
  it('runs up to `lanes` shared bodies at once and an exclusive one alone, in arrival order', async () => {
    const gate = new LaneGate(2);
    const log: string[] = [];
    const make = tracked(log, new Set());
    const a = make('a');
    const b = make('b');
    const x = make('x');
    const c = make('c');
    const runs = [
      gate.run(false, a.body),
      gate.run(false, b.body),
      gate.run(true, x.body),
      gate.run(false, c.body),
    ];
    await tick();
    // a and b share; x waits for both; c (after x) does not overtake it.
    expect(log).toEqual(['a:start[]', 'b:start[a]']);
    a.finish();
    await tick();
    expect(log).toHaveLength(2);
    b.finish();
    await tick();
    expect(log.at(-1)).toBe('x:start[]');
    x.finish();
    await tick();
    expect(log.at(-1)).toBe('c:start[]');
    c.finish();
    await Promise.all(runs);
  });

  it('lets the next body in when one throws', async () => {
    const gate = new LaneGate(1);
    const failing = gate.run(true, async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(gate.run(false, async () => 'next')).resolves.toBe('next');
  });
});
