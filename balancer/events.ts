import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, TOO_MANY_EVENT_CLIENTS } from './reply.ts';
import type { Target } from './target.ts';

/** A reader with more than this much unsent data skips events until it catches up. */
export const SLOW_READER_BYTES = 64 * 1024;
/** A reader that skipped this many events in a row is disconnected (it can reconnect). */
export const SLOW_READER_MAX_DROPS = 60;

/**
 * `GET /__lb/events`: server-sent events for live views.
 * - `event: tick` every second: balancer totals and, per target, cumulative counters, `rps` since
 *   the previous tick, up/down and status classes (sent once immediately on connect, too);
 * - `event: health` on each up/down change: `{ id, url, nodeId, up, reason, at }`.
 * The tick timer only runs while someone listens; a client's entry is dropped on disconnect.
 * Bounded: at most `maxClients` streams (503 ERR_TOO_MANY_EVENT_CLIENTS beyond), and a reader that
 * does not keep up skips events instead of making the balancer buffer them (its tick carries
 * cumulative counters, so the next one it gets is complete again).
 */
export class EventHub {
  /** Open streams and, per stream, how many events in a row it skipped. */
  private readonly clients = new Map<ServerResponse, number>();
  /** Events not sent to slow readers, since start. */
  dropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly lastRequests: number[];
  private lastTickAt = Date.now();

  private readonly targets: readonly Target[];
  private readonly tickMs: number;
  /** Balancer-wide counters added to each tick (strategy, requests, noHealthyUpstream, retries). */
  private readonly totals: () => Record<string, unknown>;
  private readonly maxClients: number;

  constructor(
    targets: readonly Target[],
    tickMs = 1000,
    totals: () => Record<string, unknown> = () => ({}),
    maxClients = 64,
  ) {
    this.targets = targets;
    this.tickMs = tickMs;
    this.totals = totals;
    this.maxClients = maxClients;
    this.lastRequests = targets.map((t) => t.requests);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Bytes written to event streams and not yet sent (bounded per reader by SLOW_READER_BYTES). */
  get bufferedBytes(): number {
    let total = 0;
    for (const res of this.clients.keys()) total += res.writableLength;
    return total;
  }

  attach(req: IncomingMessage, res: ServerResponse): void {
    if (this.clients.size >= this.maxClients) {
      sendError(res, TOO_MANY_EVENT_CLIENTS);
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    // An event stream is long-lived: no idle timeout on it.
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.write('retry: 1000\n\n');
    this.clients.set(res, 0);
    res.once('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopTimer();
    });
    res.write(format('tick', this.tickPayload(false)));
    if (!this.timer) {
      this.lastTickAt = Date.now();
      for (const t of this.targets) this.lastRequests[t.index] = t.requests;
      this.timer = setInterval(() => this.broadcast('tick', this.tickPayload(true)), this.tickMs);
      this.timer.unref();
    }
  }

  health(target: Target, reason: string): void {
    if (this.clients.size === 0) return;
    this.broadcast('health', {
      id: target.id,
      url: target.url,
      nodeId: target.nodeId,
      up: target.up,
      reason,
      at: new Date().toISOString(),
    });
  }

  /** Ends every stream (balancer shutdown). */
  closeAll(): void {
    this.stopTimer();
    for (const res of this.clients.keys()) res.end();
    this.clients.clear();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private broadcast(event: string, data: unknown): void {
    const text = format(event, data);
    for (const [res, skipped] of this.clients) {
      if (res.writableLength <= SLOW_READER_BYTES) {
        res.write(text);
        if (skipped !== 0) this.clients.set(res, 0);
        continue;
      }
      this.dropped++;
      if (skipped + 1 >= SLOW_READER_MAX_DROPS) res.destroy();
      else this.clients.set(res, skipped + 1);
    }
  }

  private tickPayload(advance: boolean): unknown {
    const now = Date.now();
    const seconds = Math.max((now - this.lastTickAt) / 1000, 0.001);
    const targets = this.targets.map((t) => {
      const rps = advance ? Math.round((t.requests - (this.lastRequests[t.index] ?? 0)) / seconds) : 0;
      if (advance) this.lastRequests[t.index] = t.requests;
      return { ...t.snapshot(), rps };
    });
    if (advance) this.lastTickAt = now;
    return { at: new Date(now).toISOString(), ...this.totals(), targets };
  }
}

function format(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
