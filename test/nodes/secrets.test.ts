import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.ts';
import { parseNodeConfig } from '../../nodes/config.ts';
import { publicOrWeakReason } from '../../nodes/secrets/known-values.ts';

const dir = mkdtempSync(join(tmpdir(), 'authscale-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const random = (bytes = 32) => randomBytes(bytes).toString('base64url');

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function configError(env: Record<string, string>): ConfigError {
  try {
    parseNodeConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

// The old docker-compose.yml defaults: public, so a node must refuse them. Spelled out here only
// as test input; the node keeps nothing but their SHA-256.
const OLD_COMPOSE_SECRET = ['demo', 'only', 'secret', 'change', 'me', 'not', 'for', 'production'].join('-');
const OLD_COMPOSE_ADMIN_TOKEN = ['demo', 'admin', 'token', 'change', 'me'].join('-');

describe('AUTH_SECRET_FILE / ADMIN_TOKEN_FILE', () => {
  it('reads and trims the file; the file wins over the plain variable', () => {
    const secret = random();
    const token = random(24);
    const config = parseNodeConfig({
      AUTH_SECRET: random(),
      AUTH_SECRET_FILE: file('secret', `${secret}\n`),
      ADMIN_TOKEN_FILE: file('token', `  ${token}\r\n`),
    });
    expect(config.authSecret).toBe(secret);
    expect(config.adminToken).toBe(token);
  });

  it.each([
    ['a missing file', { AUTH_SECRET_FILE: '/nonexistent/authscale-secret' }, 'AUTH_SECRET_FILE', 'ENOENT'],
    ['a directory', { AUTH_SECRET_FILE: tmpdir() }, 'AUTH_SECRET_FILE', 'EISDIR'],
    ['a short secret file', { AUTH_SECRET_FILE: file('short', 'abc\n') }, 'AUTH_SECRET_FILE', '32 bytes'],
    ['an empty secret file', { AUTH_SECRET_FILE: file('empty', '\n') }, 'AUTH_SECRET_FILE', '32 bytes'],
    [
      'a short admin token file',
      { ADMIN_TOKEN_FILE: file('short-token', 'abc') },
      'ADMIN_TOKEN_FILE',
      '16 bytes',
    ],
  ])('%s → one line naming %s', (_name, env, variable, detail) => {
    const error = configError({ AUTH_SECRET: random(), ...env });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(detail);
    expect(error.message).not.toContain('\n');
  });
});

describe('public or weak secrets', () => {
  it.each([
    ['the old compose AUTH_SECRET', { AUTH_SECRET: OLD_COMPOSE_SECRET }, 'AUTH_SECRET'],
    [
      'the old compose ADMIN_TOKEN',
      { AUTH_SECRET: random(), ADMIN_TOKEN: OLD_COMPOSE_ADMIN_TOKEN },
      'ADMIN_TOKEN',
    ],
    ['all one character', { AUTH_SECRET: 'x'.repeat(40) }, 'AUTH_SECRET'],
    ['a short piece repeated', { AUTH_SECRET: 'abcdefgh'.repeat(5) }, 'AUTH_SECRET'],
    ['a placeholder', { AUTH_SECRET: `please-changeme-${random()}` }, 'AUTH_SECRET'],
    [
      'a public value in a file',
      { AUTH_SECRET_FILE: file('public', `${OLD_COMPOSE_SECRET}\n`) },
      'AUTH_SECRET_FILE',
    ],
  ])('%s → refused, naming %s', (_name, env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain('ALLOW_DEMO_SECRET=1');
    expect(error.message).not.toContain('\n');
  });

  it('ALLOW_DEMO_SECRET=1 starts anyway and returns a warning for each public value', () => {
    const config = parseNodeConfig({
      AUTH_SECRET: OLD_COMPOSE_SECRET,
      ADMIN_TOKEN: OLD_COMPOSE_ADMIN_TOKEN,
      ALLOW_DEMO_SECRET: '1',
    });
    expect(config.authSecret).toBe(OLD_COMPOSE_SECRET);
    expect(config.secretWarnings).toHaveLength(2);
    expect(config.secretWarnings[0]).toMatch(/^AUTH_SECRET is not secret/);
    expect(config.secretWarnings[1]).toMatch(/^ADMIN_TOKEN is not secret/);
  });

  it('random values pass', () => {
    for (let i = 0; i < 200; i++) expect(publicOrWeakReason(random())).toBeUndefined();
    expect(parseNodeConfig({ AUTH_SECRET: random(), ADMIN_TOKEN: random(24) }).secretWarnings).toEqual([]);
  });
});
