import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../scenarios/core/types.ts';
import { checkReport } from '../../../scenarios/report/check.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function cli(
  args: string[],
  timeoutMs = 150_000,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scenarios/cli.ts', ...args], {
      cwd: ROOT,
      // CI: no progress lines; NO_COLOR: plain table. REDIS_URL unset: a private redis-server.
      env: { ...process.env, CI: '1', NO_COLOR: '1', REDIS_URL: '', ...env },
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
      fail(new Error(`cli ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('CLI end to end', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authscale-cli-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('demo --quick writes a valid report.json, a self-contained report.html and prints the table', async () => {
    const out = await tempDir();
    // Two modes keep the test short; the full quick demo's time is measured by hand (docs/scenarios.md).
    const { code, stdout, stderr } = await cli([
      'demo',
      '--quick',
      '--modes',
      'memory,jwt',
      '--users',
      '6',
      '--requests',
      '9',
      '--out',
      out,
    ]);
    expect(stderr).not.toMatch(/error:/);
    // Progress lines also when stderr is not a terminal (here: a pipe).
    expect(stderr).toMatch(/load round 1\/2/);
    expect(code).toBe(0);
    expect(stdout).toContain('memory');
    expect(stdout).toContain('jwt');
    expect(stdout).toContain(join(out, 'report.html'));

    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    expect(checkReport(report)).toEqual([]);
    expect(report.config.quick).toBe(true);
    expect(report.config.durationSeconds).toBe(2);
    expect(report.results.map((r) => `${r.mode}/${r.strategy}`)).toEqual([
      'memory/round-robin',
      'memory/sticky',
      'jwt/round-robin',
    ]);
    const memory = report.results[0]!.scenarios.relogin;
    expect(memory && 'failureRate' in memory && memory.expectedRate).toBeCloseTo(2 / 3, 5);

    // The headline is printed as soon as it is measured, before the load rounds begin.
    const lines = stderr.split('\n');
    const headlineAt = lines.findIndex((line) =>
      /memory round-robin · re-login failures: [\d.]+% measured, 67% expected/.test(line),
    );
    const firstRound = lines.findIndex((line) => line.includes('load round 1/2'));
    expect(headlineAt).toBeGreaterThanOrEqual(0);
    expect(headlineAt).toBeLessThan(firstRound);
    // Load rounds run alone: every other scenario ended before the first round, none after it.
    const lastOther = lines
      .map((line) => / · (?!load:)[^:]+: (done in|skipped)/.test(line))
      .lastIndexOf(true);
    expect(lastOther).toBeLessThan(firstRound);
    const phases = Object.fromEntries((report.machine.timings ?? []).map((p) => [p.phase, p]));
    // `waits` only when a clock-bound scenario (revocation, lifetimes) outlasted side by side.
    expect(
      Object.keys(phases)
        .filter((phase) => phase !== 'waits')
        .sort(),
    ).toEqual(['close', 'clusters', 'fault-windows', 'quiet', 'side-by-side']);
    // Fault windows (node-failure here) after everything else but the clock-bound scenarios'
    // waiting; the load rounds after them all.
    expect(phases['fault-windows']!.startMs).toBeGreaterThanOrEqual(phases['side-by-side']!.endMs);
    expect(phases.quiet!.startMs).toBeGreaterThanOrEqual(phases['fault-windows']!.endMs);
    if (phases.waits) {
      expect(phases.waits.startMs).toBe(phases['side-by-side']!.endMs);
      expect(phases.quiet!.startMs).toBeGreaterThanOrEqual(phases.waits.endMs);
    }
    const crashAt = lines.findIndex((line) => line.includes('node-failure: done in'));
    const lastBeside = lines
      .map((line) => / · (?!load:|node-failure:|revocation:|lifetimes:)[^:]+: (done in|skipped)/.test(line))
      .lastIndexOf(true);
    expect(crashAt).toBeGreaterThan(lastBeside);

    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    const md = await readFile(join(out, 'report.md'), 'utf8');
    expect(md.length).toBeGreaterThan(200);
  }, 180_000);

  it('scenario NAME --json prints the report JSON on stdout', async () => {
    const out = await tempDir();
    const { code, stdout } = await cli([
      'scenario',
      'relogin',
      '--modes',
      'memory',
      '--nodes',
      '2',
      '--users',
      '4',
      '--requests',
      '6',
      '--json',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(checkReport(report)).toEqual([]);
    expect(report.config.scenarios).toEqual(['relogin']);
    expect(report.results).toHaveLength(1);
    const relogin = report.results[0]!.scenarios.relogin;
    expect(relogin && 'expectedRate' in relogin && relogin.expectedRate).toBe(0.5);
    expect(relogin && 'requests' in relogin && relogin.requests).toBe(24);
  }, 120_000);

  it('a bad flag: one line on stderr and exit code 2', async () => {
    const { code, stdout, stderr } = await cli(['demo', '--nodes', 'lots']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--nodes');
  });

  it('--lang ko: Korean table and reports, plain progress lines on a non-terminal stderr', async () => {
    const out = await tempDir();
    const { code, stdout, stderr } = await cli(
      [
        'scenario',
        'relogin',
        '--modes',
        'memory',
        '--nodes',
        '2',
        '--users',
        '4',
        '--requests',
        '6',
        '--lang',
        'ko',
        '--out',
        out,
      ],
      120_000,
      { LANG: 'en_US.UTF-8' },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('재로그인 실패 (예상값)');
    expect(stdout).toContain('보고서:');
    // One plain line per step even though stderr is a pipe (CI logs): no colour, no carriage return.
    expect(stderr).toMatch(/^\[\s*[\d.]+s\] 메모리 라운드 로빈: 클러스터를 시작합니다…$/m);
    expect(stderr).toMatch(/^\[\s*[\d.]+s\] 메모리 라운드 로빈 · 재로그인: [\d.]+초 만에 끝났습니다$/m);
    expect(stderr.includes('\u001b') || stderr.includes('\r')).toBe(false);
    expect(await readFile(join(out, 'report.md'), 'utf8')).toContain(
      '# authscale: 세션과 토큰, 측정으로 비교하기',
    );
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('<html lang="ko">');
    // report.json keys never change with the language.
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    expect(checkReport(report)).toEqual([]);
  }, 120_000);

  it('the language defaults to the locale; --help follows it; a bad --lang is a usage error', async () => {
    const help = await cli(['--help'], 30_000, { LANG: 'ko_KR.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('사용법:');
    expect(help.stdout).toContain('--lang en|ko');
    const bad = await cli(['demo', '--lang', 'fr'], 30_000, { LANG: 'en_US.UTF-8' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang expects one of en | ko');
  });
});
