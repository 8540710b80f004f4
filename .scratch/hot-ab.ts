import { startRedisServer } from '../lib/redis-server.ts';
import { createRedisClient } from '../nodes/redis-client.ts';
import { StoreGuard } from '../nodes/store-guard.ts';
import { RedisStore } from '../nodes/sessions/redis-store.ts';
import { createNodeMetrics } from '../nodes/metrics.ts';
// @ts-ignore
import { StoreGuard as OldGuard } from '/tmp/peers-before/nodes/store-guard.ts';
// @ts-ignore
import { RedisStore as OldStore } from '/tmp/peers-before/nodes/sessions/redis-store.ts';
// @ts-ignore
import { createNodeMetrics as oldMetrics } from '/tmp/peers-before/nodes/metrics.ts';

const server = await startRedisServer();
const client = createRedisClient({ redisUrl: server.url });
await new Promise((r) => setTimeout(r, 300));
const opts = { idleMs: 1800_000, absoluteMs: 8 * 3600_000, onStoreOp: () => {} };
const store = new RedisStore({ redis: client, guard: new StoreGuard(client), ...opts });
const old = new OldStore({ redis: client, guard: new OldGuard(client), ...opts });
const now = Date.now();
await store.create('abc', { user: 'alice', createdAt: now, lastSeenAt: now, absoluteExpiresAt: now + 3600_000 });
const mNew = createNodeMetrics(async () => 0), mOld = oldMetrics(async () => 0);
const variants: Record<string, { fn: () => unknown; conc: number; n: number }> = {
  'store.get OLD conc1': { fn: () => old.get('abc', Date.now()), conc: 1, n: 4000 },
  'store.get NEW conc1': { fn: () => store.get('abc', Date.now()), conc: 1, n: 4000 },
  'store.get OLD conc16': { fn: () => old.get('abc', Date.now()), conc: 16, n: 20000 },
  'store.get NEW conc16': { fn: () => store.get('abc', Date.now()), conc: 16, n: 20000 },
  'metrics OLD (req+op)': { fn: () => { mOld.countRequest('/api/me', 200); mOld.countStoreOp('get'); }, conc: 1, n: 300000 },
  'metrics NEW (req+op)': { fn: () => { mNew.countRequest('/api/me', 200); mNew.countStoreOp('get'); }, conc: 1, n: 300000 },
};
async function measure({ fn, conc, n }: { fn: () => unknown; conc: number; n: number }): Promise<number> {
  let left = n;
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: conc }, async () => { while (left-- > 0) await fn(); }));
  const u = process.cpuUsage(before);
  return (u.user + u.system) / n;
}
const results: Record<string, number[]> = {};
for (const v of Object.values(variants)) await measure(v);
for (let r = 0; r < 7; r++) for (const [name, v] of Object.entries(variants)) (results[name] ??= []).push(await measure(v));
for (const [name, v] of Object.entries(results)) { const s = [...v].sort((a, b) => a - b); console.log(name.padEnd(26), s[s.length >> 1]!.toFixed(2), `(${s[0]!.toFixed(2)}–${s.at(-1)!.toFixed(2)})`); }
client.disconnect();
await server.stop(true);
