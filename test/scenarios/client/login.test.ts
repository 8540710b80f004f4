import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createAgent,
  LOGIN_TIMEOUT_MS,
  loginWithRetry,
  VirtualUser,
} from '../../../scenarios/client/http.ts';

/**
 * A login slower than the 5 s other requests get (a node on a starved machine, its hash queue
 * full) is waited for: answered 200, hashed once — not status 0 followed by a second login that
 * queues another hash behind the first (suite logins with status 0 under load; docs/balancer.md).
 */
describe('the scenarios client: slow logins', () => {
  let logins = 0;
  const server = createServer((req, res) => {
    req.resume();
    if (req.url !== '/auth/login') return void res.end('{}');
    logins++;
    // 6 s: above the 5 s default request timeout, far below the login one.
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ user: 'user0001', node: 'node-1', mode: 'memory' }));
    }, 6000);
  });
  const agent = createAgent(2);
  afterAll(async () => {
    await agent.close();
    server.close();
  });

  it('waits for a 6 s login instead of answering status 0 and logging in again', async () => {
    expect(LOGIN_TIMEOUT_MS).toBeGreaterThanOrEqual(30_000); // the balancer's PROXY_TIMEOUT
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const user = new VirtualUser('user0001', `http://127.0.0.1:${port}`, agent);
    const reply = await loginWithRetry(user);
    expect(reply.status).toBe(200);
    expect(logins).toBe(1);
  }, 20_000);
});
