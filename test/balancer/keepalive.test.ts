import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEEP_ALIVE_MS } from '../../balancer/build-balancer.ts';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { type RunningBalancer, startBalancer } from '../helpers/balancer.ts';

/**
 * Idle keep-alive connections are closed by the client side of each hop, never by the server side
 * (suite logins answered status 0 under load; docs/balancer.md). A request sent on a socket the server has
 * just closed is reset, and a POST cannot be retried: on a busy machine the client's idle timer,
 * set from the server's `Keep-Alive: timeout=` hint minus 2 s, fires late enough to lose that race.
 */

let lb: RunningBalancer | undefined;
let upstream: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await lb?.close();
  lb = undefined;
  upstream?.closeAllConnections();
  await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(undefined)));
  upstream = undefined;
});

/** A node-like upstream: Fastify's 72 s keep-alive (its `Keep-Alive: timeout=72` hint). */
async function fastifyLikeUpstream(): Promise<{ url: string; open: () => number }> {
  const port = await freePort();
  let open = 0;
  upstream = createServer((req, res) => {
    req.resume();
    res.setHeader('x-node-id', 'node-1');
    res.end('{"status":"ok"}');
  });
  upstream.keepAliveTimeout = 72_000;
  upstream.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
  });
  await new Promise<void>((resolve) => upstream!.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, open: () => open };
}

/** One raw HTTP/1.1 exchange on `socket`; resolves with the response head. */
function exchange(socket: Socket, request: string): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const onData = (chunk: Buffer) => {
      data += chunk.toString('latin1');
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      resolve(data.slice(0, end));
    };
    socket.on('data', onData);
    socket.write(request);
  });
}

describe('balancer keep-alive: the client side of each hop closes idle connections first', () => {
  it('tells clients it keeps idle connections 65 s (not Node’s 5 s)', async () => {
    const node = await fastifyLikeUpstream();
    lb = await startBalancer({ targets: [node.url], healthIntervalMs: 60_000 });
    const socket = connect(lb.port, '127.0.0.1');
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    const head = await exchange(socket, 'GET /x HTTP/1.1\r\nHost: lb\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head.toLowerCase()).toContain(`keep-alive: timeout=${CLIENT_KEEP_ALIVE_MS / 1000}`);
    expect(lb.balancer.server.keepAliveTimeout).toBe(CLIENT_KEEP_ALIVE_MS);
  });

  it('closes its idle upstream connections itself, long before the node’s 72 s', async () => {
    const node = await fastifyLikeUpstream();
    lb = await startBalancer({ targets: [node.url], healthIntervalMs: 60_000 });
    const response = await fetch(`${lb.url}/x`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    await response.text();
    expect(node.open()).toBeGreaterThan(0);
    const idleSince = Date.now();
    // The pool's own 4 s cap, not the node's hint (undici would otherwise wait 70 s).
    await waitFor(() => node.open() === 0, { timeoutMs: 15_000, what: 'the pool to close its idle socket' });
    expect(Date.now() - idleSince).toBeLessThan(10_000);
  });
});
