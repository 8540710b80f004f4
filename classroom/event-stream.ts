import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * `GET /api/events`: server-sent events to every open page. Bounded: at most `maxClients` streams
 * (the route answers 503 beyond). A slow reader (its socket buffer full) misses `tick`s until it
 * drains — a tick is only a snapshot, the next one replaces it — while a `state` it missed is sent
 * as soon as it drains, so every page ends up with the latest state.
 */
export const MAX_CLIENTS = 200;

interface Client {
  res: ServerResponse;
  blocked: boolean;
  missedState: boolean;
}

export class EventStream {
  private readonly clients = new Set<Client>();

  private readonly latestState: () => unknown;
  readonly maxClients: number;

  constructor(latestState: () => unknown, maxClients = MAX_CLIENTS) {
    this.latestState = latestState;
    this.maxClients = maxClients;
  }

  get size(): number {
    return this.clients.size;
  }

  get full(): boolean {
    return this.clients.size >= this.maxClients;
  }

  attach(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    const client: Client = { res, blocked: false, missedState: false };
    this.clients.add(client);
    res.once('close', () => this.clients.delete(client));
    res.on('drain', () => {
      client.blocked = false;
      if (client.missedState) {
        client.missedState = false;
        this.write(client, 'state', this.latestState());
      }
    });
    this.write(client, 'state', this.latestState());
  }

  /** `state`: never dropped (sent on drain if the reader is behind). */
  state(data: unknown): void {
    for (const client of this.clients) {
      if (client.blocked) client.missedState = true;
      else this.write(client, 'state', data);
    }
  }

  /** `tick`: dropped for a reader that is behind. */
  tick(data: unknown): void {
    const text = format('tick', data);
    for (const client of this.clients) {
      if (!client.blocked) client.blocked = !client.res.write(text);
    }
  }

  closeAll(): void {
    for (const client of this.clients) client.res.end();
    this.clients.clear();
  }

  private write(client: Client, event: string, data: unknown): void {
    client.blocked = !client.res.write(format(event, data));
  }
}

function format(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
