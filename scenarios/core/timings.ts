import type { PhaseTiming } from './types.ts';

/** Records when each demo phase began and ended, in ms from the clock's creation (report.machine.timings). */
export class PhaseClock {
  private readonly origin = performance.now();
  private readonly open = new Map<PhaseTiming['phase'], number>();
  readonly done: PhaseTiming[] = [];

  start(phase: PhaseTiming['phase']): void {
    this.open.set(phase, this.now());
  }

  end(phase: PhaseTiming['phase']): void {
    const startMs = this.open.get(phase);
    if (startMs === undefined) return;
    this.open.delete(phase);
    this.done.push({ phase, startMs, endMs: this.now() });
  }

  private now(): number {
    return Math.round(performance.now() - this.origin);
  }
}
