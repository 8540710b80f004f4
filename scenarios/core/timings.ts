import { type CpuTicks, cpuShare, readCpuTicks } from './cpu-share.ts';
import type { PhaseTiming } from './types.ts';

/**
 * Records when each demo phase began and ended, in ms from the clock's creation, and how many
 * cores the demo's own processes and everything else used meanwhile (report.machine.timings).
 */
export class PhaseClock {
  private readonly origin = performance.now();
  private readonly open = new Map<PhaseTiming['phase'], { startMs: number; cpu?: CpuTicks }>();
  private readonly readCpu: () => CpuTicks | undefined;
  readonly done: PhaseTiming[] = [];

  /** `readCpu`: where the CPU counters come from (/proc; a test gives its own). */
  constructor(readCpu: () => CpuTicks | undefined = readCpuTicks) {
    this.readCpu = readCpu;
  }

  /** `atMs`: when a phase begins exactly as another ends (the value end() returned). */
  start(phase: PhaseTiming['phase'], atMs = this.now()): void {
    this.open.set(phase, { startMs: atMs, cpu: this.readCpu() });
  }

  /** Ends the phase; returns its end in ms (undefined when it was not open). */
  end(phase: PhaseTiming['phase']): number | undefined {
    const begun = this.open.get(phase);
    if (begun === undefined) return undefined;
    this.open.delete(phase);
    const endMs = this.now();
    const after = begun.cpu && this.readCpu();
    const share = begun.cpu && after && cpuShare(begun.cpu, after);
    this.done.push({ phase, startMs: begun.startMs, endMs, ...share });
    return endMs;
  }

  private now(): number {
    return Math.round(performance.now() - this.origin);
  }
}
