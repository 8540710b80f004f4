import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StrategyName } from '../../balancer/config.ts';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { affinityCookie, type RunningBalancer, send, startBalancer } from '../helpers/balancer.ts';
import { useRedisServer } from '../helpers/redis.ts';

/**
 * End to end: the balancer in front of three real app nodes (child processes of nodes/main.ts).
 * Under round-robin a memory-mode session lives on one node only, so about (N-1)/N of a logged-in
 * client's requests land on a node that never saw it: 401 ERR_SESSION_UNKNOWN. Sticky routing, a
 * shared Redis store or stateless JWTs each make that disappear.
 */
const N = 3;
// Three cold tsx starts at once on a loaded shared 2-core machine can take over a minute.
const START_TIMEOUT_MS = 120_000;
const REQUESTS = 30;
// Random per run: nodes refuse a secret that is written in the repository (docs/security.md).
const SECRET = randomBytes(32).toString('base64url');

const redis = useRedisServer();
const children: ChildProcess[] = [];

function stopNodes(): void {
  for (const child of children.splice(0)) child.kill('SIGKILL');
}
afterAll(stopNodes);

async function startNodes(mode: 'memory' | 'redis' | 'jwt'): Promise<string[]> {
  const ports = await Promise.all(Array.from({ length: N }, () => freePort()));
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  ports.forEach((port, i) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'nodes/main.ts'], {
      env: {
        ...process.env,
        NODE_ID: `${mode}-${i + 1}`,
        HOST: '127.0.0.1',
        PORT: String(port),
        AUTH_MODE: mode,
        AUTH_SECRET: SECRET,
        REDIS_URL: redis().url,
        LOGIN_RATE_LIMIT: '0',
        SCRYPT_COST: '1024',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.resume();
    children.push(child);
  });
  await Promise.all(
    urls.map((url) =>
      waitFor(async () => (await send(`${url}/health`)).status === 200, {
        timeoutMs: START_TIMEOUT_MS,
        intervalMs: 100,
        what: `node ${url}/health`,
      }),
    ),
  );
  return urls;
}

interface Outcome {
  failures: number;
  codes: Set<string>;
  nodes: Set<string>;
}

/** Logs alice in through the balancer, then sends REQUESTS × GET /api/me with her credential. */
async function loggedInClient(lb: RunningBalancer): Promise<Outcome> {
  const login = await send(`${lb.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: 'alice-pw' }),
  });
  expect(login.status).toBe(200);
  const headers: Record<string, string> = {};
  const cookies = (login.headers['set-cookie'] ?? []).map((c) => c.split(';', 1)[0]!);
  const sid = cookies.find((c) => c.startsWith('sid='));
  const lbCookie = affinityCookie(login);
  const token = (login.json() as { accessToken?: string }).accessToken;
  if (token) headers.authorization = `Bearer ${token}`;
  const jar = [sid, lbCookie].filter(Boolean).join('; ');
  if (jar) headers.cookie = jar;
  expect(sid ?? token).toBeTruthy();

  const outcome: Outcome = { failures: 0, codes: new Set(), nodes: new Set() };
  for (let i = 0; i < REQUESTS; i++) {
    const reply = await send(`${lb.url}/api/me`, { headers });
    outcome.nodes.add(String(reply.headers['x-node-id']));
    if (reply.status === 200) continue;
    outcome.failures++;
    outcome.codes.add(String((reply.json() as { code?: string }).code));
  }
  return outcome;
}

async function withBalancer<T>(
  targets: string[],
  strategy: StrategyName,
  fn: (lb: RunningBalancer) => Promise<T>,
) {
  // Long interval: no health flapping on a busy machine can change the spread under test.
  const lb = await startBalancer({ targets, strategy, healthIntervalMs: 60_000 });
  try {
    return await fn(lb);
  } finally {
    await lb.close();
  }
}

describe('balancer + 3 memory-mode nodes', () => {
  let targets: string[] = [];
  beforeAll(async () => {
    targets = await startNodes('memory');
  }, START_TIMEOUT_MS + 10_000);
  afterAll(stopNodes);

  it('round-robin: about (N-1)/N of requests fail with ERR_SESSION_UNKNOWN', async () => {
    const outcome = await withBalancer(targets, 'round-robin', loggedInClient);
    const rate = outcome.failures / REQUESTS;
    expect(Math.abs(rate - (N - 1) / N)).toBeLessThan(0.15);
    expect([...outcome.codes]).toEqual(['ERR_SESSION_UNKNOWN']);
    expect(outcome.nodes.size).toBe(N);
  });

  it('sticky: no failures, every request on one node', async () => {
    const outcome = await withBalancer(targets, 'sticky', loggedInClient);
    expect(outcome.failures).toBe(0);
    expect(outcome.nodes.size).toBe(1);
  });
});

describe.each(['redis', 'jwt'] as const)('balancer + 3 %s-mode nodes', (mode) => {
  let targets: string[] = [];
  beforeAll(async () => {
    targets = await startNodes(mode);
  }, START_TIMEOUT_MS + 10_000);
  afterAll(stopNodes);

  it('round-robin: no failures although requests visit every node', async () => {
    const outcome = await withBalancer(targets, 'round-robin', loggedInClient);
    expect(outcome.failures).toBe(0);
    expect(outcome.nodes.size).toBe(N);
  });
});
