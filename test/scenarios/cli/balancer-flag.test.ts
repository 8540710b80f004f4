import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import { parseCommand, UsageError } from '../../../scenarios/cli/args.ts';
import type { RunResult } from '../../../scenarios/core/types.ts';
import { runLabel } from '../../../scenarios/report/words.ts';

describe('--balancer', () => {
  it('accepts builtin, haproxy and nginx for demo, scenario and cluster', () => {
    expect(parseCommand(['demo', '--balancer', 'haproxy'])).toMatchObject({ flags: { balancer: 'haproxy' } });
    expect(parseCommand(['scenario', 'relogin', '--balancer', 'nginx'])).toMatchObject({
      flags: { balancer: 'nginx' },
    });
    expect(parseCommand(['cluster', '--balancer', 'builtin'])).toMatchObject({
      flags: { balancer: 'builtin' },
    });
  });

  it('refuses anything else with the choices named', () => {
    expect(() => parseCommand(['demo', '--balancer', 'traefik'])).toThrow(UsageError);
    expect(() => parseCommand(['demo', '--balancer', 'traefik'])).toThrow(/builtin \| haproxy \| nginx/);
  });

  it('names a real balancer on every run it fronted, in both languages', () => {
    const run = {
      mode: 'memory',
      strategy: 'round-robin',
      nodes: 3,
      scenarios: {},
      durationMs: 0,
    } as RunResult;
    expect(runLabel(run, translator('en'))).not.toMatch(/behind/);
    expect(runLabel({ ...run, balancer: 'haproxy' }, translator('en'))).toMatch(/behind haproxy$/);
    expect(runLabel({ ...run, balancer: 'nginx' }, translator('ko'))).toMatch(/nginx 뒤$/);
  });
});
