import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';

/**
 * Route tests for the classroom console against a real 2-node memory cluster (real processes);
 * inject() for the JSON routes, real HTTP for the event stream.
 */
const TOKEN = 'route-test-control-token';
let live: LiveCluster;
let app: ReturnType<typeof buildClassroom>;
let url: string;

beforeAll(async () => {
  live = await LiveCluster.start({
    setup: { mode: 'memory', strategy: 'round-robin', nodes: 2 },
    balancerPort: await freePort(),
    healthInterval: '250ms',
  });
  app = buildClassroom({ live, lang: 'en', controlToken: TOKEN, trafficRate: 0, maxEventClients: 2 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await live?.close();
});

const control = (body: unknown, options: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/control',
    headers: { 'content-type': 'application/json', ...options.headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    ...(options.remoteAddress && { remoteAddress: options.remoteAddress }),
  });

async function idle(): Promise<void> {
  await waitFor(async () => live.applying === undefined, {
    timeoutMs: 90_000,
    what: 'the control to finish',
  });
}

describe('GET /api/state', () => {
  it('describes the cluster with the contract fields', async () => {
    const response = await app.inject({ url: '/api/state' });
    expect(response.statusCode).toBe(200);
    const state = response.json();
    expect(state).toMatchObject({
      mode: 'memory',
      strategy: 'round-robin',
      store: { kind: 'none', up: false },
      balancerUrl: live.balancerUrl,
      lang: 'en',
    });
    expect(state.nodes).toHaveLength(2);
    expect(state.nodes[0]).toMatchObject({
      id: 'node-1',
      up: true,
      requests: 0,
      ok: 0,
      failed: 0,
      failuresByCode: {},
    });
    expect(state.expectedFailureRate).toBeCloseTo(0.5);
  });

  it('serves the page without any third-party origin', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).not.toMatch(/https?:\/\//);
    const script = await app.inject({ url: '/page/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).not.toMatch(/https?:\/\/(?!\$)/);
    expect((await app.inject({ url: '/page/../main.ts' })).statusCode).toBe(404);
  });

  it('serves every ES module the page imports as JavaScript, and nothing else from the folder', async () => {
    // Follow the imports from the entry script: each one must load, or the page stays blank.
    const seen = new Set<string>();
    const pending = ['/page/app.js'];
    while (pending.length > 0) {
      const path = pending.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const script = await app.inject({ url: path });
      expect(script.statusCode, path).toBe(200);
      expect(script.headers['content-type'], path).toBe('text/javascript; charset=utf-8');
      expect(script.body, path).not.toMatch(/https?:\/\/(?!\$)/);
      for (const [, spec] of script.body.matchAll(/^import [^;]*? from '(\.{1,2}\/[^']+)';$/gm)) {
        pending.push(new URL(spec!, `http://page${path}`).pathname);
      }
    }
    expect(seen.size).toBeGreaterThan(5);
    for (const url of ['/page/console/missing.js', '/page/console/..%2F..%2Fmain.ts', '/page/console/']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code, url).toBe('ERR_NOT_FOUND');
    }
  });

  it('hands the page one catalogue per language', async () => {
    const ko = (await app.inject({ url: '/api/messages?lang=ko' })).json();
    expect(ko.lang).toBe('ko');
    expect(ko.messages['console.try.title']).toBe('직접 해 보기');
    const bad = await app.inject({ url: '/api/messages?lang=fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('ERR_BAD_REQUEST');
  });
});

describe('POST /api/control: bad input', () => {
  it.each([
    ['an array', [], 'ERR_BAD_REQUEST'],
    ['no action', { mode: 'redis' }, 'ERR_BAD_REQUEST'],
    ['an unknown action', { action: 'reboot' }, 'ERR_UNKNOWN_ACTION'],
    ['an unknown mode', { action: 'set-mode', mode: 'ldap' }, 'ERR_BAD_REQUEST'],
    ['too many nodes', { action: 'set-nodes', nodes: 9 }, 'ERR_BAD_REQUEST'],
    ['a fractional node count', { action: 'set-nodes', nodes: 2.5 }, 'ERR_BAD_REQUEST'],
    ['an extra field', { action: 'stop-store', force: true }, 'ERR_BAD_REQUEST'],
    ['a node that does not exist', { action: 'kill-node', id: 'node-7' }, 'ERR_UNKNOWN_NODE'],
    ['a malformed node id', { action: 'kill-node', id: '../etc' }, 'ERR_BAD_REQUEST'],
    ['a traffic rate out of range', { action: 'set-traffic', rate: 10_000 }, 'ERR_BAD_REQUEST'],
    ['reconnect with a field', { action: 'reconnect', every: 4 }, 'ERR_BAD_REQUEST'],
    ['set-reconnect without every', { action: 'set-reconnect' }, 'ERR_BAD_REQUEST'],
    ['set-reconnect every 1', { action: 'set-reconnect', every: 1 }, 'ERR_BAD_REQUEST'],
    ['set-reconnect every "4"', { action: 'set-reconnect', every: '4' }, 'ERR_BAD_REQUEST'],
    ['set-reconnect every 101', { action: 'set-reconnect', every: 101 }, 'ERR_BAD_REQUEST'],
  ])('%s: 400 %s', async (_name, body, code) => {
    const response = await control(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
    expect(live.applying).toBeUndefined();
  });

  it('broken JSON is a 400 and a non-JSON body a 415, never a 500', async () => {
    const broken = await control('{"action":');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('ERR_BAD_REQUEST');
    const text = await app.inject({
      method: 'POST',
      url: '/api/control',
      headers: { 'content-type': 'text/plain' },
      payload: 'kill-node',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('stopping a store the mode does not have is a 409 ERR_NO_STORE', async () => {
    const response = await control({ action: 'stop-store' });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('ERR_NO_STORE');
  });
});

describe("POST /api/control: the virtual users' connections", () => {
  it('reconnect and set-reconnect answer 202 at once and show in the state', async () => {
    const reconnect = await control({ action: 'reconnect' });
    expect(reconnect.statusCode).toBe(202);
    expect(reconnect.json()).toEqual({ accepted: { action: 'reconnect' } });
    expect((await app.inject({ url: '/api/state' })).json().reconnectEvery).toBeNull();
    expect((await control({ action: 'set-reconnect', every: 4 })).statusCode).toBe(202);
    expect((await app.inject({ url: '/api/state' })).json().reconnectEvery).toBe(4);
    expect((await control({ action: 'set-reconnect', every: null })).statusCode).toBe(202);
    expect((await app.inject({ url: '/api/state' })).json().reconnectEvery).toBeNull();
    expect(live.applying).toBeUndefined();
  });

  it('from another machine they need the x-control-token too', async () => {
    const anonymous = await control({ action: 'reconnect' }, { remoteAddress: '10.1.2.3' });
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json().code).toBe('ERR_FORBIDDEN');
    const right = await control(
      { action: 'reconnect' },
      { remoteAddress: '10.1.2.3', headers: { 'x-control-token': TOKEN } },
    );
    expect(right.statusCode).toBe(202);
  });
});

describe('POST /api/control: who may change the cluster', () => {
  it('another machine needs the x-control-token', async () => {
    const anonymous = await control({ action: 'set-traffic', rate: 0 }, { remoteAddress: '10.1.2.3' });
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json().code).toBe('ERR_FORBIDDEN');
    const wrong = await control(
      { action: 'set-traffic', rate: 0 },
      { remoteAddress: '10.1.2.3', headers: { 'x-control-token': `${TOKEN}x` } },
    );
    expect(wrong.statusCode).toBe(403);
    const right = await control(
      { action: 'set-traffic', rate: 0 },
      { remoteAddress: '10.1.2.3', headers: { 'x-control-token': TOKEN } },
    );
    expect(right.statusCode).toBe(202);
  });

  it('a loopback peer naming a foreign host (DNS rebinding) needs the token too', async () => {
    const response = await control(
      { action: 'set-traffic', rate: 0 },
      { headers: { host: 'evil.example:3000' } },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('ERR_FORBIDDEN');
  });

  it('a cross-site page cannot drive the cluster (CSRF)', async () => {
    const response = await control(
      { action: 'set-traffic', rate: 0 },
      { headers: { origin: 'http://evil.example', host: 'localhost:80' } },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('ERR_CROSS_SITE');
  });
});

describe('GET /api/events and applying controls', () => {
  it('streams state at once, ticks each second, and a state event per change; 409 while applying', async () => {
    const abort = new AbortController();
    const response = await request(`${url}/api/events`, { signal: abort.signal });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const events: { event: string; data: Record<string, unknown> }[] = [];
    let buffer = '';
    const reading = (async () => {
      for await (const chunk of response.body) {
        buffer += chunk.toString();
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          end = buffer.indexOf('\n\n');
        }
      }
    })().catch(() => undefined);
    try {
      await waitFor(async () => events.some((e) => e.event === 'tick'), {
        timeoutMs: 10_000,
        what: 'a tick',
      });
      expect(events[0]?.event).toBe('state');
      const tick = events.find((e) => e.event === 'tick')!.data as { nodes: unknown[]; window: unknown };
      expect(tick.nodes).toHaveLength(2);
      expect(tick.window).toBeDefined();

      const first = await control({ action: 'set-strategy', strategy: 'sticky' });
      expect(first.statusCode).toBe(202);
      const second = await control({ action: 'kill-node', id: 'node-1' });
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('ERR_BUSY');
      await idle();
      await waitFor(
        async () =>
          events.some((e) => e.event === 'state' && e.data.strategy === 'sticky' && e.data.applying === null),
        {
          timeoutMs: 10_000,
          what: 'a state event with the new strategy',
        },
      );
      expect(
        events.some(
          (e) =>
            e.event === 'state' &&
            (e.data.applying as { step?: string } | null)?.step === 'swapping-balancer',
        ),
      ).toBe(true);
      expect((await app.inject({ url: '/api/state' })).json().strategy).toBe('sticky');
    } finally {
      abort.abort();
      await reading;
    }
  });

  it('kill-node turns the node down and restart-node brings it back', async () => {
    expect((await control({ action: 'kill-node', id: 'node-2' })).statusCode).toBe(202);
    await idle();
    const down = (await app.inject({ url: '/api/state' })).json();
    expect(down.nodes[1]).toMatchObject({ id: 'node-2', up: false, status: 'down' });
    expect((await control({ action: 'restart-node', id: 'node-2' })).statusCode).toBe(202);
    await idle();
    await waitFor(async () => (await app.inject({ url: '/api/state' })).json().nodes[1].up === true, {
      timeoutMs: 20_000,
      what: 'node-2 up again',
    });
  });

  it('caps the number of live pages', async () => {
    const opened: AbortController[] = [];
    try {
      // Streams of the test above may take a moment to be seen closed: retry until two fit.
      await waitFor(
        async () => {
          for (const abort of opened.splice(0)) abort.abort();
          for (let i = 0; i < 2; i++) {
            const abort = new AbortController();
            opened.push(abort);
            const open = await request(`${url}/api/events`, { signal: abort.signal });
            if (open.statusCode !== 200) return false;
          }
          return true;
        },
        { timeoutMs: 10_000, intervalMs: 200, what: 'two streams open' },
      );
      const third = await request(`${url}/api/events`);
      expect(third.statusCode).toBe(503);
      expect(((await third.body.json()) as { code: string }).code).toBe('ERR_TOO_MANY_CLIENTS');
    } finally {
      for (const abort of opened) abort.abort();
    }
  });
});
