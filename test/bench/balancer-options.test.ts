import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBalancerOptions } from '../../bench/balancer/options.ts';
import { BenchUsageError } from '../../bench/usage-error.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run bench -- balancer: arguments', () => {
  it('defaults, durations with units and a row filter', () => {
    expect(parseBalancerOptions([])).toEqual({
      duration: 20,
      connections: 50,
      warmup: 3,
      rounds: 5,
      profile: false,
      rows: [],
    });
    const options = parseBalancerOptions([
      '--duration',
      '500ms',
      '--warmup',
      '0',
      '--rows',
      'balancer,nginx',
    ]);
    expect(options).toMatchObject({ duration: 0.5, warmup: 0, rows: ['balancer', 'nginx'] });
  });

  it.each([
    [['--rounds', 'abc'], /--rounds must be a whole number/],
    [['--rounds', '0'], /--rounds must be a whole number/],
    [['--connections', '2.5'], /--connections must be a whole number/],
    [['--duration', '0'], /--duration must be a duration/],
    [['--duration', 'soon'], /--duration must be a duration/],
    [['--rows', ','], /--rows needs at least one row/],
    [['--nope'], /Unknown option '--nope'/],
  ])('%j is refused with the reason, never a silent default', (args, reason) => {
    expect(() => parseBalancerOptions(args)).toThrow(BenchUsageError);
    expect(() => parseBalancerOptions(args)).toThrow(reason);
  });

  it('a bad value exits 2 with one line naming it, before anything starts', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/main.ts', 'balancer', '--rounds', 'x'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--rounds must be a whole number ≥ 1 (got "x")');
  });
});
