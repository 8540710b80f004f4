import { afterEach, describe, expect, it } from 'vitest';
import { closeApps, node, testConfig } from '../helpers/node.ts';

const ADMIN = 'admin-token-for-capacity-tests';

afterEach(closeApps);

describe('capacity probes (/__admin/heap, /__admin/seed-sessions)', () => {
  it('do not exist without ADMIN_TOKEN and refuse a wrong token before reading the body', async () => {
    const open = await node(testConfig());
    expect((await open.inject({ method: 'POST', url: '/__admin/heap' })).statusCode).toBe(404);
    const app = await node(testConfig({ ADMIN_TOKEN: ADMIN }));
    const wrong = await app.inject({
      method: 'POST',
      url: '/__admin/seed-sessions',
      headers: { 'x-admin-token': 'nope' },
      payload: { count: 'lots' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('ERR_FORBIDDEN');
  });

  it('rejects a count outside 1..200000 with 400', async () => {
    const app = await node(testConfig({ ADMIN_TOKEN: ADMIN }));
    for (const count of [0, 200_001, 1.5, '10']) {
      const response = await app.inject({
        method: 'POST',
        url: '/__admin/seed-sessions',
        headers: { 'x-admin-token': ADMIN },
        payload: { count },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('ERR_BAD_REQUEST');
    }
  });

  it('memory: seeded sessions are live sessions and grow the heap after a forced GC', async () => {
    const app = await node(testConfig({ ADMIN_TOKEN: ADMIN, AUTH_MODE: 'memory' }));
    const post = (url: string, payload?: unknown) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'x-admin-token': ADMIN },
        ...(payload ? { payload } : {}),
      });
    const before = (await post('/__admin/heap')).json().heapUsedBytes as number;
    const seeded = await post('/__admin/seed-sessions', { count: 5000 });
    expect(seeded.json()).toMatchObject({ seeded: 5000, mode: 'memory' });
    const after = (await post('/__admin/heap')).json().heapUsedBytes as number;
    // A session is a 43-char id plus a record: well over 100 bytes each.
    expect(after - before).toBeGreaterThan(5000 * 100);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/authscale_live_sessions 5000/);
  });

  it('stateless jwt stores nothing per login', async () => {
    const app = await node(testConfig({ ADMIN_TOKEN: ADMIN, AUTH_MODE: 'jwt' }));
    const seeded = await app.inject({
      method: 'POST',
      url: '/__admin/seed-sessions',
      headers: { 'x-admin-token': ADMIN },
      payload: { count: 100 },
    });
    expect(seeded.json()).toMatchObject({ seeded: 0, mode: 'jwt' });
  });
});
