import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A user-space latency relay (the kernels here have no netem): a TCP proxy that holds every chunk
 * for half the round-trip time in each direction before passing it on, in toxiproxy's vocabulary
 * `latency` (ms, one way = rttMs / 2) and `jitter` (± ms, uniformly). Chunks of one direction are
 * never reordered by jitter (a chunk is due no earlier than the one before it), as on a TCP link.
 * Only data is delayed, not the TCP handshake. Bounded: at most `maxConnections` connections and
 * `maxQueuedBytes` held per direction (beyond it the sender is paused until the queue drains).
 * A client on a loopback address reaches the target from that same address.
 *
 * `partition()` is a network partition as the applications on both sides see it: nothing crosses,
 * nothing is refused, nothing is closed. Connections stay open, new ones are accepted and then
 * hear nothing, and every byte sent meanwhile is held (the sender is paused once a queue is full,
 * as a full TCP window pauses it). `heal()` lets the held bytes through, in order: TCP retransmits
 * what a real partition dropped, so a stream never loses a byte in the middle — dropping them here
 * would instead corrupt the protocol (a Redis reply matched to the wrong command).
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
  /** Holds every byte in both directions of every connection, new ones included, until heal(). */
  partition(): void;
  heal(): void;
  readonly partitioned: boolean;
  /** Bytes held right now, every direction of every connection (a partition's backlog). */
  heldBytes(): number;
  close(): Promise<void>;
}

interface Held {
  due: number;
  bytes: number;
  action: () => void;
}

/** The partition switch shared by every direction of one relay, and how to wake them at heal. */
interface LinkState {
  partitioned: boolean;
  readonly waiting: Set<() => void>;
  /** Bytes held, over every direction. */
  held: number;
}

/**
 * One direction: a FIFO of held chunks and ONE timer for its head (a timer per chunk can fire out
 * of order: Node keeps timers in whole milliseconds of a loop clock cached per turn).
 */
function delayDirection(
  from: Socket,
  to: Socket,
  oneWayMs: number,
  jitterMs: number,
  maxQueued: number,
  link: LinkState,
): void {
  const held: Held[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;
  const wake = () => {
    link.waiting.delete(wake);
    if (timer === undefined && held.length > 0) arm(0);
  };
  const release = () => {
    timer = undefined;
    // Partitioned: keep everything; heal() wakes this direction up.
    if (link.partitioned) return void link.waiting.add(wake);
    const now = performance.now();
    while (held.length > 0 && held[0]!.due <= now) {
      const next = held.shift()!;
      queued -= next.bytes;
      link.held -= next.bytes;
      next.action();
    }
    if (queued <= maxQueued / 2 && from.isPaused()) from.resume();
    if (held.length > 0) arm(held[0]!.due - now);
  };
  // A timer fires on a whole-millisecond loop clock: aim a millisecond short, then finish the
  // last sub-millisecond on the next loop turns, so a chunk leaves neither early nor ~1 ms late.
  const arm = (waitMs: number) => {
    timer =
      waitMs > 1 ? setTimeout(release, waitMs - 1) : (setImmediate(release) as unknown as NodeJS.Timeout);
  };
  const schedule = (action: () => void, bytes: number) => {
    // Nothing can cross to a closed socket: hold nothing for it.
    if (to.destroyed) return;
    const now = performance.now();
    const jitter = jitterMs > 0 ? (Math.random() * 2 - 1) * jitterMs : 0;
    // Never before the chunk ahead of it: jitter varies the delay, not the order.
    const due = Math.max(held.at(-1)?.due ?? 0, now + Math.max(0, oneWayMs + jitter));
    held.push({ due, bytes, action });
    queued += bytes;
    link.held += bytes;
    if (queued > maxQueued) from.pause();
    if (timer === undefined) arm(due - now);
  };
  to.once('close', () => {
    link.waiting.delete(wake);
    link.held -= queued;
    queued = 0;
    held.length = 0;
    clearTimeout(timer);
    clearImmediate(timer as unknown as NodeJS.Immediate);
  });
  from.on('data', (chunk: Buffer) => schedule(() => to.destroyed || to.write(chunk), chunk.length));
  from.on('end', () => schedule(() => to.end(), 0));
}

/** The client's IPv4 loopback address (127.x.y.z, also as ::ffff:127.x.y.z), else undefined. */
export function loopbackSource(address: string | undefined): string | undefined {
  const plain = address?.startsWith('::ffff:') ? address.slice(7) : address;
  return plain !== undefined && /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain) ? plain : undefined;
}

/**
 * Tracks both ends of one relayed connection in `sockets` and ties their fates: an error on
 * either destroys both, and one end closing before its data ended destroys the other.
 */
function pairSockets(client: Socket, upstream: Socket, sockets: Set<Socket>): void {
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
}

export function startLatencyRelay(options: RelayOptions): Promise<LatencyRelay> {
  const oneWay = options.rttMs / 2;
  const jitter = options.jitterMs ?? 0;
  const maxQueued = options.maxQueuedBytes ?? 1024 * 1024;
  const sockets = new Set<Socket>();
  const link: LinkState = { partitioned: false, waiting: new Set(), held: 0 };
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    // The far end sees the client's own loopback address, not the relay's: a balancer behind the
    // relay still hashes and caps per client (every 127/8 address is local, so it can be bound).
    const source = loopbackSource(client.remoteAddress);
    const upstream = connect({
      ...options.target,
      allowHalfOpen: true,
      ...(source !== undefined && { localAddress: source }),
    });
    pairSockets(client, upstream, sockets);
    delayDirection(client, upstream, oneWay, jitter, maxQueued, link);
    delayDirection(upstream, client, oneWay, jitter, maxQueued, link);
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
        heldBytes: () => link.held,
        get partitioned() {
          return link.partitioned;
        },
        partition: () => {
          link.partitioned = true;
        },
        heal: () => {
          link.partitioned = false;
          for (const wake of [...link.waiting]) wake();
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
