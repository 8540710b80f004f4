import type { PhaseTiming } from './types.ts';

/** Records when each demo phase began and ended, in ms from the clock's creation (report.machine.timings). */
export class PhaseClock {
  private readonly origin = performance.now();
  private readonly open = new Map<PhaseTiming['phase'], number>();
  readonly done: PhaseTiming[] = [];

  /** `atMs`: when a phase begins exactly as another ends (the value end() returned). */
  start(phase: PhaseTiming['phase'], atMs = this.now()): void {
    this.open.set(phase, atMs);
  }

  /** Ends the phase; returns its end in ms (undefined when it was not open). */
  end(phase: PhaseTiming['phase']): number | undefined {
    const startMs = this.open.get(phase);
    if (startMs === undefined) return undefined;
    this.open.delete(phase);
    const endMs = this.now();
    this.done.push({ phase, startMs, endMs });
    return endMs;
  }

  private now(): number {
    return Math.round(performance.now() - this.origin);
  }
}
