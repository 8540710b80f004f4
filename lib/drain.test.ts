import { createServer } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { drained } from './drain.ts';

describe('drained', () => {
  it('waits for a request still in flight after close(), then resolves', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => res.end(`got ${body}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\nab');
    // The request has started: close() stops accepting, but the connection stays until answered.
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.close();
    let done = false;
    const waiting = drained(server, 5).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done).toBe(false);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.end('cd');
    await waiting;
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200[\s\S]*got abcd$/);
  });

  it('resolves at once for a server without connections', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.close();
    const started = Date.now();
    await drained(server);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
