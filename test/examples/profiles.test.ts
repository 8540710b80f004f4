import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLES_DIR } from './example-process.ts';

interface Profile {
  app: { command: string[]; cwd: string; portEnv: string; env: Record<string, string>; ready: string };
  authentication: { method: string; loginRequestUrl: string; loginRequestBody: string };
  sessionManagement: { method: string; headers?: Record<string, string> };
  verification: { pollUrl: string };
  users: { name: string; credentials: { username: string; password: string } }[];
}

const EXAMPLES = ['express-memory', 'express-redis', 'jwt-stateless', 'flask-cookie', 'jwt-vulnerable'];
const ENV_ONLY = /^\{%env:[A-Z][A-Z0-9_]*%\}$/;

function load(name: string): Profile {
  return parse(readFileSync(join(EXAMPLES_DIR, name, 'profile.yaml'), 'utf8')) as Profile;
}

describe('examples/*/profile.yaml', () => {
  it('every example folder has an app, a profile and a README', () => {
    const folders = readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.map((entry) => entry.name).sort()).toEqual([...EXAMPLES].sort());
    for (const name of EXAMPLES) {
      const profile = load(name);
      expect(existsSync(join(EXAMPLES_DIR, name, 'README.md')), name).toBe(true);
      expect(existsSync(join(EXAMPLES_DIR, name, profile.app.cwd, profile.app.command.at(-1)!)), name).toBe(
        true,
      );
      expect(profile.app).toMatchObject({ portEnv: 'PORT', ready: '/health' });
    }
  });

  it.each(EXAMPLES)('%s: secrets only as {%env:…%}, never a literal', (name) => {
    const profile = load(name);
    for (const [key, value] of Object.entries(profile.app.env)) expect(value, key).toMatch(ENV_ONLY);
    for (const user of profile.users) expect(user.credentials.password, user.name).toMatch(ENV_ONLY);
    const source = readFileSync(join(EXAMPLES_DIR, name, 'README.md'), 'utf8');
    expect(source, 'README command').toContain(`--profile examples/${name}/profile.yaml`);
  });

  it.each(EXAMPLES)('%s: the app reads exactly the variables the profile passes', (name) => {
    const profile = load(name);
    const dir = join(EXAMPLES_DIR, name);
    const code = readdirSync(dir)
      .filter((file) => /\.(js|py)$/.test(file))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    const required = [...code.matchAll(/required_?[eE]nv\(['"]([A-Z_]+)['"]\)/g)].map((match) => match[1]);
    expect(required.sort()).toEqual(Object.keys(profile.app.env).sort());
  });

  it('covers both login methods and both ways of carrying the session', () => {
    const profiles = EXAMPLES.map(load);
    expect(new Set(profiles.map((p) => p.authentication.method))).toEqual(new Set(['json', 'form']));
    expect(new Set(profiles.map((p) => p.sessionManagement.method))).toEqual(new Set(['cookie', 'headers']));
    const bearer = load('jwt-stateless').sessionManagement.headers?.Authorization;
    expect(bearer).toBe('Bearer {%json:auth.accessToken%}');
  });
});
