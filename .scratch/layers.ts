import { Redis } from 'ioredis';
import { startRedisServer } from '../lib/redis-server.ts';
import { createRedisClient } from '../nodes/redis-client.ts';
import { StoreGuard } from '../nodes/store-guard.ts';
import { BatchedGet } from '../nodes/sessions/batched-get.ts';
import { RedisStore } from '../nodes/sessions/redis-store.ts';

const server = await startRedisServer();
const plain = new Redis(server.url);
const nodeClient = createRedisClient({ redisUrl: server.url });
const noTimeout = new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000 });
const auto = new Redis(server.url, { enableAutoPipelining: true });
await new Promise((r) => setTimeout(r, 300));
const guard = new StoreGuard(nodeClient, { onStoreOp: () => {} });
const reader = new BatchedGet(nodeClient);
const readerNoTimeout = new BatchedGet(noTimeout);
class CorkFirst {
  private corked: import('node:net').Socket | undefined;
  constructor(private readonly redis: Redis) {}
  get(key: string): Promise<string | null> {
    if (this.corked === undefined && this.redis.status === 'ready') {
      const stream = this.redis.stream as import('node:net').Socket;
      stream.cork();
      this.corked = stream;
      setImmediate(() => { this.corked = undefined; stream.uncork(); });
    }
    return this.redis.get(key);
  }
}
const cork = new CorkFirst(nodeClient);
const corkNoTimeout = new CorkFirst(noTimeout);
const store = new RedisStore({ redis: nodeClient, guard, idleMs: 1800_000, absoluteMs: 8 * 3600_000, onStoreOp: () => {} });
const now = Date.now();
await store.create('abc', { user: 'alice', createdAt: now, lastSeenAt: now, absoluteExpiresAt: now + 3600_000 });
const key = 'sess:abc';
const variants: Record<string, () => Promise<unknown>> = {
  'ioredis defaults GET': () => plain.get(key),
  'autopipelining GET': () => auto.get(key),
  'node client GET (commandTimeout)': () => nodeClient.get(key),
  'node opts, no commandTimeout GET': () => noTimeout.get(key),
  'BatchedGet (node client)': () => reader.get(key),
  'BatchedGet (no timeout)': () => readerNoTimeout.get(key),
  'CorkFirst (node client)': () => cork.get(key),
  'CorkFirst (no timeout)': () => corkNoTimeout.get(key),
  'guard.run(BatchedGet)': () => guard.run(() => reader.get(key)),
  'RedisStore.get': () => store.get('abc', Date.now()),
};
const CONC = Number(process.env.CONC ?? 16), N = Number(process.env.N ?? 20000);
async function measure(fn: () => Promise<unknown>): Promise<number> {
  let left = N;
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: CONC }, async () => { while (left-- > 0) await fn(); }));
  const u = process.cpuUsage(before);
  return (u.user + u.system) / N;
}
const results: Record<string, number[]> = {};
for (const [name, fn] of Object.entries(variants)) await measure(fn);
for (let r = 0; r < Number(process.env.ROUNDS ?? 5); r++)
  for (const [name, fn] of Object.entries(variants)) (results[name] ??= []).push(await measure(fn));
for (const [name, v] of Object.entries(results)) { const s = [...v].sort((a, b) => a - b); console.log(name.padEnd(36), s[s.length >> 1]!.toFixed(2), `(${s[0]!.toFixed(2)}–${s.at(-1)!.toFixed(2)})`); }
for (const c of [plain, nodeClient, noTimeout, auto]) c.disconnect();
await server.stop(true);
