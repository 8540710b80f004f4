import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { AuditError } from '../../audit/errors.ts';
import { runAudit } from '../../audit/run-audit.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { FIXTURE_DIR, FIXTURE_SECRET, fixtureProfile, jwtSession, pidDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');

async function auditError(work: Promise<unknown>): Promise<AuditError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AuditError) return error;
    throw error;
  }
  throw new Error('expected the audit to fail');
}

describe('audit faults: nothing is left running, every failure says why', () => {
  const pids = pidDir();
  afterEach(async () => {
    // SIGKILLed grandchildren take a moment to go: poll, with a deadline.
    await waitFor(() => pids.alive().length === 0, { timeoutMs: 5000, what: 'every app process to end' });
  });
  afterAll(() => pids.remove());

  it('an app that never gets ready: a clear error with its last output lines, every replica (and sh child) stopped', async () => {
    const env = { NEVER_READY: '1', PID_DIR: pids.dir };
    const error = await auditError(
      runAudit({
        profile: fixtureProfile(env, { app: { command: 'node app.mjs & wait', env, ready: '/health' } }),
        readyTimeoutMs: 2000,
      }),
    );
    expect(error.code).toBe('app-not-ready');
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(
      /replica-\d was not ready within 2 s \(waited for GET \/health answering below 500\)/,
    );
    expect(error.message).toContain('still booting');
    await waitFor(() => pids.pids().length === 3, { timeoutMs: 5000, what: 'three pid files' });
  });

  it('a login that fails: its status and a body excerpt; replicas stopped', async () => {
    const profile = fixtureProfile(
      { STATE: 'memory', PID_DIR: pids.dir },
      { users: [{ name: 'mallory', credentials: { username: 'mallory', password: 'wrong' } }] },
    );
    const error = await auditError(runAudit({ profile, replicas: 2, quick: true }));
    expect(error.code).toBe('login-failed');
    expect(error.message).toContain('login as mallory: POST /login → status 401');
    expect(error.message).toContain('{"error":"bad credentials"}');
  });

  it('a pollUrl that looks logged in without a credential is a profile error (exit 2), not a pile of findings', async () => {
    const profile = fixtureProfile(
      { STATE: 'memory', PID_DIR: pids.dir },
      { verification: { pollUrl: '/health' } },
    );
    const error = await auditError(runAudit({ profile, replicas: 2, quick: true }));
    expect(error.code).toBe('profile-invalid');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(
      /^verification\.pollUrl: GET \/health answered 200 and counts as logged in/,
    );
  });

  it('a replica that exits on its own is in the report with its exit code and last output', async () => {
    const lock = join(pids.dir, 'exit-lock');
    const env = {
      STATE: 'jwt',
      APP_SECRET: FIXTURE_SECRET,
      PID_DIR: pids.dir,
      EXIT_AFTER: '2',
      EXIT_LOCK: lock,
    };
    const report = await runAudit({
      profile: fixtureProfile(env, jwtSession),
      quick: true,
      windowSeconds: 3,
    });
    expect(report.replicaExits).toHaveLength(1);
    expect(report.replicaExits[0]).toMatchObject({ code: 3, signal: null });
    expect(report.replicaExits[0]!.output).toContain('giving up: out of patience');
    expect(report.audit.relogin.failed).toBe(0);
  });
});

describe('Ctrl-C during npm run audit', () => {
  const pids = pidDir();
  const dir = mkdtempSync(join(tmpdir(), 'audit-sigint-'));
  afterAll(() => {
    pids.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} stops every process tree and exits ${signal === 'SIGINT' ? 130 : 143}`, async () => {
      const profile = join(dir, `${signal}.yaml`);
      const env = { STATE: 'memory', PID_DIR: pids.dir };
      writeFileSync(
        profile,
        stringify({
          ...fixtureProfile(env).written,
          app: { command: 'node app.mjs & wait', cwd: FIXTURE_DIR, env, ready: '/health' },
        }),
      );
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'audit/cli.ts', '--profile', profile, '--quick'],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      try {
        await waitFor(() => stderr.includes('logout and theft'), {
          timeoutMs: 60_000,
          what: 'the revocation step',
        });
        expect(pids.alive().length).toBeGreaterThanOrEqual(3);
        child.kill(signal);
        expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
        await waitFor(() => pids.alive().length === 0, { timeoutMs: 5000, what: 'every app process to end' });
      } finally {
        child.kill('SIGKILL');
      }
    });
  }
});
