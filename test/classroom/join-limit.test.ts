import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { MAX_PER_ADDRESS } from '../../classroom/students.ts';
import { statusOf } from '../../lib/error-codes.ts';
import { freePort } from '../../lib/free-port.ts';
import { CATALOGUES } from '../../lib/i18n/index.ts';

/**
 * The per-address join bound through the real balancer (which passes /join to the console and
 * sets X-Forwarded-For to the phone's address): phones connect from two loopback source
 * addresses, 127.0.0.2 and 127.0.0.3. The console believes X-Forwarded-For only from its own
 * balancer's address (127.0.0.1), as the CLI configures it.
 */
let live: LiveCluster;
let app: ReturnType<typeof buildClassroom>;
let consoleUrl: string;

beforeAll(async () => {
  const consolePort = await freePort();
  live = await LiveCluster.start({
    setup: { mode: 'memory', strategy: 'sticky', nodes: 1 },
    balancerPort: await freePort(),
    healthInterval: '250ms',
    joinOrigin: `http://127.0.0.1:${consolePort}`,
  });
  app = buildClassroom({
    live,
    lang: 'en',
    trafficRate: 0,
    joinUrl: `${live.balancerUrl}/join`,
    trustProxy: ['127.0.0.1'],
  });
  await app.listen({ port: consolePort, host: '127.0.0.1' });
  consoleUrl = `http://127.0.0.1:${consolePort}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await live?.close();
});

/**
 * POST from a given loopback source address. node:http, not undici: undici's Agent does not pass
 * `localAddress` on to the socket (every request left from 127.0.0.1).
 */
function postFrom(from: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: Record<string, string> | null }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const sent = httpRequest(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
        timeout: 10_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) : null }),
        );
        response.on('error', reject);
      },
    );
    sent.on('timeout', () => sent.destroy(new Error(`no answer from ${url} within 10 s`)));
    sent.on('error', reject);
    sent.end(payload);
  });
}

const hello = (from: string, name: string, headers: Record<string, string> = {}) =>
  postFrom(from, `${live.balancerUrl}/join/api/hello`, { name }, headers);

describe('per-address join limit', () => {
  it(`admits ${MAX_PER_ADDRESS} students from one address, refuses the next with 429 ERR_JOIN_LIMIT; another address still joins`, async () => {
    const joined = [];
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      const answer = await hello('127.0.0.2', `phone ${i + 1}`);
      expect(answer.status).toBe(200);
      joined.push(answer.json);
    }
    const refused = await hello('127.0.0.2', 'one too many');
    expect(refused.status).toBe(statusOf('ERR_JOIN_LIMIT'));
    expect(refused.status).toBe(429);
    expect(refused.json?.code).toBe('ERR_JOIN_LIMIT');
    expect(refused.json?.message).toMatch(/at most \d+ students from one address/);
    // A forged X-Forwarded-For from a phone is replaced by the balancer: still the same address.
    const forged = await hello('127.0.0.2', 'forged', { 'x-forwarded-for': '127.0.0.9' });
    expect(forged.json?.code).toBe('ERR_JOIN_LIMIT');
    expect((await hello('127.0.0.3', 'next desk')).status).toBe(200);
    // One student leaving frees a place for that address.
    const leave = await postFrom('127.0.0.2', `${live.balancerUrl}/join/api/leave`, joined[0]);
    expect(leave.status).toBe(204);
    expect((await hello('127.0.0.2', 'back again')).status).toBe(200);
    const state = (await (await fetch(`${consoleUrl}/api/state`)).json()) as { students: { joined: number } };
    expect(state.students.joined).toBe(MAX_PER_ADDRESS + 1);
  });

  it('believes X-Forwarded-For only from the configured proxy: a phone talking to the console itself cannot pick an address', async () => {
    const direct = await postFrom(
      '127.0.0.2',
      `${consoleUrl}/join/api/hello`,
      { name: 'direct' },
      {
        'x-forwarded-for': '127.0.0.50',
      },
    );
    expect(direct.json?.code).toBe('ERR_JOIN_LIMIT');
  });

  it('the phone page and the error registry explain it in both languages', () => {
    for (const lang of ['en', 'ko'] as const) {
      expect(CATALOGUES[lang]['students.phone.addressLimit']).toMatch(/\S/);
      expect(CATALOGUES[lang]['error.joinLimit']).toMatch(/\S/);
    }
  });
});
