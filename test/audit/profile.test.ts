import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runAuditCli } from '../../audit/cli.ts';
import { AuditError } from '../../audit/errors.ts';
import { loadProfile, validateProfile } from '../../audit/profile/load-profile.ts';
import { fill, jsonPath } from '../../audit/profile/placeholders.ts';

const valid = {
  app: { command: ['node', 'app.mjs'], env: { SECRET: '{%env:AUDIT_TEST_SECRET%}' } },
  authentication: {
    method: 'json',
    loginRequestUrl: '/login',
    loginRequestBody: '{"u":"{%username%}","p":"{%password%}"}',
  },
  verification: { pollUrl: '/me' },
  users: [{ name: 'alice', credentials: { username: 'alice', password: 'pw' } }],
};
const env = { AUDIT_TEST_SECRET: 's3cret-value' };

function problem(raw: unknown, environment: NodeJS.ProcessEnv = env): AuditError {
  try {
    validateProfile(raw, environment);
  } catch (error) {
    if (error instanceof AuditError) return error;
    throw error;
  }
  throw new Error('expected the profile to be refused');
}

describe('audit profile validation', () => {
  it('accepts a valid profile, fills env secrets, keeps the written form for the report', () => {
    const { profile, written } = validateProfile(valid, env);
    expect(profile.app.env?.SECRET).toBe('s3cret-value');
    expect(written.app.env?.SECRET).toBe('{%env:AUDIT_TEST_SECRET%}');
    expect(profile.sessionManagement.method).toBe('cookie');
  });

  it('names the path of a wrong enum value, an unknown field and a wrong type (exit 2)', () => {
    const badMethod = problem({ ...valid, authentication: { ...valid.authentication, method: 'basic' } });
    expect(badMethod.message).toBe('authentication.method: expected "json" | "form"');
    expect(badMethod.exitCode).toBe(2);
    expect(problem({ ...valid, verification: { pollUrl: '/me', extra: 1 } }).message).toBe(
      'verification.extra: unknown field',
    );
    expect(
      problem({ ...valid, users: [{ name: 'a', credentials: { username: 'a', password: 5 } }] }).message,
    ).toBe('users.0.credentials.password: expected string, got number');
    expect(problem({ ...valid, verification: { pollUrl: 'me' } }).message).toMatch(
      /^verification\.pollUrl: /,
    );
    expect(problem({ ...valid, surprise: true }).message).toBe('surprise: unknown field');
  });

  it('needs exactly one of app.command and app.targets, headers for the headers method, a valid regex', () => {
    expect(problem({ ...valid, app: {} }).message).toMatch(/^app: expected exactly one of "command"/);
    expect(problem({ ...valid, sessionManagement: { method: 'headers' } }).message).toMatch(
      /^sessionManagement\.headers: /,
    );
    expect(problem({ ...valid, verification: { pollUrl: '/me', loggedInRegex: '(' } }).message).toMatch(
      /^verification\.loggedInRegex: expected a valid regular expression/,
    );
  });

  it('a missing env secret is exit 2 naming the variable and where it is used', () => {
    const error = problem(valid, {});
    expect(error.code).toBe('env-missing');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('app.env.SECRET: environment variable AUDIT_TEST_SECRET is not set');
  });

  it('an unknown placeholder is refused with its path', () => {
    const raw = { ...valid, authentication: { ...valid.authentication, loginRequestBody: '{%user%}' } };
    expect(problem(raw).message).toBe('authentication.loginRequestBody: unknown placeholder {%user%}');
  });
});

describe('placeholders', () => {
  it('fills username/password escaped for where they go, json paths and headers from the login answer', () => {
    const json = { data: { token: 'abc', n: 7 } };
    expect(
      fill('u={%username%}&p={%password%}', { username: 'a b', password: 'x&y' }, encodeURIComponent),
    ).toBe('u=a%20b&p=x%26y');
    expect(fill('{"p":"{%password%}"}', { password: 'q"z' }, (v) => JSON.stringify(v).slice(1, -1))).toBe(
      '{"p":"q\\"z"}',
    );
    expect(fill('Bearer {%json:data.token%}', { json })).toBe('Bearer abc');
    expect(fill('{%header:X-Token%}', { headers: { 'x-token': 'h1' } })).toBe('h1');
    expect(jsonPath(json, 'data.n')).toBe(7);
    expect(() => fill('{%json:data.missing%}', { json })).toThrow(/\{%json:data\.missing%\}/);
  });
});

describe('npm run audit with a bad profile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-profile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 naming the field path, for YAML and JSON, and for flags', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const yaml = join(dir, 'bad.yaml');
      writeFileSync(yaml, 'app: { command: [node, x.js] }\nauthentication: { method: basic }\n');
      expect(await runAuditCli(['--profile', yaml])).toBe(2);
      const printed = stderr.mock.calls.map((call) => String(call[0])).join('');
      expect(printed).toContain('authentication.method: expected "json" | "form"');
      expect(printed).toContain('authentication.loginRequestUrl: expected string (missing)');
      const json = join(dir, 'bad.json');
      writeFileSync(json, JSON.stringify({ ...valid, users: [] }));
      expect(await runAuditCli(['--profile', json])).toBe(2);
      expect(await runAuditCli(['--profile', join(dir, 'absent.yaml')])).toBe(2);
      expect(await runAuditCli(['--profile', yaml, '--balancer', 'traefik'])).toBe(2);
      expect(await runAuditCli(['--profile', yaml, '--bogus'])).toBe(2);
      expect(await runAuditCli([])).toBe(2);
      expect(await runAuditCli(['--profile', yaml, '--lang', 'ko'])).toBe(2);
      const all = stderr.mock.calls.map((call) => String(call[0])).join('');
      expect(all).toContain('users: expected at least 1 item(s)');
      expect(all).toContain('--balancer expects builtin | haproxy | nginx, got "traefik"');
      expect(all).toContain('unknown flag "--bogus"');
      expect(all).toContain('authentication.method: "json" | "form" 가운데 하나여야 합니다');
    } finally {
      stderr.mockRestore();
    }
  });

  it('loadProfile resolves the directory app.cwd is relative to', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(valid));
    const loaded = await loadProfile(file, env);
    expect(loaded.baseDir).toBe(dir);
  });
});
