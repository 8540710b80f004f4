import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { limitAddress } from '../../nodes/login/limits.ts';
import { MemoryLoginLimiter } from '../../nodes/login/memory-limiter.ts';
import { closeApps, codeOf, login, node, testConfig } from '../helpers/node.ts';
import { useRedisServer } from '../helpers/redis.ts';

const redis = useRedisServer();
let probe: Redis;
beforeAll(() => {
  probe = new Redis(redis().url, { maxRetriesPerRequest: 1 });
  probe.on('error', () => {});
});
afterAll(() => probe.disconnect());
afterEach(closeApps);

/** A client whose TCP connections come from `address` (127.0.0.2, 127.0.0.3: other loopback hosts). */
function clientFrom(address: string) {
  const agent = new Agent({ localAddress: address });
  return {
    async login(base: string, username: string, password = 'wrong'): Promise<number> {
      const response = await request(`${base}/auth/login`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      await response.body.dump();
      return response.statusCode;
    },
    close: () => agent.close(),
  };
}

async function listening(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

const via = (forwardedFor: string) => ({ 'x-forwarded-for': forwardedFor });

describe('login limits per username + address and per address', () => {
  it('70 wrong logins for alice from one address do not lock alice out from another (real sockets)', async () => {
    const app = await node(testConfig({ LOGIN_RATE_LIMIT: '20' }));
    const base = await listening(app);
    const attacker = clientFrom('127.0.0.2');
    const victim = clientFrom('127.0.0.3');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 70; i++) statuses.push(await attacker.login(base, 'alice'));
      expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
      expect(await victim.login(base, 'alice', 'alice-pw')).toBe(200);
      // The attacker's own bucket is still closed, also for the right password.
      expect(await attacker.login(base, 'alice', 'alice-pw')).toBe(429);
    } finally {
      await Promise.all([attacker.close(), victim.close()]);
    }
  });

  it('one address is capped across usernames (LOGIN_ADDRESS_RATE_LIMIT); other addresses are not', async () => {
    const app = await node(testConfig({ LOGIN_RATE_LIMIT: '20', LOGIN_ADDRESS_RATE_LIMIT: '10' }));
    const base = await listening(app);
    const sprayer = clientFrom('127.0.0.2');
    const other = clientFrom('127.0.0.3');
    try {
      for (let i = 1; i <= 10; i++)
        expect(await sprayer.login(base, `user${String(i).padStart(4, '0')}`)).toBe(401);
      expect(await sprayer.login(base, 'user0011')).toBe(429);
      expect(await sprayer.login(base, 'bob', 'bob-pw')).toBe(429);
      expect(await other.login(base, 'bob', 'bob-pw')).toBe(200);
    } finally {
      await Promise.all([sprayer.close(), other.close()]);
    }
  });

  it('429 ERR_RATE_LIMITED carries Retry-After and costs no hash', async () => {
    const app = await node(testConfig({ LOGIN_RATE_LIMIT: '2' }));
    await login(app, 'alice', 'x');
    await login(app, 'alice', 'x');
    const limited = await login(app, 'alice', 'alice-pw');
    expect(limited.statusCode).toBe(429);
    expect(codeOf(limited)).toBe('ERR_RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});

describe('TRUST_PROXY decides whose X-Forwarded-For counts', () => {
  it('behind a trusted balancer the limit follows the real client, not the balancer', async () => {
    const app = await node(testConfig({ LOGIN_RATE_LIMIT: '20', TRUST_PROXY: '127.0.0.1' }));
    for (let i = 0; i < 70; i++) await login(app, 'alice', 'wrong', via('203.0.113.7'));
    expect((await login(app, 'alice', 'wrong', via('203.0.113.7'))).statusCode).toBe(429);
    expect((await login(app, 'alice', 'alice-pw', via('198.51.100.9'))).statusCode).toBe(200);
  });

  it('forged X-Forwarded-For from an untrusted peer is ignored (no fresh bucket per header)', async () => {
    const app = await node(testConfig({ LOGIN_RATE_LIMIT: '3', TRUST_PROXY: '10.0.0.0/8' }));
    const from = (remoteAddress: string, forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress,
        headers: via(forwardedFor),
        payload: { username: 'alice', password: 'wrong' },
      });
    // 192.0.2.1 is not a trusted proxy: its X-Forwarded-For is ignored and every try is its own.
    for (let i = 0; i < 3; i++) expect((await from('192.0.2.1', `198.51.100.${i}`)).statusCode).toBe(401);
    expect((await from('192.0.2.1', '198.51.100.200')).statusCode).toBe(429);
    // 10.1.2.3 is trusted: the client it names gets its own bucket.
    expect((await from('10.1.2.3', '198.51.100.200')).statusCode).toBe(401);
    // IPv6 proxies and clients work the same way.
    const v6 = await node(testConfig({ LOGIN_RATE_LIMIT: '1', TRUST_PROXY: '::1' }));
    const v6login = (forwardedFor: string) =>
      v6.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress: '::1',
        headers: via(forwardedFor),
        payload: { username: 'alice', password: 'wrong' },
      });
    expect((await v6login('2001:db8:1:2::10')).statusCode).toBe(401);
    expect((await v6login('2001:db8:1:2::99')).statusCode).toBe(429); // same /64
    expect((await v6login('2001:db8:1:3::10')).statusCode).toBe(401);
  });
});

describe('limits shared through Redis', () => {
  it('all nodes of a cluster count together; counters expire with their window', async () => {
    await probe.flushall();
    const env = { AUTH_MODE: 'redis', REDIS_URL: redis().url, LOGIN_RATE_LIMIT: '4' };
    const [a, b] = [await node(testConfig(env)), await node(testConfig(env))];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(i % 2 ? b : a, 'alice', 'wrong')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const keys = await probe.keys('rl:login:*');
    expect(keys).toHaveLength(2); // one per user+address, one per address
    for (const key of keys) {
      const ttl = await probe.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
  });
});

describe('limit helpers', () => {
  it('counts IPv4-mapped IPv6 as IPv4 and IPv6 by its /64', () => {
    expect(limitAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(limitAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(limitAddress('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(limitAddress('2001:0db8::1')).toBe('2001:db8:0:0::/64');
    expect(limitAddress('::1')).toBe('0:0:0:0::/64');
  });

  it('the in-memory limiter stays bounded', async () => {
    let now = 0;
    const limiter = new MemoryLoginLimiter({ perUser: 5, perAddress: 0, windowMs: 1000 }, () => now, 10);
    for (let i = 0; i < 100; i++) await limiter.hit(`192.0.2.${i}`, 'alice');
    expect(limiter.size).toBeLessThanOrEqual(10);
    now += 1001;
    expect((await limiter.hit('192.0.2.99', 'alice')).allowed).toBe(true);
    expect(limiter.size).toBeLessThanOrEqual(10);
  });
});
