import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAuditCli } from '../../audit/cli.ts';
import type { AuditReport, ReplayWindow } from '../../audit/types.ts';
import { useRedisServer } from '../helpers/redis.ts';

/**
 * The five example apps audited from their profiles alone, with the real `--quick` (30 s replay
 * window), through the CLI: the outcomes the examples exist to show.
 */
const EXAMPLES = resolve(import.meta.dirname, '../../examples');
const SECRETS = ['SESSION_SECRET', 'DEMO_PASSWORD', 'JWT_SECRET', 'FLASK_SECRET_KEY', 'REDIS_URL'];

describe('npm run audit -- --quick on the five examples', { timeout: 180_000 }, () => {
  const redis = useRedisServer();
  const out = mkdtempSync(join(tmpdir(), 'audit-examples-'));
  const saved = Object.fromEntries(SECRETS.map((name) => [name, process.env[name]]));
  beforeAll(() => {
    process.env.SESSION_SECRET = randomBytes(24).toString('hex');
    process.env.JWT_SECRET = randomBytes(24).toString('hex');
    process.env.FLASK_SECRET_KEY = randomBytes(24).toString('hex');
    process.env.DEMO_PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
    process.env.REDIS_URL = redis().url;
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(out, { recursive: true, force: true });
  });

  async function audit(example: string, expectedExit = 0): Promise<AuditReport> {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const dir = join(out, example);
    try {
      const code = await runAuditCli([
        '--profile',
        join(EXAMPLES, example, 'profile.yaml'),
        '--quick',
        '--out',
        dir,
      ]);
      const printed = stderr.mock.calls.map((call) => String(call[0])).join('');
      expect(code, printed).toBe(expectedExit);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as AuditReport;
    expect(report.kind).toBe('audit');
    return report;
  }

  const logout = (report: AuditReport) => report.audit.logout as ReplayWindow;

  it('express + MemoryStore: about (N-1)/N logged out, sessions lost with a replica', async () => {
    const report = await audit('express-memory');
    expect(report.audit.relogin.verdict).toBe('per-replica-state');
    expect(Math.abs(report.audit.relogin.failureRate - 2 / 3)).toBeLessThan(0.17);
    expect(report.audit.credential).toMatchObject({ kind: 'cookie', clientSideSession: false });
    const failure = report.audit.replicaFailure;
    expect(failure && 'sessionsLost' in failure && failure.sessionsLost).toBeGreaterThan(0);
  });

  it('express + Redis store: 0 % logged out, logout revokes the copy at once', async () => {
    const report = await audit('express-redis');
    expect(report.audit.relogin).toMatchObject({ failed: 0, verdict: 'shared-or-client-side' });
    expect(logout(report)).toMatchObject({ stillWorkingAtEnd: false, measured: true });
    expect(logout(report).copyWorksSeconds).toBeLessThanOrEqual(1.5);
  });

  it('stateless JWT: 0 % logged out, a copy still works after logout (until exp)', async () => {
    const report = await audit('jwt-stateless');
    expect(report.audit.relogin.failed).toBe(0);
    expect(report.audit.credential.jwt?.lifetimeSeconds).toBeGreaterThan(30);
    expect(logout(report)).toMatchObject({
      windowSeconds: 30,
      copyWorksSeconds: 30,
      stillWorkingAtEnd: true,
    });
    expect(report.audit.forgeries.filter((f) => f.accepted)).toEqual([]);
  });

  it('Flask signed-cookie session with a form login and CSRF: 0 %, client-side, a copy works after logout', async () => {
    const report = await audit('flask-cookie');
    expect(report.audit.relogin.failed).toBe(0);
    expect(report.audit.credential).toMatchObject({
      kind: 'cookie',
      names: ['session'],
      clientSideSession: true,
    });
    expect(logout(report).stillWorkingAtEnd).toBe(true);
  });

  it('the vulnerable JWT app: alg none accepted, the default threshold fails with 99', async () => {
    const report = await audit('jwt-vulnerable', 99);
    const accepted = report.audit.forgeries.filter((f) => f.accepted).map((f) => f.id);
    expect(accepted).toEqual(['alg-none']);
    expect(report.thresholds).toMatchObject([
      { expression: 'forgeries.accepted == 0', status: 'failed', measured: [{ value: 1, passed: false }] },
    ]);
  });
});
