import { Redis } from 'ioredis';
import type { Dispatcher } from 'undici';
import { send } from '../client/http.ts';

/** The node's POST /__admin/seed-sessions takes at most this many per request. */
const SEED_CHUNK = 10_000;
/** A busy machine can make the node's store calls time out (503): a chunk is tried again. */
const SEED_ATTEMPTS = 4;

/** A node's capacity probes (nodes/routes/admin-capacity.ts), behind the admin token. */
export class NodeProbe {
  private readonly nodeUrl: string;
  private readonly adminToken: string;
  private readonly agent: Dispatcher;

  constructor(nodeUrl: string, adminToken: string, agent: Dispatcher) {
    this.nodeUrl = nodeUrl;
    this.adminToken = adminToken;
    this.agent = agent;
  }

  private async post(path: string, json?: unknown): Promise<Record<string, unknown>> {
    const reply = await send(this.nodeUrl, this.agent, {
      method: 'POST',
      path,
      headers: { 'x-admin-token': this.adminToken },
      ...(json !== undefined && { json }),
      timeoutMs: 120_000,
    });
    if (reply.status !== 200 || !reply.body) {
      throw new Error(`${path} answered ${reply.status} ${reply.code ?? reply.error ?? ''}`.trim());
    }
    return reply.body;
  }

  private async seedChunk(count: number): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return Number((await this.post('/__admin/seed-sessions', { count })).seeded);
      } catch (error) {
        if (attempt >= SEED_ATTEMPTS || !String(error).includes(' 503 ')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  /** V8 heap holding data (compiled code left out) right after a full GC, bytes. */
  async heapBytes(): Promise<number> {
    return Number((await this.post('/__admin/heap')).dataHeapBytes);
  }

  /** The whole heap reading by V8 space (for investigating what grows). */
  async heapSpaces(): Promise<Record<string, number>> {
    return (await this.post('/__admin/heap')).spaces as Record<string, number>;
  }

  /** Stores `count` more logins through the node's own store API; returns how many it stored. */
  async seed(count: number): Promise<number> {
    let stored = 0;
    for (let left = count; left > 0; left -= SEED_CHUNK) {
      stored += await this.seedChunk(Math.min(left, SEED_CHUNK));
    }
    return stored;
  }
}

/** Parses `used_memory:<bytes>` out of `INFO memory`. */
export function parseUsedMemory(info: string): number {
  const match = /^used_memory:(\d+)\s*$/m.exec(info);
  if (!match) throw new Error('INFO memory has no used_memory line');
  return Number(match[1]);
}

/** Redis `used_memory` (the allocator's view of the data set), read over its own connection. */
export class RedisMemoryProbe {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    this.redis.on('error', () => {});
  }

  /** Keys in the (private) server: every one is a session or a refresh family of the run. */
  async keyCount(): Promise<number> {
    return this.redis.dbsize();
  }

  async usedMemory(): Promise<number> {
    return parseUsedMemory(await this.redis.info('memory'));
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
