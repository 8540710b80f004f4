import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { TEST_SECRET } from '../helpers/node.ts';

/**
 * `docker stop` on a node, without Docker: the real nodes/main.ts process, real sockets, SIGTERM
 * while a login's body is still arriving (docs/configuration.md, "Stopping"; the compose test repeats it in a
 * container). The node must answer the request in flight, close the connection and exit 0.
 */

const children: ChildProcess[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

/**
 * How the containers start a node (stop-signal catcher preloaded, Node stripping the types), and how
 * `npm run node` does (the tsx loader).
 */
const COMMAND_LINES = {
  container: ['--import', './lib/stop-signals.ts', 'nodes/main.ts'],
  plain: ['--import', 'tsx', 'nodes/main.ts'],
};
let commandLine = COMMAND_LINES.container;

function startNode(port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, commandLine, {
    env: {
      PATH: process.env.PATH ?? '',
      AUTH_SECRET: TEST_SECRET,
      PORT: String(port),
      LOGIN_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  let err = '';
  child.stderr!.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, exited, out: () => out, err: () => err, listening: () => out.includes('listening on') };
}

const loginBody = JSON.stringify({ username: 'alice', password: 'alice-pw' });

/** A raw connection that sends a login's head and the first bytes of its body, and records replies. */
async function slowLogin(port: number, connection: 'close' | 'keep-alive') {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => {}); // a reset shows up as a missing answer below
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST /auth/login HTTP/1.1\r\nHost: node\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${loginBody.length}\r\nConnection: ${connection}\r\n\r\n${loginBody.slice(0, 5)}`,
  );
  return { socket, closed, received: () => received };
}

async function listeningNode() {
  const port = await freePort();
  const node = startNode(port);
  await waitFor(node.listening, { timeoutMs: 45_000, what: 'the node to listen' });
  return { port, node };
}

/** The node has read the request head (the server saw the connection): SIGTERM now is mid-request. */
async function headRead(port: number): Promise<void> {
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok === true,
    { timeoutMs: 10_000, what: 'the node to answer' },
  );
}

describe.each(Object.keys(COMMAND_LINES))('nodes/main.ts (%s command line)', (name) => {
  beforeEach(() => {
    commandLine = COMMAND_LINES[name as keyof typeof COMMAND_LINES];
  });

  describe('SIGTERM with a request in flight', () => {
    it('answers a login whose body is still arriving, closes, exits 0', async () => {
      const { port, node } = await listeningNode();
      const client = await slowLogin(port, 'close');
      await headRead(port);
      node.child.kill('SIGTERM');
      // Stopped accepting: a new connection is refused while the old request is still open.
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => 'refused')) === 'refused',
        { timeoutMs: 5000, what: 'new connections to be refused' },
      );
      client.socket.write(loginBody.slice(5));
      await client.closed;
      expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
      expect(client.received()).toMatch(/"user":"alice"/);
      expect(await node.exited).toMatchObject({ code: 0, signal: null });
    });

    it('answers a client that half-closes after sending its body (SHUT_WR)', async () => {
      const { port, node } = await listeningNode();
      const client = await slowLogin(port, 'close');
      await headRead(port);
      node.child.kill('SIGTERM');
      client.socket.end(loginBody.slice(5));
      await client.closed;
      expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
      expect(await node.exited).toMatchObject({ code: 0, signal: null });
    });

    it('closes a keep-alive connection once its request is answered and exits at once (not after a timeout)', async () => {
      const { port, node } = await listeningNode();
      const client = await slowLogin(port, 'keep-alive');
      await headRead(port);
      node.child.kill('SIGTERM');
      client.socket.write(loginBody.slice(5));
      await waitFor(() => /\r\n\r\n\{.*\}$/s.test(client.received()), {
        timeoutMs: 10_000,
        what: 'the answer',
      });
      const answered = Date.now();
      expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
      const closedAt = await client.closed;
      const exit = await node.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      // Far below the 8 s shutdown deadline and Fastify's 72 s keep-alive timeout.
      expect(closedAt - answered).toBeLessThan(2000);
      expect(exit.at - answered).toBeLessThan(3000);
    });
  });

  describe('SIGTERM while starting', () => {
    it('exits 0 (not killed by the signal: Docker would report 143)', async () => {
      const port = await freePort();
      // Redis mode with no Redis: the node waits up to 2 s for it before listening — still starting
      // (as a container does while its Redis comes up), with every module loaded.
      const node = startNode(port, {
        AUTH_MODE: 'redis',
        REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      });
      await waitFor(() => node.out().includes('redis unreachable'), {
        timeoutMs: 30_000,
        what: 'the Redis wait',
      });
      node.child.kill('SIGTERM');
      expect(await node.exited).toMatchObject({ code: 0, signal: null });
      expect(node.listening()).toBe(false);
    });
  });
});
