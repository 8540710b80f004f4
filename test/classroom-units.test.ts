import { describe, expect, it } from 'vitest';
import { parseClassroomArgs, UsageError } from '../classroom/args.ts';
import { parseControl } from '../classroom/control.ts';
import { LESSON } from '../classroom/lesson.ts';
import { expectedFailureRate, expectedFirstMiss } from '../classroom/monitor.ts';
import { Tally } from '../classroom/tally.ts';
import { redactSetCookie, rewriteCookiePath } from '../classroom/try-proxy.ts';

describe('npm run classroom flags', () => {
  it('defaults to the contract: 127.0.0.1:3000, balancer 8080, memory, 3 nodes, round-robin', () => {
    expect(parseClassroomArgs([], { LANG: 'ko_KR.UTF-8' })).toEqual({
      port: 3000,
      host: '127.0.0.1',
      balancerPort: 8080,
      mode: 'memory',
      nodes: 3,
      strategy: 'round-robin',
      lang: 'ko',
      lan: false,
      studentHost: undefined,
      help: false,
    });
    expect(parseClassroomArgs(['--mode', 'jwt-redis', '--nodes', '8', '--lang', 'en'], {}).mode).toBe(
      'jwt-redis',
    );
  });

  it.each([
    [['--nodes', '9'], /--nodes expects a whole number 1-8, got "9"/],
    [['--port', 'x'], /--port expects a port number/],
    [['--mode', 'ldap'], /--mode expects one of memory \| redis \| jwt \| jwt-redis/],
    [['--strategy', 'random'], /--strategy expects one of/],
    [['--host', 'my laptop'], /--host expects an IP address/],
    [['--port', '8080'], /--port and --balancer-port must differ/],
    [['--colour'], /Unknown option '--colour'/],
    [['--student-host', '0.0.0.0'], /--student-host expects this machine's address/],
    [['--student-host', 'wifi'], /--student-host expects/],
  ])('%j is one precise usage error', (argv, message) => {
    expect(() => parseClassroomArgs(argv, {})).toThrow(UsageError);
    expect(() => parseClassroomArgs(argv, {})).toThrow(message);
  });
});

describe('--lan', () => {
  it('is an explicit opt-in; --student-host implies it', () => {
    expect(parseClassroomArgs(['--lan'], {})).toMatchObject({ lan: true, studentHost: undefined });
    expect(parseClassroomArgs(['--student-host', '127.0.0.2'], {})).toMatchObject({
      lan: true,
      studentHost: '127.0.0.2',
    });
  });
});

describe('try-it-yourself cookies', () => {
  const line = 'sid=s%3AabcdefghijklmnopqrstuvwxyzABCDEF.sig; Max-Age=28800; Path=/; HttpOnly; SameSite=Lax';

  it('keep every attribute and move under /try', () => {
    expect(rewriteCookiePath(line)).toBe(
      'sid=s%3AabcdefghijklmnopqrstuvwxyzABCDEF.sig; Max-Age=28800; Path=/try; HttpOnly; SameSite=Lax',
    );
    expect(rewriteCookiePath('rt=x; Path=/auth; HttpOnly; SameSite=Strict')).toBe(
      'rt=x; Path=/try/auth; HttpOnly; SameSite=Strict',
    );
  });

  it('are shown to the page with the value cut short and the size', () => {
    const shown = redactSetCookie(line);
    expect(shown).toBe('sid=s%3Aabcdef...(44 B); Max-Age=28800; Path=/; HttpOnly; SameSite=Lax');
    expect(shown).not.toContain('ABCDEF');
  });
});

describe('live figures', () => {
  it('expects (N-1)/N failures for memory + round-robin over the nodes that are up, 0 where state is shared', () => {
    const setup = { mode: 'memory', strategy: 'round-robin', nodes: 3 } as const;
    expect(expectedFailureRate(setup, 3, false)).toBeCloseTo(2 / 3);
    expect(expectedFailureRate(setup, 2, false)).toBeCloseTo(1 / 2);
    expect(expectedFailureRate({ ...setup, strategy: 'sticky' }, 3, false)).toBe(0);
    expect(expectedFailureRate({ ...setup, mode: 'redis' }, 3, true)).toBe(0);
    expect(expectedFailureRate({ ...setup, mode: 'redis' }, 3, false)).toBe(1);
    expect(expectedFailureRate({ ...setup, mode: 'jwt' }, 3, false)).toBe(0);
  });

  it('per connection: 0 while connections are kept, m / (k - m) when re-opened every k, m on a new connection', () => {
    const setup = { mode: 'memory', strategy: 'connection', nodes: 3 } as const;
    expect(expectedFailureRate(setup, 3, false)).toBe(0);
    // m = 2/3: per connection of 4 requests, 2/3 of a miss among 4 - 2/3 GET /api/me.
    expect(expectedFailureRate(setup, 3, false, 4)).toBeCloseTo(0.2);
    expect(expectedFailureRate(setup, 3, false, 16)).toBeCloseTo(2 / 3 / (16 - 2 / 3));
    expect(expectedFailureRate({ ...setup, mode: 'jwt' }, 3, false, 4)).toBe(0);
    expect(expectedFirstMiss(setup, 3)).toBeCloseTo(2 / 3);
    expect(expectedFirstMiss({ ...setup, strategy: 'sticky' }, 3)).toBe(0);
    expect(expectedFirstMiss({ ...setup, mode: 'redis' }, 3)).toBe(0);
  });

  it('the lesson has the per-connection step right after round-robin, numbered in order', () => {
    expect(LESSON.map((step) => step.n)).toEqual(LESSON.map((_, i) => i + 1));
    expect(LESSON[2]!.setup.strategy).toBe('round-robin');
    expect(LESSON[3]).toMatchObject({
      setup: { mode: 'memory', strategy: 'connection' },
      actions: ['reconnect'],
    });
    expect(parseControl({ action: 'set-reconnect', every: 16 })).toEqual({
      action: 'set-reconnect',
      every: 16,
    });
  });

  it('counts per node by code and measures the failure rate over closed seconds only', () => {
    const tally = new Tally();
    tally.record({ nodeId: 'node-1', status: 200, code: undefined });
    tally.record({ nodeId: 'node-2', status: 401, code: 'ERR_SESSION_UNKNOWN' });
    tally.record({ nodeId: undefined, status: 0, code: undefined });
    expect(tally.window().failureRate).toBeNull();
    tally.rotate();
    expect(tally.window()).toMatchObject({ seconds: 1, requests: 3, failed: 2 });
    expect(tally.countsOf('node-2')).toEqual({
      requests: 1,
      ok: 0,
      failed: 1,
      failuresByCode: { ERR_SESSION_UNKNOWN: 1 },
    });
    expect(tally.unroutedCounts.failuresByCode).toEqual({ ERR_NO_RESPONSE: 1 });
  });
});
