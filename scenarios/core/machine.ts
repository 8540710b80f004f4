import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { ROOT } from '../../cluster/entrypoints.ts';
import type { LoadAverage, LoadWarning, PhaseTiming, Report } from './types.ts';

/**
 * The machine a report was measured on, with its load: os.loadavg() before and after, and the
 * highest 1-minute load average sampled during the run. The report warns when other work may have
 * moved the contention-bound figures (see loadWarningOf).
 */
export interface MachineWatch {
  /** Stops sampling and returns report.machine, with the demo's phases when it had any. */
  finish(timings?: PhaseTiming[]): Report['machine'];
}

/** The phases whose figures move when something else takes the CPU (docs/scenarios.md). */
const CONTENDED_PHASES: PhaseTiming['phase'][] = ['fault-windows', 'quiet'];
/** Other work above this share of the cores during such a phase earns the warning. */
const OTHER_WORK_SHARE = 0.1;

/**
 * Where the demo measured who used the CPU in its contended phases, the warning follows that
 * measurement: the load average counts the demo's own processes too, which side by side keep
 * every core busy, so its peak says nothing about other work. Elsewhere (a --target run, no /proc)
 * the load average is all there is: a peak above the core count warns.
 */
export function loadWarningOf(
  peak1m: number,
  cores: number,
  timings: PhaseTiming[] = [],
): LoadWarning | undefined {
  const measured = timings.flatMap(({ phase, otherCores }) =>
    CONTENDED_PHASES.includes(phase) && otherCores !== undefined ? [{ otherCores, phase }] : [],
  );
  if (measured.length === 0) return peak1m > cores ? { peak1m, cores } : undefined;
  const busiest = measured.reduce((a, b) => (b.otherCores > a.otherCores ? b : a));
  return busiest.otherCores > OTHER_WORK_SHARE * cores ? { peak1m, cores, ...busiest } : undefined;
}

const SAMPLE_EVERY_MS = 2000;

/** Which authscale measured: reports from different commits are compared with a warning. */
export function authscaleCommit(): string {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: ROOT,
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
    }).trim();
    return /^[0-9a-f]{40}$/.test(out) ? out : 'unknown';
  } catch {
    // No git, or not a checkout (the Docker image, an npm package): say so rather than guess.
    return 'unknown';
  }
}

function currentLoad(): LoadAverage {
  const [one, five, fifteen] = loadavg();
  const round = (value = 0) => Math.round(value * 100) / 100;
  return [round(one), round(five), round(fifteen)];
}

export function watchMachine(): MachineWatch {
  const list = cpus();
  const cores = list.length;
  const loadavgBefore = currentLoad();
  let peak = loadavgBefore[0];
  const timer = setInterval(() => {
    peak = Math.max(peak, currentLoad()[0]);
  }, SAMPLE_EVERY_MS);
  timer.unref();
  return {
    finish(timings = []) {
      clearInterval(timer);
      const loadavgAfter = currentLoad();
      peak = Math.max(peak, loadavgAfter[0]);
      const warning = loadWarningOf(peak, cores, timings);
      return {
        platform: process.platform,
        arch: process.arch,
        cpus: cores,
        cores,
        cpuModel: list[0]?.model.trim() ?? 'unknown',
        memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
        node: process.version,
        loadavgBefore,
        loadavgAfter,
        loadavgPeak1m: peak,
        ...(warning && { loadWarning: warning }),
        commit: authscaleCommit(),
        ...(timings.length > 0 && { timings }),
      };
    },
  };
}
