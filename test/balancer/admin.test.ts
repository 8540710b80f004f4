import { type IncomingMessage, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../lib/wait-for.ts';
import {
  type RunningBalancer,
  send,
  startBalancer,
  startUpstreams,
  type Upstream,
} from '../helpers/balancer.ts';

let upstreams: Upstream[] = [];
let lb: RunningBalancer | undefined;

afterEach(async () => {
  await lb?.close();
  lb = undefined;
  await Promise.all(upstreams.map((u) => u.kill()));
});

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Opens /__lb/events and collects parsed events. */
function openEvents(url: string) {
  const events: SseEvent[] = [];
  let response: IncomingMessage | undefined;
  let buffer = '';
  const req = request(`${url}/__lb/events`, { agent: false }, (res) => {
    response = res;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
        end = buffer.indexOf('\n\n');
      }
    });
    res.on('error', () => {});
  });
  req.on('error', () => {});
  req.end();
  return { events, response: () => response, close: () => req.destroy() };
}

describe('balancer admin routes', () => {
  it('GET /__lb/stats reports strategy and per-target counters', async () => {
    upstreams = await startUpstreams(2);
    lb = await startBalancer({ targets: upstreams.map((u) => u.url), strategy: 'sticky' });
    for (let i = 0; i < 4; i++) await send(`${lb.url}/`);
    await send(`${lb.url}/status/404`);
    const reply = await send(`${lb.url}/__lb/stats`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    const stats = reply.json<{
      strategy: string;
      requests: number;
      targets: Array<Record<string, unknown> & { statusClasses: Record<string, number> }>;
    }>();
    expect(stats.strategy).toBe('sticky');
    expect(stats.requests).toBe(5);
    expect(stats.targets).toHaveLength(2);
    for (const [i, t] of stats.targets.entries()) {
      expect(t).toMatchObject({
        url: upstreams[i]!.url,
        nodeId: upstreams[i]!.id,
        up: true,
        errors: 0,
        ejections: 0,
      });
    }
    const total = (k: string) => stats.targets.reduce((n, t) => n + (t.statusClasses[k] ?? 0), 0);
    expect(stats.targets.reduce((n, t) => n + Number(t.requests), 0)).toBe(5);
    expect([total('2xx'), total('3xx'), total('4xx'), total('5xx')]).toEqual([4, 0, 1, 0]);
    // Admin routes are not proxied and are GET only.
    expect((await send(`${lb.url}/__lb/nope`)).status).toBe(404);
    expect((await send(`${lb.url}/__lb/stats`, { method: 'POST' })).status).toBe(405);
  });

  it('GET /__lb/events streams ticks and health changes and forgets closed clients', async () => {
    upstreams = await startUpstreams(2);
    lb = await startBalancer(
      { targets: upstreams.map((u) => u.url), healthIntervalMs: 150 },
      { tickMs: 200 },
    );
    const stream = openEvents(lb.url);
    try {
      await waitFor(() => stream.events.some((e) => e.event === 'tick'), { what: 'first tick' });
      const res = stream.response()!;
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(res.headers['cache-control']).toContain('no-cache');
      expect(lb.balancer.stats().eventClients).toBe(1);
      for (let i = 0; i < 6; i++) await send(`${lb.url}/`);
      const tick = await waitFor(
        () =>
          stream.events.find(
            (e) =>
              e.event === 'tick' &&
              (e.data.targets as Array<{ requests: number }>).every((t) => t.requests === 3),
          ),
        { what: 'tick with counts' },
      );
      expect(tick.data).toMatchObject({
        strategy: 'round-robin',
        requests: 6,
        noHealthyUpstream: 0,
        retries: 0,
      });
      expect((tick.data.targets as Array<Record<string, unknown>>)[1]).toMatchObject({
        url: upstreams[1]!.url,
        nodeId: 'node-2',
        up: true,
        requests: 3,
        statusClasses: { '1xx': 0, '2xx': 3, '3xx': 0, '4xx': 0, '5xx': 0 },
      });
      await upstreams[1]!.kill();
      const down = await waitFor(() => stream.events.find((e) => e.event === 'health'), {
        what: 'health event',
      });
      expect(down.data).toMatchObject({ url: upstreams[1]!.url, up: false, nodeId: 'node-2' });
      await upstreams[1]!.revive();
      await waitFor(() => stream.events.find((e) => e.event === 'health' && e.data.up === true), {
        what: 'health up event',
      });
    } finally {
      stream.close();
    }
    await waitFor(() => lb!.balancer.stats().eventClients === 0, { what: 'SSE client removed' });
  });
});
