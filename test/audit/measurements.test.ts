import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderAuditHtml, renderAuditMarkdown } from '../../audit/report/render.ts';
import { writeAuditReports } from '../../audit/report/write.ts';
import { runAudit } from '../../audit/run-audit.ts';
import { FIXTURE_SECRET, fixtureProfile, jwtSession, pidDir } from './helpers.ts';

/**
 * Every measurement against the fixture app (real processes, real HTTP, our balancer), with a
 * 3-second replay window so the suite stays short; the examples test runs the real --quick.
 */
describe('audit measurements on the fixture app', () => {
  const pids = pidDir();
  afterEach(() => {
    // Nothing the audit started may outlive it.
    expect(pids.alive()).toEqual([]);
  });

  it('per-replica sessions: relogin near (N-1)/N, an opaque cookie, sessions lost with a replica; report files', async () => {
    const report = await runAudit({
      profile: fixtureProfile({ STATE: 'memory', PID_DIR: pids.dir }),
      quick: true,
      windowSeconds: 3,
    });
    expect(pids.pids().length).toBe(3);
    const { relogin, credential, forgeries, replicaFailure, load } = report.audit;
    expect(relogin.verdict).toBe('per-replica-state');
    expect(relogin.expectedIfPerReplica).toBe(0.667);
    expect(Math.abs(relogin.failureRate - 2 / 3)).toBeLessThan(0.17);
    expect(Object.keys(relogin.byReplica).sort()).toEqual(['replica-1', 'replica-2', 'replica-3']);
    expect(relogin.requests).toBe(108);
    expect(credential).toMatchObject({ kind: 'cookie', names: ['sid'], clientSideSession: false });
    // 24 random bytes as base64url: 192 bits, or 190 when no - or _ happens to occur (alphanumeric estimate).
    expect(credential.opaqueIdBits).toBeGreaterThanOrEqual(190);
    expect(credential.attributes).toEqual({
      httpOnly: true,
      secure: false,
      sameSite: 'Lax',
      maxAgeSeconds: null,
    });
    expect(forgeries.map((f) => [f.id, f.accepted])).toEqual([
      ['cookie-flipped', false],
      ['cookie-truncated', false],
    ]);
    expect(replicaFailure).toMatchObject({ killed: 'replica-2', users: 9 });
    expect(replicaFailure && 'sessionsLost' in replicaFailure && replicaFailure.sessionsLost).toBeGreaterThan(
      0,
    );
    expect(load && 'cpuMicrosPerRequest' in load && load.cpuMicrosPerRequest!.median).toBeGreaterThan(0);
    expect(report).toMatchObject({
      kind: 'audit',
      replicas: 3,
      strategy: 'round-robin',
      balancer: 'builtin',
    });
    expect(report.app).toMatchObject({
      started: 'command',
      authentication: 'json',
      pollUrl: '/me',
      users: 2,
    });
    expect(report.replicaExits).toEqual([]);

    const out = mkdtempSync(join(tmpdir(), 'audit-report-'));
    try {
      const paths = await writeAuditReports(report, out, 'ko');
      const json = JSON.parse(readFileSync(paths.json, 'utf8'));
      expect(Object.keys(json.audit).sort()).toEqual(
        ['credential', 'forgeries', 'load', 'logout', 'relogin', 'replicaFailure', 'theft'].sort(),
      );
      expect(readFileSync(paths.md, 'utf8')).toContain('라운드 로빈 뒤로 확장하면 안전하지 않습니다');
      expect(readFileSync(paths.html, 'utf8')).toContain('<html lang="ko">');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    const md = renderAuditMarkdown(report, 'en');
    expect(md.indexOf('## Verdict')).toBeLessThan(md.indexOf('(`relogin`, measured)'));
    expect(md).toMatch(/✗ Not safe to scale behind round-robin/);
    const html = renderAuditHtml(report, 'en');
    expect(html).toContain('id="replicaFailure"');
    // The timeline chart draws exactly the counts of report.json, and marks the kill.
    const drawn = [...html.matchAll(/data-ok="(\d+)" data-failed="(\d+)"/g)];
    const timeline = replicaFailure && 'timeline' in replicaFailure ? replicaFailure.timeline : [];
    expect(drawn.reduce((sum, m) => sum + Number(m[1]) + Number(m[2]), 0)).toBe(
      timeline.reduce((sum, b) => sum + b.ok + b.failed, 0),
    );
    expect(html).toContain('class="kill"');
  });

  it('a vulnerable JWT check: alg none accepted (a red finding first), the expired forgery signed with the key from app.env', async () => {
    const report = await runAudit({
      profile: fixtureProfile(
        { STATE: 'jwt-none', APP_SECRET: FIXTURE_SECRET, PID_DIR: pids.dir },
        {
          ...jwtSession,
          app: {
            command: 'node app.mjs & wait',
            env: { STATE: 'jwt-none', APP_SECRET: FIXTURE_SECRET, PID_DIR: pids.dir },
            ready: '/health',
          },
        },
      ),
      quick: true,
      windowSeconds: 3,
    });
    const { relogin, credential, forgeries, logout, theft } = report.audit;
    expect(relogin).toMatchObject({ failed: 0, verdict: 'shared-or-client-side' });
    expect(credential).toMatchObject({
      kind: 'header',
      names: ['authorization'],
      clientSideSession: true,
      decodedAs: 'jwt',
    });
    expect(credential.jwt).toMatchObject({
      header: { alg: 'HS256' },
      claims: { sub: 'alice' },
      lifetimeSeconds: 600,
    });
    const accepted = Object.fromEntries(forgeries.map((f) => [f.id, f.accepted]));
    expect(accepted).toEqual({
      'alg-none': true,
      'signature-stripped': false,
      'payload-tampered': false,
      'wrong-key': false,
      expired: false,
      'token-flipped': false,
      'token-truncated': false,
    });
    expect(forgeries.find((f) => f.id === 'expired')).toMatchObject({ tries: 3, status: 401 });
    expect(logout).toMatchObject({
      windowSeconds: 3,
      copyWorksSeconds: 3,
      stillWorkingAtEnd: true,
      measured: true,
    });
    expect(theft).toMatchObject({ stillWorkingAtEnd: true, measured: true });
    const md = renderAuditMarkdown(report, 'en');
    const verdict = md.slice(md.indexOf('## Verdict'));
    expect(verdict.split('\n')[2]).toMatch(/^- ✗ A forged credential got in: alg: none/);
  });

  it('HTML form login with a CSRF token, a signed-cookie session: shared, client-side, logout does not revoke', async () => {
    const env = { STATE: 'signed', LOGIN: 'form', APP_SECRET: FIXTURE_SECRET, PID_DIR: pids.dir };
    const report = await runAudit({
      profile: fixtureProfile(env, {
        app: { command: ['node', 'app.mjs'], env },
        authentication: {
          method: 'form',
          loginPageUrl: '/login',
          loginRequestUrl: '/login',
          loginRequestBody: 'user={%username%}&pass={%password%}',
        },
        verification: { pollUrl: '/me' },
      }),
      replicas: 2,
      quick: true,
      windowSeconds: 2,
    });
    const { relogin, credential, logout } = report.audit;
    expect(relogin).toMatchObject({ failed: 0, verdict: 'shared-or-client-side', expectedIfPerReplica: 0.5 });
    expect(credential).toMatchObject({
      kind: 'cookie',
      names: ['session'],
      clientSideSession: true,
      decodedAs: 'signed-json',
    });
    expect(logout).toMatchObject({ stillWorkingAtEnd: true, logoutStatus: 204 });
  });
});
