import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBalancerConfig } from '../../balancer/config.ts';
import { matchPathRoute, parsePathRoutes } from '../../balancer/path-routes.ts';
import { ConfigError } from '../../lib/errors.ts';
import {
  type RunningBalancer,
  send,
  startBalancer,
  startUpstream,
  startUpstreams,
  type Upstream,
} from '../helpers/balancer.ts';

/**
 * PATH_ROUTES: a prefix served by another origin on the balancer's own origin (the classroom's
 * /join page), outside the balancing: no turn in the rotation, no target counts, no fallback.
 */
describe('parsePathRoutes', () => {
  it('reads prefix=origin items', () => {
    expect(parsePathRoutes('/join=http://127.0.0.1:3000, /x=http://10.0.0.1:80/')).toEqual([
      { prefix: '/join', origin: 'http://127.0.0.1:3000' },
      { prefix: '/x', origin: 'http://10.0.0.1' },
    ]);
    expect(parsePathRoutes('')).toEqual([]);
  });

  it.each([
    ['join=http://127.0.0.1:3000', 'prefix'],
    ['/a/b=http://127.0.0.1:3000', 'prefix'],
    ['/join=ftp://127.0.0.1', 'bare http origin'],
    ['/join=http://127.0.0.1:3000/page', 'bare http origin'],
    ['/join=nothing', 'http origin'],
    ['/__lb=http://127.0.0.1:1', 'prefix'],
    ['/j=http://127.0.0.1:1,/j=http://127.0.0.1:2', 'twice'],
  ])('refuses %s, naming PATH_ROUTES', (text, words) => {
    expect(() => parseBalancerConfig({ TARGETS: 'http://127.0.0.1:1', PATH_ROUTES: text })).toThrow(
      ConfigError,
    );
    expect(() => parsePathRoutes(text)).toThrow(words);
  });

  it('matches the prefix itself and paths under it, never a lookalike or an escape', () => {
    const routes = parsePathRoutes('/join=http://127.0.0.1:3000');
    for (const url of ['/join', '/join/', '/join?x=1', '/join/page/join.js']) {
      expect(matchPathRoute(routes, url)).toBeDefined();
    }
    for (const url of ['/joinx', '/jo', '/join/../api/control', '/join/%2e%2e/api', '/JOIN', '/api/me']) {
      expect(matchPathRoute(routes, url)).toBeUndefined();
    }
  });
});

describe('a balancer with PATH_ROUTES', () => {
  let nodes: Upstream[];
  let side: Upstream;
  let lb: RunningBalancer;

  beforeAll(async () => {
    nodes = await startUpstreams(2);
    side = await startUpstream('console');
    lb = await startBalancer({
      targets: nodes.map((n) => n.url),
      pathRoutes: parsePathRoutes(`/join=${side.url}`),
    });
  });

  afterAll(async () => {
    await lb?.close();
    await Promise.all([...(nodes ?? []), side].map((u) => u?.kill()));
  });

  it('sends /join to its origin and leaves the round-robin rotation and the target counts alone', async () => {
    const before = lb.balancer.stats();
    const served: string[] = [];
    for (let i = 0; i < 4; i++) {
      served.push(String((await send(`${lb.url}/api/me`)).headers['x-node-id']));
      expect((await send(`${lb.url}/join/api/hello`)).headers['x-node-id']).toBe('console');
    }
    // Strict alternation: the /join requests in between took no turn.
    expect(served[0]).not.toBe(served[1]);
    expect(served[2]).toBe(served[0]);
    expect(served[3]).toBe(served[1]);
    const after = lb.balancer.stats();
    expect(after.requests - before.requests).toBe(4);
    const targetRequests = (s: typeof after) => s.targets.reduce((sum, t) => sum + t.requests, 0);
    expect(targetRequests(after) - targetRequests(before)).toBe(4);
    expect(side.requests()).toBe(4);
  });

  it('sends an escaping path to the nodes, not to the side origin', async () => {
    const reply = await send(`${lb.url}/join/../api/me`);
    expect(reply.headers['x-node-id']).toMatch(/^node-/);
  });

  it('answers 502 when the side origin is gone, never falling back to a node', async () => {
    await side.kill();
    const reply = await send(`${lb.url}/join`);
    expect(reply.status).toBe(502);
    expect(reply.headers['x-node-id']).toBeUndefined();
  });
});
