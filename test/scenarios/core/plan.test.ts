import { describe, expect, it } from 'vitest';
import { parseCommand, usage } from '../../../scenarios/cli/args.ts';
import { resolveOptions } from '../../../scenarios/core/demo.ts';
import { demoPlan } from '../../../scenarios/core/plan.ts';

describe('demo plan', () => {
  it('runs memory twice (round-robin and sticky) and keeps destructive scenarios last', () => {
    const plan = demoPlan(['memory', 'redis', 'jwt']);
    expect(plan.map((run) => `${run.mode}/${run.strategy}`)).toEqual([
      'memory/round-robin',
      'memory/sticky',
      'redis/round-robin',
      'jwt/round-robin',
    ]);
    const redis = plan[2]!;
    expect(redis.scenarios.at(-1)).toBe('node-failure');
    expect(redis.scenarios).not.toContain('scale');
    expect(plan[3]!.scenarios).toContain('scale');
    expect(plan[0]!.skips.load).toMatch(/sticky/);
  });

  it('jwt (stateless) and jwt-redis are separate runs; only jwt-redis has a store to fail', () => {
    const plan = demoPlan(['jwt', 'jwt-redis']);
    expect(plan.map((run) => run.mode)).toEqual(['jwt', 'jwt-redis']);
    expect(plan[0]!.scenarios).not.toContain('store-failure');
    expect(plan[0]!.skips['store-failure']).toMatch(/stateless/);
    expect(plan[1]!.scenarios).toContain('store-failure');
    expect(plan[1]!.scenarios).toContain('load');
  });

  it('--quick: 2 s phases (as --help says) and 2 interleaved load rounds; full: 5 s and 3', () => {
    expect(resolveOptions({ quick: true })).toMatchObject({ durationSeconds: 2, loadRounds: 2 });
    expect(resolveOptions({})).toMatchObject({ durationSeconds: 5, loadRounds: 3 });
    expect(resolveOptions({}).modes).toEqual(['memory', 'redis', 'jwt', 'jwt-redis']);
    expect(usage('en')).toMatch(/5; 2 with --quick/);
    expect(usage('ko')).toMatch(/\(5, --quick이면 2\)/);
  });

  it('--modes and --mode take the four run names', () => {
    const demo = parseCommand(['demo', '--modes', 'jwt,jwt-redis']);
    expect(demo).toMatchObject({ kind: 'demo', flags: { modes: ['jwt', 'jwt-redis'] } });
    expect(parseCommand(['cluster', '--mode', 'jwt-redis'])).toMatchObject({
      flags: { modes: ['jwt-redis'] },
    });
    expect(() => parseCommand(['demo', '--modes', 'jwt,stateless'])).toThrow(/jwt-redis/);
  });

  it('one scenario: one run per mode in the chosen strategy', () => {
    const plan = demoPlan(['memory', 'jwt'], 'sticky', ['relogin']);
    expect(plan).toEqual([
      { mode: 'memory', strategy: 'sticky', scenarios: ['relogin'], skips: {} },
      { mode: 'jwt', strategy: 'sticky', scenarios: ['relogin'], skips: {} },
    ]);
  });
});
