import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult, Report, RunResult, Spread } from '../../scenarios/core/types.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A CLI as CI runs it: a real process, plain output, its exit code. */
export function runCli(
  entry: string,
  args: string[],
  timeoutMs = 150_000,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1', NO_COLOR: '1', REDIS_URL: '', LANG: 'C.UTF-8', LC_ALL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`${entry} ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

export function runOf(report: Report, mode: string, strategy = 'round-robin'): RunResult {
  const run = report.results.find((r) => r.mode === mode && r.strategy === strategy && !r.skipped);
  if (!run) throw new Error(`no run ${mode} ${strategy}`);
  return run;
}

export function loadOf(report: Report, mode: string, strategy = 'round-robin'): LoadResult {
  return runOf(report, mode, strategy).scenarios.load as LoadResult;
}

export const spreadOf = (median: number, min: number, max: number): Spread => ({
  median,
  min,
  max,
  values: [min, median, max],
});
