import { describe, expect, it } from 'vitest';
import { loadWarningOf, watchMachine } from '../../../scenarios/core/machine.ts';
import { PhaseClock } from '../../../scenarios/core/timings.ts';
import type { PhaseTiming } from '../../../scenarios/core/types.ts';

const phase = (name: PhaseTiming['phase'], otherCores?: number): PhaseTiming => ({
  phase: name,
  startMs: 0,
  endMs: 1000,
  ...(otherCores !== undefined && { ownCores: 1.5, otherCores }),
});

describe('loadWarningOf: did other work move the contention-bound figures?', () => {
  it('follows the measured other work where the demo measured its contended phases', () => {
    // The demo's own side-by-side phase drove the load average to 8 on 2 cores: no warning.
    expect(loadWarningOf(8, 2, [phase('side-by-side', 0.05), phase('quiet', 0.05)])).toBeUndefined();
    expect(loadWarningOf(8, 2, [phase('fault-windows', 0.2), phase('quiet', 0.19)])).toBeUndefined();
    expect(loadWarningOf(1.5, 2, [phase('quiet', 0.6)])).toEqual({
      peak1m: 1.5,
      cores: 2,
      otherCores: 0.6,
      phase: 'quiet',
    });
    expect(loadWarningOf(3, 2, [phase('fault-windows', 0.5), phase('quiet', 0.3)])).toMatchObject({
      otherCores: 0.5,
      phase: 'fault-windows',
    });
  });

  it('leaves out phases that are not contended (other work beside the start-ups moves no figure)', () => {
    expect(loadWarningOf(9, 2, [phase('side-by-side', 1.2), phase('quiet', 0.02)])).toBeUndefined();
  });

  it('falls back on the load average where nothing was measured (--target, no /proc)', () => {
    expect(loadWarningOf(2.9, 2)).toEqual({ peak1m: 2.9, cores: 2 });
    expect(loadWarningOf(1.9, 2)).toBeUndefined();
    expect(loadWarningOf(2.9, 2, [phase('quiet')])).toEqual({ peak1m: 2.9, cores: 2 });
  });
});

describe('PhaseClock with CPU readings', () => {
  it('records each phase’s own and other cores from the readings at its start and end', () => {
    const readings = [
      { busy: 0, own: 0, atMs: 0 },
      { busy: 300, own: 200, atMs: 2000 },
    ];
    const clock = new PhaseClock(() => readings.shift());
    clock.start('quiet');
    clock.end('quiet');
    expect(clock.done).toEqual([
      {
        phase: 'quiet',
        startMs: expect.any(Number),
        endMs: expect.any(Number),
        ownCores: 1,
        otherCores: 0.5,
      },
    ]);
  });

  it('records times only where no CPU counters can be read', () => {
    const clock = new PhaseClock(() => undefined);
    clock.start('close');
    expect(clock.end('close')).toEqual(expect.any(Number));
    expect(clock.done[0]).toEqual({ phase: 'close', startMs: expect.any(Number), endMs: expect.any(Number) });
    expect(clock.end('close')).toBeUndefined();
  });

  it('gives its phases to report.machine, with the warning they call for', () => {
    const machine = watchMachine().finish([phase('quiet', 1.9)]);
    expect(machine.timings).toEqual([phase('quiet', 1.9)]);
    expect(machine.loadWarning).toMatchObject({ otherCores: 1.9, phase: 'quiet', cores: machine.cores });
    expect(watchMachine().finish().timings).toBeUndefined();
  });
});
