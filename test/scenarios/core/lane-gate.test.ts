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
  it('runs up to `lanes` bodies at once, the others in arrival order', async () => {
    const gate = new LaneGate(2);
    const log: string[] = [];
    const make = tracked(log, new Set());
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(make) as [
      ReturnType<ReturnType<typeof tracked>>,
      ReturnType<ReturnType<typeof tracked>>,
      ReturnType<ReturnType<typeof tracked>>,
      ReturnType<ReturnType<typeof tracked>>,
    ];
    const runs = [a, b, c, d].map((x) => gate.run(x.body));
    await tick();
    expect(log).toEqual(['a:start[]', 'b:start[a]']);
    b.finish();
    await tick();
    expect(log).toEqual(['a:start[]', 'b:start[a]', 'c:start[a]']);
    a.finish();
    await tick();
    expect(log.at(-1)).toBe('d:start[c]');
    c.finish();
    d.finish();
    await Promise.all(runs);
    // All slots are free again: two new bodies start at once.
    const e = make('e');
    const f = make('f');
    const more = [gate.run(e.body), gate.run(f.body)];
    await tick();
    expect(log.slice(-2)).toEqual(['e:start[]', 'f:start[e]']);
    e.finish();
    f.finish();
    await Promise.all(more);
  });

  it('lets the next body in when one throws', async () => {
    const gate = new LaneGate(1);
    const failing = gate.run(async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});
