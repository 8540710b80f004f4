import { afterEach, describe, expect, it } from 'vitest';
import { SLOW_READER_BYTES } from '../../balancer/events.ts';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';
import {
  type RawClient,
  type RunningBalancer,
  rawClient,
  startBalancer,
  startUpstreams,
  type Upstream,
} from '../helpers/balancer.ts';

/** `/__lb/events` is bounded: a client cap, and slow readers skip ticks instead of piling them up. */
let upstreams: Upstream[] = [];
let lb: RunningBalancer | undefined;
const raws: RawClient[] = [];

afterEach(async () => {
  for (const raw of raws.splice(0)) raw.socket.destroy();
  await lb?.close();
  lb = undefined;
  await Promise.all(upstreams.map((u) => u.kill()));
});

async function events(): Promise<RawClient> {
  const client = await rawClient(lb!.port, 'GET /__lb/events HTTP/1.1\r\nHost: t\r\n\r\n');
  raws.push(client);
  return client;
}

describe('/__lb/events limits', () => {
  it('answers 503 ERR_TOO_MANY_EVENT_CLIENTS beyond the cap and frees slots on disconnect', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url], maxEventClients: 2 });
    const [a] = [await events(), await events()];
    await waitFor(() => lb!.balancer.stats().eventClients === 2, { what: 'two streams' });
    const third = await events();
    // The whole answer (the connection itself stays open: keep-alive).
    await waitFor(() => third.received().includes('"code":"ERR_TOO_MANY_EVENT_CLIENTS"'), { what: '503' });
    expect(third.status()).toBe(503);
    expect(third.json()).toMatchObject({ code: 'ERR_TOO_MANY_EVENT_CLIENTS' });
    a!.socket.destroy();
    await waitFor(() => lb!.balancer.stats().eventClients === 1, { what: 'slot freed' });
    const again = await events();
    await waitFor(() => again.received().includes('event: tick'), { what: 'stream opened again' });
  });

  it('skips ticks for a reader that does not read, keeps serving others, then drops it', async () => {
    upstreams = await startUpstreams(1);
    // Many targets make each tick ~10 KB, so a non-reading client fills its socket buffers fast.
    const extra = await Promise.all(Array.from({ length: 40 }, () => freePort()));
    lb = await startBalancer(
      {
        targets: [upstreams[0]!.url, ...extra.map((p) => `http://127.0.0.1:${p}`)],
        healthIntervalMs: 60_000,
      },
      { tickMs: 5 },
    );
    const stalled = await events();
    stalled.socket.pause();
    const reader = await events();
    await waitFor(() => lb!.balancer.stats().eventDrops > 0, { timeoutMs: 30_000, what: 'ticks dropped' });
    const ticksAtFirstDrop = reader.received().split('event: tick').length;
    const stats = lb.balancer.stats();
    // Bounded: the balancer never holds more than the limit plus one event for the stalled reader.
    expect(stats.eventBufferedBytes).toBeLessThan(SLOW_READER_BYTES + 64 * 1024);
    await waitFor(() => reader.received().split('event: tick').length > ticksAtFirstDrop + 10, {
      what: 'the reading client still gets ticks',
    });
    // Still not reading: disconnected after SLOW_READER_MAX_DROPS skipped events.
    await waitFor(() => lb!.balancer.stats().eventClients === 1, {
      timeoutMs: 10_000,
      what: 'stalled reader dropped',
    });
  });
});
