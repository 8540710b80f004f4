import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, redisServerPath, startRedisServer } from '../lib/redis-server.ts';
import { waitFor } from '../lib/wait-for.ts';
import { closeApps, codeOf, login, me, node, sidOf, testConfig } from './helpers/node.ts';

/**
 * REDIS_WAIT_REPLICAS: a session / token-state write is answered only once that many replicas
 * confirmed it (Redis WAIT), so it survives the primary's death; without a replica in time, 503.
 */
describe.skipIf(!redisServerPath())('REDIS_WAIT_REPLICAS (real primary + replica)', () => {
  let primary: RedisServer;
  let replica: RedisServer;
  let probe: Redis;
  let replicaProbe: Redis;

  beforeAll(async () => {
    primary = await startRedisServer();
    replica = await startRedisServer({ extraArgs: ['--replicaof', '127.0.0.1', String(primary.port)] });
    probe = new Redis(primary.url, { maxRetriesPerRequest: 1 });
    replicaProbe = new Redis(replica.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    replicaProbe.on('error', () => {});
    // In sync, not only connected: WAIT counts a replica once it acknowledges the stream.
    await waitFor(async () => /master_link_status:up/.test(await replicaProbe.info('replication')), {
      timeoutMs: 10_000,
      what: 'the replica to finish its first sync',
    });
  });
  afterAll(async () => {
    probe?.disconnect();
    replicaProbe?.disconnect();
    await Promise.all([replica?.stop(true), primary?.stop(true)]);
  });
  afterEach(closeApps);

  const config = (env: Record<string, string>) =>
    testConfig({ AUTH_MODE: 'redis', REDIS_URL: primary.url, ...env });

  it('a confirmed login is already on the replica when the node answers (WAIT 1)', async () => {
    const app = await node(config({ REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT: '400ms' }));
    const before = Number(/cmdstat_wait:calls=(\d+)/.exec(await probe.info('commandstats'))?.[1] ?? 0);
    const response = await login(app, 'alice');
    expect(response.statusCode).toBe(200);
    const id = sidOf(response).split('.')[0]!;
    // Read on the replica right away: with WAIT the write is there before the client hears back.
    expect(await replicaProbe.get(`sess:${id}`)).toContain('"user":"alice"');
    const after = Number(/cmdstat_wait:calls=(\d+)/.exec(await probe.info('commandstats'))?.[1] ?? 0);
    expect(after - before).toBe(1);
    expect((await me(app, sidOf(response))).statusCode).toBe(200);
  });

  it('with the replica gone, WAIT times out and the login is refused with 503, not acknowledged', async () => {
    const strict = await node(config({ REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT: '50ms' }));
    const relaxed = await node(config({}));
    await replica.stop(true);
    try {
      await waitFor(async () => /connected_slaves:0/.test(await probe.info('replication')), {
        timeoutMs: 10_000,
        what: 'the primary to notice the replica is gone',
      });
      const refused = await login(strict, 'bob');
      expect(refused.statusCode).toBe(503);
      expect(codeOf(refused)).toBe('ERR_STORE_UNAVAILABLE');
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.cookies.find((c) => c.name === 'sid')).toBeUndefined();
      // The node's store is fine (no breaker trip): reads still work, and without WAIT logins do.
      expect((await login(relaxed, 'carol')).statusCode).toBe(200);
    } finally {
      await replica.start();
    }
  });
});

describe('REDIS_WAIT_REPLICAS settings', () => {
  it('rejects what is not a count or a duration, and WAIT without a store', () => {
    expect(() =>
      testConfig({ AUTH_MODE: 'redis', REDIS_URL: 'redis://x:1', REDIS_WAIT_REPLICAS: 'one' }),
    ).toThrow(/REDIS_WAIT_REPLICAS: expected a non-negative integer/);
    expect(() =>
      testConfig({ AUTH_MODE: 'redis', REDIS_URL: 'redis://x:1', REDIS_WAIT_TIMEOUT: 'soon' }),
    ).toThrow(/REDIS_WAIT_TIMEOUT: expected a duration/);
    expect(() => testConfig({ AUTH_MODE: 'memory', REDIS_WAIT_REPLICAS: '1' })).toThrow(
      /REDIS_WAIT_REPLICAS: needs a Redis store/,
    );
    expect(() =>
      testConfig({ AUTH_MODE: 'redis', REDIS_URL: 'redis://x:1', REDIS_WAIT_TIMEOUT: '2s' }),
    ).toThrow(/REDIS_WAIT_TIMEOUT: must be shorter than the store command timeout \(500ms\)/);
    const config = testConfig({ AUTH_MODE: 'redis', REDIS_URL: 'redis://x:1', REDIS_WAIT_REPLICAS: '2' });
    expect(config).toMatchObject({ redisWaitReplicas: 2, redisWaitTimeoutMs: 100 });
  });
});
