import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { capacityView } from '../../classroom/capacity-view.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { freePort } from '../../lib/free-port.ts';
import { redisServerPath } from '../../lib/redis-server.ts';
import { createAgent, VirtualUser } from '../../scenarios/client/http.ts';

/**
 * Lesson step 13: GET /api/capacity measures what a session costs in Redis (its own MEMORY
 * USAGE of the session keys) on a real redis-mode cluster, without counting its own commands as
 * the app's store operations.
 */
const hasRedis = redisServerPath() !== undefined;

describe.skipIf(!hasRedis)('GET /api/capacity under redis', () => {
  let live: LiveCluster;
  let app: ReturnType<typeof buildClassroom>;
  const agent = createAgent(4);

  beforeAll(async () => {
    live = await LiveCluster.start({
      setup: { mode: 'redis', strategy: 'round-robin', nodes: 2 },
      balancerPort: await freePort(),
      healthInterval: '250ms',
      redisUrl: '',
    });
    app = buildClassroom({ live, lang: 'en', trafficRate: 0 });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await agent.close();
    await app?.close();
    await live?.close();
  });

  it('counts the session keys and reports their median size, measured', async () => {
    for (let i = 1; i <= 6; i++) {
      const login = await new VirtualUser(`user${String(8000 + i)}`, live.balancerUrl, agent).login();
      expect(login.status).toBe(200);
    }
    const before = await live.cluster.redisCommandCount();
    const view = (await app.inject({ url: '/api/capacity' })).json();
    for (let i = 0; i < 19; i++) await app.inject({ url: '/api/capacity' });
    const after = await live.cluster.redisCommandCount();
    expect(view).toMatchObject({ mode: 'redis', where: 'redis', sessions: 6, measured: true });
    expect(view.bytesPerSession).toBeGreaterThan(50);
    expect(view.bytesPerSession).toBeLessThan(4096);
    expect(view.perMillionBytes).toBe(view.bytesPerSession * 1_000_000);
    // Our SCAN and MEMORY USAGE (20 × 7 commands) are not the app's work. The nodes' own
    // commands meanwhile (a SCAN per /metrics scrape, each node each second) are.
    expect(after - before).toBeLessThan(20);
  }, 60_000);
});

describe('capacityView in the other modes', () => {
  const live = (mode: string) => ({ setup: { mode }, storeUp: false }) as unknown as LiveCluster;
  it('says 0 B by design for stateless JWT and "not measured" where it cannot measure live', async () => {
    expect(await capacityView(live('jwt'))).toMatchObject({
      where: 'none',
      bytesPerSession: 0,
      measured: false,
    });
    expect(await capacityView(live('memory'))).toMatchObject({
      where: 'not-measured',
      bytesPerSession: null,
    });
    expect(await capacityView(live('jwt-redis'))).toMatchObject({ where: 'not-measured' });
  });
});
