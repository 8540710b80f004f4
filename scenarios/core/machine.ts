import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { ROOT } from '../../cluster/entrypoints.ts';
import type { LoadAverage, Report } from './types.ts';

/**
 * The machine a report was measured on, with its load: os.loadavg() before and after, and the
 * highest 1-minute load average sampled during the run. On a shared machine a load above the core
 * count means other work competed with the cluster, so the report warns about it.
 */
export interface MachineWatch {
  /** Stops sampling and returns report.machine. */
  finish(): Report['machine'];
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
    finish() {
      clearInterval(timer);
      const loadavgAfter = currentLoad();
      peak = Math.max(peak, loadavgAfter[0]);
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
        ...(peak > cores && { loadWarning: { peak1m: peak, cores } }),
        commit: authscaleCommit(),
      };
    },
  };
}
