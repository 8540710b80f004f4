import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LoadedProfile } from '../../audit/profile/load-profile.ts';
import { validateProfile } from '../../audit/profile/load-profile.ts';

export const FIXTURE_DIR = resolve(import.meta.dirname, '../fixtures/audit');
export const FIXTURE_SECRET = 'fixture-secret-0123456789abcdef';

/** A temp dir the fixture app writes its pid into (PID_DIR), to check nothing outlives the audit. */
export function pidDir(): { dir: string; pids: () => number[]; alive: () => number[]; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'audit-pids-'));
  const pids = () =>
    readdirSync(dir)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  // A zombie (exited, not yet reaped by whoever adopted it) is not running.
  const running = (pid: number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  };
  return {
    dir,
    pids,
    alive: () => pids().filter(running),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

type Raw = Record<string, unknown>;

/** The fixture app's profile with `state` and extra settings, as loadProfile would return it. */
export function fixtureProfile(env: Record<string, string>, overrides: Raw = {}): LoadedProfile {
  const raw: Raw = {
    app: { command: ['node', 'app.mjs'], env, ready: '/health' },
    authentication: {
      method: 'json',
      loginRequestUrl: '/login',
      loginRequestBody: '{"username":"{%username%}","password":"{%password%}"}',
    },
    sessionManagement: { method: 'cookie' },
    verification: { pollUrl: '/me', loggedInRegex: '"user"' },
    logout: { url: '/logout', method: 'POST' },
    users: [
      { name: 'alice', credentials: { username: 'alice', password: 'alice-pw' } },
      { name: 'bob', credentials: { username: 'bob', password: 'bob-pw' } },
    ],
    ...overrides,
  };
  const { profile, written } = validateProfile(raw, {});
  return { profile, written, file: join(FIXTURE_DIR, 'test-profile.yaml'), baseDir: FIXTURE_DIR };
}

export const jwtSession = {
  sessionManagement: { method: 'headers', headers: { Authorization: 'Bearer {%json:data.token%}' } },
};
