import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type BuildNodeOptions, buildNode } from '../../nodes/build-node.ts';
import { type NodeConfig, parseNodeConfig } from '../../nodes/config.ts';

/** Shared by the test/node-*.test.ts files (not a test file itself). */
// Random per run: a secret written in the repository is public (nodes refuse known ones).
export const TEST_SECRET = randomBytes(32).toString('base64url');

export function testConfig(env: Record<string, string> = {}): NodeConfig {
  // Cheapest allowed scrypt cost: tests log in a lot; the cost is a setting, not the logic.
  return parseNodeConfig({ AUTH_SECRET: TEST_SECRET, SCRYPT_COST: '1024', LOGIN_RATE_LIMIT: '0', ...env });
}

export function fakeClock(start = Date.UTC(2026, 0, 1)): { now: () => number; advance(ms: number): void } {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

const apps: FastifyInstance[] = [];

/** buildNode, remembered so closeApps() (afterEach) always closes it. */
export async function node(config: NodeConfig, options: BuildNodeOptions = {}): Promise<FastifyInstance> {
  const app = await buildNode(config, options);
  apps.push(app);
  return app;
}

export async function closeApps(): Promise<void> {
  await Promise.all(apps.splice(0).map((app) => app.close()));
}

export function login(
  app: FastifyInstance,
  username = 'alice',
  password = `${username}-pw`,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/auth/login', payload: { username, password }, headers });
}

/** The signed `sid` value a login set. */
export function sidOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'sid');
  if (!cookie) throw new Error(`no sid cookie in response ${response.statusCode} ${response.body}`);
  return cookie.value;
}

export function me(app: FastifyInstance, sid?: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url: '/api/me', ...(sid !== undefined && { cookies: { sid } }) });
}

export function codeOf(response: LightMyRequestResponse): string {
  return (response.json() as { code: string }).code;
}
