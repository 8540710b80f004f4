import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { cpuDelta, parseCpuSeconds } from '../cluster/node-cpu.ts';
import { parseCommandStats } from '../cluster/redis-commands.ts';
import { parseCommand, UsageError, usage } from '../scenarios/cli/args.ts';
import { curlExamples } from '../scenarios/cli/cluster-command.ts';
import {
  algNoneToken,
  signCookieValue,
  stripSignature,
  tamperCookieSignature,
  tamperPayload,
  unsignedCookieValue,
  wrongKeyToken,
} from '../scenarios/client/forge.ts';
import { CookieJar, demoUser, mapLimit } from '../scenarios/client/http.ts';
import { latencyFigures, percentile } from '../scenarios/client/open-loop.ts';
import { timeline } from '../scenarios/client/traffic.ts';
import { resolveOptions } from '../scenarios/core/demo.ts';
import { demoPlan } from '../scenarios/core/plan.ts';
import { clearDifference, spreadOf } from '../scenarios/core/spread.ts';
import { expectedFailureRate } from '../scenarios/relogin/run.ts';
import { checkReport } from '../scenarios/report/check.ts';
import { requestHeadBytes } from '../scenarios/token-size/run.ts';
import { sampleReport } from './fixtures/sample-report.ts';

describe('cookie jar', () => {
  it('stores, scopes by path, and deletes on Max-Age=0', () => {
    const jar = new CookieJar();
    jar.store([
      'sid=abc.def; Max-Age=1800; Path=/; HttpOnly',
      'rt=tok; Path=/auth; HttpOnly',
      'lb=n1; Path=/',
    ]);
    expect(jar.header('/api/me')).toBe('sid=abc.def; lb=n1');
    expect(jar.header('/auth/refresh')).toBe('sid=abc.def; rt=tok; lb=n1');
    expect(jar.header('/authx')).toBe('sid=abc.def; lb=n1');
    jar.store('sid=; Max-Age=0; Path=/');
    expect(jar.get('sid')).toBeUndefined();
    jar.store('rt=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/auth');
    expect(jar.header('/auth/refresh')).toBe('lb=n1');
  });

  it('clone is independent', () => {
    const jar = new CookieJar();
    jar.set('sid', 'one');
    const copy = jar.clone();
    copy.set('sid', 'two');
    expect(jar.get('sid')).toBe('one');
  });
});

describe('measurement helpers', () => {
  it('sums INFO commandstats calls without our own INFO/PING and replication chatter', () => {
    const info = [
      '# Commandstats',
      'cmdstat_get:calls=120,usec=300,usec_per_call=2.5,rejected_calls=0,failed_calls=0',
      'cmdstat_pexpire:calls=30,usec=60',
      'cmdstat_info:calls=9,usec=900',
      'cmdstat_ping:calls=400,usec=100',
      'cmdstat_client|setname:calls=3,usec=1',
      'cmdstat_evalsha:calls=5,usec=50',
    ].join('\r\n');
    expect(parseCommandStats(info)).toBe(155);
  });

  it('reads process CPU from Prometheus text', () => {
    expect(parseCpuSeconds('# HELP x\nprocess_cpu_seconds_total 1.25\n')).toBe(1.25);
    expect(
      parseCpuSeconds('process_cpu_user_seconds_total 1.5\nprocess_cpu_system_seconds_total 0.25\n'),
    ).toBe(1.75);
    expect(parseCpuSeconds('nothing here')).toBeUndefined();
    expect(cpuDelta({ a: 100, b: 50 }, { a: 160, b: 70, c: 999 })).toBe(80);
  });

  it('percentiles are nearest-rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(latencyFigures([5, 1, 3])).toEqual({ p50: 3, p90: 5, p99: 5, max: 5 });
    expect(latencyFigures([])).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it('expected failure rate is (N-1)/N only for memory + round-robin', () => {
    expect(expectedFailureRate('memory', 'round-robin', 3)).toBeCloseTo(2 / 3);
    expect(expectedFailureRate('memory', 'round-robin', 1)).toBe(0);
    expect(expectedFailureRate('memory', 'sticky', 3)).toBe(0);
    expect(expectedFailureRate('redis', 'round-robin', 3)).toBe(0);
    expect(expectedFailureRate('jwt', 'round-robin', 8)).toBe(0);
  });

  it('timeline buckets every outcome by kind, and its sums equal the totals', () => {
    const points = timeline(
      [
        { at: 10, user: 0, ok: true, status: 200, kind: 'access' },
        { at: 260, user: 0, ok: false, status: 503, kind: 'access' },
        { at: 270, user: 1, ok: true, status: 200, kind: 'login' },
        { at: 999, user: 1, ok: true, status: 200, kind: 'refresh' },
      ],
      1000,
      250,
    );
    const none = { ok: 0, failed: 0 };
    expect(points).toEqual([
      { t: 0, ok: 1, failed: 0, access: { ok: 1, failed: 0 }, refresh: none, login: none },
      { t: 0.25, ok: 1, failed: 1, access: { ok: 0, failed: 1 }, refresh: none, login: { ok: 1, failed: 0 } },
      { t: 0.5, ok: 0, failed: 0, access: none, refresh: none, login: none },
      { t: 0.75, ok: 1, failed: 0, access: none, refresh: { ok: 1, failed: 0 }, login: none },
    ]);
  });

  it('request head bytes count every header byte', () => {
    const bytes = requestHeadBytes('127.0.0.1:8080', 'cookie', 'sid=x');
    expect(bytes).toBe(
      Buffer.byteLength(
        'GET /api/me HTTP/1.1\r\nhost: 127.0.0.1:8080\r\naccept: application/json\r\ncookie: sid=x\r\n\r\n',
      ),
    );
  });

  it('mapLimit keeps order and the concurrency limit', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10]);
    expect(peak).toBe(2);
    expect(demoUser(0)).toBe('user0001');
    expect(demoUser(9998)).toBe('user9999');
    expect(demoUser(9999)).toBe('user0001');
  });
});

describe('forgeries', () => {
  it('builds the token and cookie shapes the attacks send', async () => {
    const none = algNoneToken('alice');
    expect(decodeProtectedHeader(none).alg).toBe('none');
    expect(none.endsWith('.')).toBe(true);
    const real = await wrongKeyToken('bob');
    const tampered = tamperPayload(real, 'alice');
    expect(tampered.split('.')[2]).toBe(real.split('.')[2]);
    expect(JSON.parse(Buffer.from(tampered.split('.')[1]!, 'base64url').toString()).sub).toBe('alice');
    expect(stripSignature(real).split('.')[2]).toBe('');

    const signed = signCookieValue('abc', 's'.repeat(32));
    expect(unsignedCookieValue(signed)).toBe('abc');
    const bad = tamperCookieSignature(signed);
    expect(bad).not.toBe(signed);
    expect(unsignedCookieValue(bad)).toBe('abc');
  });
});

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

describe('cli arguments', () => {
  it('parses every flag', () => {
    const command = parseCommand([
      'demo',
      '--modes',
      'memory,jwt',
      '--nodes',
      '4',
      '--users',
      '7',
      '--requests',
      '9',
      '--duration',
      '3s',
      '--quick',
      '--out',
      '/tmp/x',
      '--json',
      '--strategy',
      'sticky',
      '--redis',
      'sentinel',
    ]);
    expect(command).toEqual({
      kind: 'demo',
      flags: {
        modes: ['memory', 'jwt'],
        nodes: 4,
        users: 7,
        requests: 9,
        durationSeconds: 3,
        quick: true,
        out: '/tmp/x',
        json: true,
        strategy: 'sticky',
        redis: 'sentinel',
      },
    });
    expect(parseCommand(['scenario', 'relogin', '--target', 'http://localhost:8080/'])).toEqual({
      kind: 'scenario',
      name: 'relogin',
      flags: { quick: false, json: false, target: 'http://localhost:8080' },
    });
    expect(parseCommand(['cluster', '--mode', 'redis'])).toMatchObject({
      kind: 'cluster',
      flags: { modes: ['redis'] },
    });
  });

  it('rejects bad input with one line', () => {
    const bad = [
      ['demo', '--bogus'],
      ['demo', '--nodes', '0'],
      ['demo', '--nodes', 'three'],
      ['demo', '--modes', 'memory,ldap'],
      ['demo', '--strategy', 'random'],
      ['demo', '--duration', 'soon'],
      ['demo', '--target', 'ftp://x'],
      ['scenario'],
      ['scenario', 'nope'],
      ['cluster', '--modes', 'memory,jwt'],
      ['frobnicate'],
    ];
    for (const argv of bad) {
      let error: unknown;
      try {
        parseCommand(argv);
      } catch (caught) {
        error = caught;
      }
      expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((error as Error).message, argv.join(' ')).not.toContain('\n');
    }
  });

  it('curl examples use the cookie jar or the bearer token', () => {
    expect(curlExamples('http://127.0.0.1:8080', 'memory').join('\n')).toContain('-b /tmp/authscale.jar');
    expect(curlExamples('http://127.0.0.1:8080', 'jwt').join('\n')).toContain('Authorization: Bearer $TOKEN');
  });
});

describe('report check', () => {
  it('accepts a conforming report and names what is wrong in a broken one', () => {
    expect(checkReport(sampleReport())).toEqual([]);
    const broken = JSON.parse(JSON.stringify(sampleReport()));
    delete broken.machine;
    broken.results[0].mode = 'ldap';
    broken.results[0].scenarios.relogin.failureRate = 'high';
    broken.results[1].scenarios.bogus = { skipped: true, reason: 'x' };
    const problems = checkReport(broken);
    expect(problems).toContain('machine: object');
    expect(problems).toContain('results[0].mode: run mode');
    expect(problems).toContain('results[0].scenarios.relogin.failureRate: number');
    expect(problems).toContain('results[1].scenarios.bogus: known scenario');
    expect(checkReport(null)).toEqual(['report is not an object']);
  });
});

describe('spread over interleaved rounds', () => {
  it('gives median, min, max and keeps the values in round order', () => {
    expect(spreadOf([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, values: [30, 10, 20] });
    expect(spreadOf([4, 1]).median).toBe(2.5);
  });

  it('calls a difference clear only when the ranges do not overlap', () => {
    const a = spreadOf([100, 110, 120]);
    expect(clearDifference(a, spreadOf([130, 140, 150]))).toBe(true);
    expect(clearDifference(a, spreadOf([115, 140, 150]))).toBe(false);
    expect(clearDifference(spreadOf([120, 125]), a)).toBe(false);
  });
});
