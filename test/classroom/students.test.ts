import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { createAgent, type Reply, VirtualUser } from '../../scenarios/client/http.ts';

/**
 * Students' phones against a real 3-node memory cluster behind the real balancer, which passes
 * /join to the console (PATH_ROUTES). Each "phone" is a client with one keep-alive connection of
 * its own, doing what the /join page does: hello, log in through the balancer, GET /api/me, and
 * report each answer to /join/api/report.
 */
let live: LiveCluster;
let app: ReturnType<typeof buildClassroom>;
let balancer: string;
let consoleUrl: string;

beforeAll(async () => {
  const consolePort = await freePort();
  live = await LiveCluster.start({
    setup: { mode: 'memory', strategy: 'sticky', nodes: 3 },
    balancerPort: await freePort(),
    healthInterval: '250ms',
    joinOrigin: `http://127.0.0.1:${consolePort}`,
  });
  balancer = live.balancerUrl;
  app = buildClassroom({
    live,
    lang: 'en',
    trafficRate: 0,
    joinUrl: `${balancer}/join`,
    // Every phone here connects from 127.0.0.1 (join-limit.test.ts checks the per-address bound).
    maxJoinsPerAddress: 200,
  });
  await app.listen({ port: consolePort, host: '127.0.0.1' });
  consoleUrl = `http://127.0.0.1:${consolePort}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await live?.close();
});

interface Phone {
  id: string;
  key: string;
  user: VirtualUser;
  agent: ReturnType<typeof createAgent>;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await request(`${balancer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, json: text ? JSON.parse(text) : null };
}

async function joinPhone(name: string): Promise<Phone> {
  const hello = await post('/join/api/hello', { name });
  expect(hello.status).toBe(200);
  const agent = createAgent(1);
  return {
    id: hello.json.id,
    key: hello.json.key,
    agent,
    user: new VirtualUser(hello.json.username, balancer, agent),
  };
}

async function reportTo(phone: Phone, kind: 'me' | 'login', reply: Reply) {
  return post('/join/api/report', {
    id: phone.id,
    key: phone.key,
    kind,
    node: reply.nodeId ?? null,
    status: reply.status,
    code: reply.code ?? null,
  });
}

async function askMe(phone: Phone): Promise<Reply> {
  const reply = await phone.user.me();
  expect((await reportTo(phone, 'me', reply)).status).toBe(200);
  return reply;
}

const state = async () =>
  (await request(`${consoleUrl}/api/state`)).body.json() as Promise<{
    students: {
      joined: number;
      active: number;
      requests: number;
      ok: number;
      failed: number;
      byNode: Record<string, { ok: number; failed: number }>;
      list: { name: string }[];
      callout: { loggedOut: number; kept: number; pending: number } | null;
    };
    nodes: { id: string; status: string }[];
  }>;

const lbTargets = async () =>
  (
    (await (await request(`${balancer}/__lb/stats`)).body.json()) as {
      targets: { nodeId: string; requests: number }[];
    }
  ).targets;

describe('the /join page on the balancer origin', () => {
  it('is served through the balancer, self-contained, in the browser language', async () => {
    const page = await request(`${balancer}/join`, {
      headers: { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const html = await page.body.text();
    expect(html).toContain('<html lang="ko">');
    expect(html).not.toMatch(/https?:\/\//);
    const words = (await (await request(`${balancer}/join/api/messages?lang=ko`)).body.json()) as {
      messages: Record<string, string>;
    };
    expect(words.messages['students.phone.me']).toBe('내 정보 요청 (/api/me)');
    expect(Object.keys(words.messages).every((key) => key.startsWith('students.phone.'))).toBe(true);
  });

  it('keeps the teacher controls out of reach from the students side', async () => {
    const direct = await post('/api/control', { action: 'kill-node', id: 'node-1' });
    expect(direct.status).toBe(404);
    const escaped = await post('/join/../api/control', { action: 'kill-node', id: 'node-1' });
    expect(escaped.status).toBe(404);
    // A request that came through a proxy is never the teacher, even from loopback.
    const proxied = await app.inject({
      method: 'POST',
      url: '/api/control',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.168.1.30' },
      payload: JSON.stringify({ action: 'kill-node', id: 'node-1' }),
    });
    expect(proxied.statusCode).toBe(403);
    expect((await state()).nodes.every((n) => n.status === 'up')).toBe(true);
  });

  it('cleans names and refuses bad input with a code', async () => {
    const hello = await post('/join/api/hello', { name: '  \u202eMin\u200bji\n  Kim  ' });
    expect(hello.json.name).toBe('Minji Kim');
    await post('/join/api/leave', { id: hello.json.id, key: hello.json.key });
    expect((await post('/join/api/hello', { name: '\u200b \n' })).json.code).toBe('ERR_BAD_NAME');
    expect((await post('/join/api/hello', { name: 42 })).status).toBe(400);
    const wrongKey = await post('/join/api/report', {
      id: hello.json.id,
      key: 'x',
      kind: 'me',
      node: 'node-1',
      status: 200,
      code: null,
    });
    expect(wrongKey.status).toBe(401);
    const badNode = await post('/join/api/report', {
      id: 'abcdefgh',
      key: 'x',
      kind: 'me',
      node: '<script>',
      status: 200,
      code: null,
    });
    expect(badNode.status).toBe(400);
  });
});

describe('students under memory + sticky', () => {
  const phones: Phone[] = [];
  const ROUNDS = 4;

  afterAll(async () => {
    await Promise.all(phones.map((p) => p.agent.close()));
  });

  it('counts the phones apart from the virtual users, per node', async () => {
    for (let i = 0; i < 9; i++) phones.push(await joinPhone(`student ${i + 1}`));
    for (const phone of phones) {
      const login = await phone.user.login();
      expect(login.status).toBe(200);
      await reportTo(phone, 'login', login);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const phone of phones) expect((await askMe(phone)).status).toBe(200);
    }
    const seen = await state();
    expect(seen.students).toMatchObject({
      joined: 9,
      active: 9,
      requests: 9 * ROUNDS,
      ok: 9 * ROUNDS,
      failed: 0,
    });
    const perNode = Object.values(seen.students.byNode).reduce((sum, n) => sum + n.ok, 0);
    expect(perNode).toBe(9 * ROUNDS);
  }, 60_000);

  it("a kill's 'n students logged out' is the students the balancer pinned to that node", async () => {
    // Only the phones send requests here: the balancer's per-target count over one round is
    // the number of phones pinned to each node.
    const before = await lbTargets();
    for (const phone of phones) await askMe(phone);
    const after = await lbTargets();
    const pinned = Object.fromEntries(after.map((t, i) => [t.nodeId, t.requests - before[i]!.requests]));
    expect(Object.values(pinned).reduce((a, b) => a + b, 0)).toBe(phones.length);
    const victim = Object.entries(pinned).sort((a, b) => b[1] - a[1])[0]![0];

    const kill = await app.inject({
      method: 'POST',
      url: '/api/control',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ action: 'kill-node', id: victim }),
    });
    expect(kill.statusCode).toBe(202);
    await waitFor(async () => live.applying === undefined, { timeoutMs: 30_000, what: 'the kill' });
    for (const phone of phones) await askMe(phone);
    const callout = (await state()).students.callout;
    expect(callout).toMatchObject({
      loggedOut: pinned[victim],
      kept: phones.length - pinned[victim]!,
      pending: 0,
    });
  }, 90_000);

  it('limits each student to a few reports a second', async () => {
    const phone = phones[0]!;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        post('/join/api/report', {
          id: phone.id,
          key: phone.key,
          kind: 'me',
          node: 'node-1',
          status: 200,
          code: null,
        }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(10);
  });

  it('serves the projector a QR code of the join URL, drawn locally', async () => {
    const qr = await app.inject({ url: '/api/join-qr.svg' });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect((await app.inject({ url: '/api/state' })).json().join).toEqual({ url: `${balancer}/join` });
  });
});
