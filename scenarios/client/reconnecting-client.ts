import { Client, Dispatcher } from 'undici';

/**
 * One client TCP connection at a time, re-opened every `every` requests (never when undefined), as
 * browsers and HTTP clients do on idle timeouts, connection limits or a restarted pod. Behind a
 * per-connection balancer (L4, a Kubernetes Service) each new connection may reach another node.
 * `reopen()` re-opens it before the next request whatever the count (the classroom's button).
 */
export class ReconnectingClient extends Dispatcher {
  private client: Client;
  private used = 0;
  private reopenPending = false;
  /** Connections opened so far (the first one included). */
  connections = 1;
  /**
   * TCP connections actually established, counted from undici's 'connect' events: also counts a
   * connection the server closed (idle timeout, restarted balancer) and undici opened again.
   */
  established = 0;
  /** Whether a TCP connection is open right now. */
  connected = false;

  private readonly origin: string;
  private every: number | undefined;

  constructor(origin: string, every: number | undefined) {
    super();
    this.origin = origin;
    this.every = every;
    this.client = this.open();
  }

  private open(): Client {
    const client = new Client(this.origin, {
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 30_000, // well inside the balancer's 65 s: the client closes first
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    client.on('connect', () => {
      this.established++;
      this.connected = true;
    });
    client.on('disconnect', () => {
      if (client === this.client) this.connected = false;
    });
    return client;
  }

  /** Requests per connection from now on (undefined: keep it). */
  setEvery(every: number | undefined): void {
    this.every = every;
  }

  /** The next request goes over a new connection; the current one closes then (it is idle). */
  reopen(): void {
    this.reopenPending = true;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    // A client that carried nothing yet has no connection to re-open.
    if (this.used === 0) this.reopenPending = false;
    if (this.reopenPending || (this.every !== undefined && this.used >= this.every)) {
      this.reopenPending = false;
      this.connected = false;
      const old = this.client;
      this.client = this.open();
      this.connections++;
      this.used = 0;
      // Sequential use: the old connection is idle, so closing it cuts nothing in flight.
      void old.close().catch(() => {});
    }
    this.used++;
    return this.client.dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const closing = this.client.close();
    if (!callback) return closing;
    void closing.then(callback, callback);
  }

  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(
    errorOrCallback?: Error | null | (() => void),
    callback?: () => void,
  ): Promise<void> | void {
    const error = typeof errorOrCallback === 'function' ? null : (errorOrCallback ?? null);
    const done = typeof errorOrCallback === 'function' ? errorOrCallback : callback;
    const destroying = this.client.destroy(error);
    if (!done) return destroying;
    void destroying.then(done, done);
  }
}
