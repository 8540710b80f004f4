import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../nodes/sessions/memory-store.ts';
import { fakeClock } from '../helpers/node.ts';

const stores: MemoryStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function makeStore(clock = fakeClock(), maxSessions?: number) {
  const ops: string[] = [];
  const store = new MemoryStore({
    idleMs: 60_000,
    absoluteMs: 600_000,
    now: clock.now,
    onStoreOp: (op) => ops.push(op),
    ...(maxSessions !== undefined && { maxSessions }),
  });
  stores.push(store);
  return { store, clock, ops };
}

const record = (now: number) => ({
  user: 'alice',
  createdAt: now,
  lastSeenAt: now,
  absoluteExpiresAt: now + 600_000,
});

describe('MemoryStore', () => {
  it('evicts the oldest session beyond its size bound', async () => {
    const { store, clock } = makeStore(fakeClock(), 3);
    for (const id of ['a', 'b', 'c', 'd']) await store.create(id, record(clock.now()));
    expect(await store.count()).toBe(3);
    expect((await store.get('a', clock.now())).status).toBe('unknown');
    expect((await store.get('d', clock.now())).status).toBe('ok');
  });

  it('prune drops expired sessions only', async () => {
    const { store, clock } = makeStore();
    await store.create('old', record(clock.now()));
    clock.advance(50_000);
    await store.create('new', record(clock.now()));
    clock.advance(20_000);
    expect(store.prune()).toBe(1);
    expect(await store.count()).toBe(1);
    expect((await store.get('new', clock.now())).status).toBe('ok');
  });

  it('reports idle vs absolute expiry and counts store operations', async () => {
    const { store, clock, ops } = makeStore();
    await store.create('s', record(clock.now()));
    clock.advance(60_000);
    expect(await store.get('s', clock.now())).toEqual({ status: 'expired', reason: 'idle' });
    expect(ops).toEqual(['create', 'get']);
  });
});
