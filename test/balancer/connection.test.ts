import { Agent } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBalancerConfig, STRATEGY_NAMES } from '../../balancer/config.ts';
import {
  type RunningBalancer,
  send,
  startBalancer,
  startUpstreams,
  type Upstream,
} from '../helpers/balancer.ts';

/**
 * STRATEGY=connection: one target per client TCP connection, like an L4 balancer or a Kubernetes
 * Service. Keep-alive clients stay on one node; new connections rotate.
 */
let upstreams: Upstream[] = [];
let lb: RunningBalancer | undefined;
const agents: Agent[] = [];

beforeEach(async () => {
  upstreams = await startUpstreams(3);
  // Long interval: only traffic (passive ejection) changes target state in these tests.
  lb = await startBalancer({
    targets: upstreams.map((u) => u.url),
    strategy: 'connection',
    healthIntervalMs: 60_000,
  });
});

afterEach(async () => {
  for (const agent of agents.splice(0)) agent.destroy();
  await lb?.close();
  lb = undefined;
  await Promise.all(upstreams.map((u) => u.kill()));
});

/** One keep-alive connection: maxSockets 1 and sequential requests reuse the same socket. */
function oneConnection(): Agent {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(agent);
  return agent;
}

async function nodeOf(path: string, agent: Agent | false): Promise<string> {
  const reply = await send(`${lb!.url}${path}`, { agent });
  expect(reply.status).toBe(200);
  return String(reply.headers['x-node-id']);
}

describe('STRATEGY=connection', () => {
  it('is one of the exported strategy names and parses from env', () => {
    expect(STRATEGY_NAMES).toContain('connection');
    expect(parseBalancerConfig({ TARGETS: 'http://x:1', STRATEGY: 'connection' }).strategy).toBe(
      'connection',
    );
  });

  it('sends every request of one keep-alive connection to one node', async () => {
    const agent = oneConnection();
    const nodes = new Set<string>();
    for (let i = 0; i < 12; i++) nodes.add(await nodeOf(`/api/me?i=${i}`, agent));
    expect(nodes.size).toBe(1);
    // Only one connection was ever opened to the balancer.
    expect(upstreams.reduce((n, u) => n + u.requests(), 0)).toBe(12);
    expect(lb!.balancer.stats().strategy).toBe('connection');
  });

  it('gives each new connection the next node in rotation', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) seen.push(await nodeOf('/', false));
    expect(new Set(seen.slice(0, 3)).size).toBe(3);
    expect(seen.slice(3)).toEqual(seen.slice(0, 3));
    // Two keep-alive clients opened one after the other land on different nodes and stay there.
    const [a, b] = [oneConnection(), oneConnection()];
    const nodeA = await nodeOf('/', a);
    const nodeB = await nodeOf('/', b);
    expect(nodeA).not.toBe(nodeB);
    for (let i = 0; i < 4; i++) {
      expect(await nodeOf('/', a)).toBe(nodeA);
      expect(await nodeOf('/', b)).toBe(nodeB);
    }
  });

  it("moves a connection's next request elsewhere when its node dies, then stays there", async () => {
    const agent = oneConnection();
    const pinned = await nodeOf('/', agent);
    await upstreams.find((u) => u.id === pinned)!.kill();
    // Same client connection: the dead node refuses, the GET is retried on the next node.
    const moved = await nodeOf('/', agent);
    expect(moved).not.toBe(pinned);
    for (let i = 0; i < 5; i++) expect(await nodeOf('/', agent)).toBe(moved);
    const stats = lb!.balancer.stats();
    expect(stats.targets.find((t) => t.nodeId === pinned)).toMatchObject({ up: false, ejections: 1 });
  });
});
