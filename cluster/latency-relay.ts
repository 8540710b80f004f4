import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A user-space latency relay (the kernels here have no netem): a TCP proxy that holds every chunk
 * for half the round-trip time in each direction before passing it on, in toxiproxy's vocabulary
 * `latency` (ms, one way = rttMs / 2) and `jitter` (± ms, uniformly). Chunks of one direction are
 * never reordered by jitter (a chunk is due no earlier than the one before it), as on a TCP link.
 * Only data is delayed, not the TCP handshake. Bounded: at most `maxConnections` connections and
 * `maxQueuedBytes` held per direction (beyond it the sender is paused until the queue drains).
 */
export interface RelayOptions {
  target: { host: string; port: number };
  /** Round-trip time to add, ms (split evenly over both directions). */
  rttMs: number;
  /** ± ms added to each chunk's one-way delay. Default 0. */
  jitterMs?: number;
  /** Listen port on 127.0.0.1; default a free one. */
  port?: number;
  maxConnections?: number;
  maxQueuedBytes?: number;
}

export interface LatencyRelay {
  readonly port: number;
  connections(): number;
  close(): Promise<void>;
}

function delayDirection(
  from: Socket,
  to: Socket,
  oneWayMs: number,
  jitterMs: number,
  maxQueued: number,
): void {
  let lastDue = 0;
  let queued = 0;
  const schedule = (action: () => void, bytes: number) => {
    const now = performance.now();
    const jitter = jitterMs > 0 ? (Math.random() * 2 - 1) * jitterMs : 0;
    const due = Math.max(lastDue, now + Math.max(0, oneWayMs + jitter));
    lastDue = due;
    queued += bytes;
    if (queued > maxQueued) from.pause();
    setTimeout(() => {
      queued -= bytes;
      action();
      if (queued <= maxQueued / 2 && from.isPaused()) from.resume();
    }, due - now);
  };
  from.on('data', (chunk: Buffer) => schedule(() => to.destroyed || to.write(chunk), chunk.length));
  from.on('end', () => schedule(() => to.end(), 0));
}

export function startLatencyRelay(options: RelayOptions): Promise<LatencyRelay> {
  const oneWay = options.rttMs / 2;
  const jitter = options.jitterMs ?? 0;
  const maxQueued = options.maxQueuedBytes ?? 1024 * 1024;
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ ...options.target, allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => {
        sockets.delete(socket);
        // Both ends closed (or one failed): nothing more can cross.
        if (client.destroyed && upstream.destroyed) return;
        if (socket.destroyed && !socket.readableEnded) (socket === client ? upstream : client).destroy();
      });
    }
    delayDirection(client, upstream, oneWay, jitter, maxQueued);
    delayDirection(upstream, client, oneWay, jitter, maxQueued);
  });
  server.maxConnections = options.maxConnections ?? 1024;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        connections: () => sockets.size,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
