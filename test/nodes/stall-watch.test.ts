import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../lib/redis-server.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { STALL_CHECK_INTERVAL_MS, watchForStalls } from '../../nodes/stall-watch.ts';

/** The node's command timeout without a timer per command: a SIGSTOPped redis-server stalls. */
let redis: RedisServer;
let client: Redis;
beforeAll(async () => {
  redis = await startRedisServer();
  client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  await waitFor(() => client.status === 'ready', { what: 'client ready' });
});
afterAll(async () => {
  redis.resume();
  client.disconnect();
  await redis.stop(true);
});

describe('stall watch', () => {
  it('rejects every waiting command once the head has waited the timeout, then lets the connection go on', async () => {
    const stalls: Error[] = [];
    const stop = watchForStalls(client, 300, (error) => stalls.push(error));
    try {
      await client.set('k', 'v');
      redis.pause();
      const started = performance.now();
      const results = await Promise.allSettled([client.get('k'), client.get('k'), client.exists('k')]);
      const waited = performance.now() - started;
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect((results[0] as PromiseRejectedResult).reason.message).toBe('Command timed out');
      // Never before the timeout (a scheduling delay on a busy machine can only make it later).
      expect(waited).toBeGreaterThanOrEqual(300 - STALL_CHECK_INTERVAL_MS);
      expect(stalls).toHaveLength(1);
      redis.resume();
      // The same connection answers again, in order: late replies to the rejected commands settle nothing.
      await waitFor(async () => (await client.get('k')) === 'v', { what: 'reply after resume' });
      expect(client.status).toBe('ready');
    } finally {
      stop();
      redis.resume();
    }
  });

  it('a reply that arrived while the process was busy is not a stall (starved node, live store)', async () => {
    const stalls: Error[] = [];
    const stop = watchForStalls(client, 300, (error) => stalls.push(error));
    try {
      await client.set('k', 'v');
      // The watch sees the command waiting at the head (the store is paused for a moment)…
      redis.pause();
      const reply = client.get('k');
      await new Promise((resolve) => setTimeout(resolve, 2 * STALL_CHECK_INTERVAL_MS));
      // …then the store answers while this process is busy well past the timeout: the reply is
      // in the socket, but the watch's timer is due before the socket is read.
      redis.resume();
      const until = performance.now() + 1500; // Redis answers long before, even on a loaded machine
      while (performance.now() < until) {
        /* busy: a starved node */
      }
      await expect(reply).resolves.toBe('v');
      expect(stalls).toEqual([]);
    } finally {
      stop();
    }
  });

  it('says nothing while commands are answered', async () => {
    const stalls: Error[] = [];
    const stop = watchForStalls(client, 300, (error) => stalls.push(error));
    try {
      const until = performance.now() + 800;
      while (performance.now() < until) await client.get('k');
      expect(stalls).toEqual([]);
    } finally {
      stop();
    }
  });
});
