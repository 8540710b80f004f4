import { authModeOf, type RunMode } from '../cluster/run-modes.ts';
import { demoUser, type Reply, VirtualUser } from '../scenarios/client/http.ts';
import { ReconnectingClient } from '../scenarios/client/reconnecting-client.ts';

/**
 * The console's own background traffic: a small pool of virtual users (each its own cookie jar or
 * bearer token, like a browser) sending requests through the balancer at `rate` per second —
 * GET /api/me, or a login for a user who has none.
 * Each user has its own keep-alive TCP connection, like a browser tab: behind the `connection`
 * strategy (an L4 balancer, a Kubernetes Service) a user then stays on one node until its
 * connection is re-opened (`reconnect()`, every `reconnectEvery` requests, or the server closing
 * it). A shared pool would spread one user's requests over pooled connections and make the
 * per-connection strategy look like round-robin.
 * A user that gets a 401 logs in again before its next request, as an app would send its user
 * back to the login page. Bounded: at most one request in flight per user and MAX_RATE per
 * second; when every user is busy (a slow cluster) a due request is skipped, not queued.
 */
export const MAX_RATE = 100;
export const DEFAULT_RATE = 10;
export const USERS = 24;
const STEP_MS = 50;

export interface TrafficListener {
  me(reply: Reply): void;
  login(reply: Reply): void;
  /** The credential a user sends on every request, in bytes (`sid=…` cookie or `Bearer …`). */
  credential(kind: 'cookie' | 'bearer', bytes: number): void;
  /** A GET /api/me that was the first request on a newly opened connection. */
  firstOnConnection(reply: Reply): void;
}

interface Lane {
  user: VirtualUser;
  client: ReconnectingClient;
  busy: boolean;
  needsLogin: boolean;
}

export interface ConnectionCounts {
  /** Users' TCP connections open now. */
  open: number;
  /** TCP connections the current users opened in all (re-opens included). */
  established: number;
}

export class BackgroundTraffic {
  private lanes: Lane[] = [];
  private every: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private credit = 0;
  private paused = false;
  private userOffset = 0;
  private mode: RunMode;
  skipped = 0;

  private readonly baseUrl: string;
  private readonly listener: TrafficListener;
  private currentRate: number;

  constructor(baseUrl: string, mode: RunMode, listener: TrafficListener, currentRate = DEFAULT_RATE) {
    this.baseUrl = baseUrl;
    this.listener = listener;
    this.currentRate = currentRate;
    this.mode = mode;
    this.lanes = this.freshLanes();
  }

  get rate(): number {
    return this.currentRate;
  }

  setRate(rate: number): void {
    this.currentRate = Math.max(0, Math.min(MAX_RATE, Math.round(rate)));
  }

  start(): void {
    if (this.timer) return;
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.step((now - last) / 1000);
      last = now;
    }, STEP_MS);
    this.timer.unref();
  }

  /** While the balancer port is down (a swap): no requests, no credit piling up. */
  pause(): void {
    this.paused = true;
    this.credit = 0;
  }

  resume(): void {
    this.paused = false;
  }

  /** Requests per connection before a user re-opens it; undefined: never. */
  get reconnectEvery(): number | undefined {
    return this.every;
  }

  setReconnectEvery(every: number | undefined): void {
    this.every = every;
    for (const lane of this.lanes) lane.client.setEvery(every);
  }

  /** Every user's connection is closed and re-opened at its next request. */
  reconnect(): void {
    for (const lane of this.lanes) lane.client.reopen();
  }

  connections(): ConnectionCounts {
    return {
      open: this.lanes.filter((lane) => lane.client.connected).length,
      established: this.lanes.reduce((sum, lane) => sum + lane.client.established, 0),
    };
  }

  /** New nodes (or a new mode): new users with empty jars, as if everyone arrived now. */
  resetUsers(mode: RunMode): void {
    this.mode = mode;
    this.userOffset = (this.userOffset + USERS) % 9000;
    const old = this.lanes;
    this.lanes = this.freshLanes();
    // A request still in flight finishes first (close is graceful); its reply is not counted.
    for (const lane of old) void lane.client.close().catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.lanes.map((lane) => lane.client.close().catch(() => undefined)));
  }

  private freshLanes(): Lane[] {
    return Array.from({ length: USERS }, (_, i) => {
      const client = new ReconnectingClient(this.baseUrl, this.every);
      return {
        user: new VirtualUser(demoUser(this.userOffset + i), this.baseUrl, client),
        client,
        busy: false,
        needsLogin: true,
      };
    });
  }

  private step(seconds: number): void {
    if (this.paused || this.currentRate === 0) {
      this.credit = 0;
      return;
    }
    // At most one second of credit: a stalled event loop does not turn into a burst.
    this.credit = Math.min(this.credit + seconds * this.currentRate, Math.max(1, this.currentRate));
    while (this.credit >= 1) {
      this.credit--;
      const lane = this.idleLane();
      if (!lane) {
        this.skipped++;
        continue;
      }
      void this.runLane(lane);
    }
  }

  /**
   * A random idle user: a fixed rotation would put a fixed number of requests between a user's
   * login and its next request, and round-robin would then always (or never) send that request
   * to the node that holds its session. Random gaps give the honest 1/N.
   */
  private idleLane(): Lane | undefined {
    const idle = this.lanes.filter((lane) => !lane.busy);
    return idle[Math.floor(Math.random() * idle.length)];
  }

  /** One request per turn: a login when the user needs one, else GET /api/me. */
  private async runLane(lane: Lane): Promise<void> {
    lane.busy = true;
    const lanes = this.lanes;
    try {
      if (lane.needsLogin) {
        const login = await lane.user.login();
        // A reply from before a reset belongs to the old cluster: not counted.
        if (lanes !== this.lanes) return;
        this.listener.login(login);
        if (login.status !== 200) return;
        lane.needsLogin = false;
        const credential = lane.user.credential(authModeOf(this.mode));
        if (credential) this.listener.credential(credential.kind, Buffer.byteLength(credential.value));
        return;
      }
      const before = lane.client.established;
      const reply = await lane.user.me();
      if (lanes !== this.lanes) return;
      this.listener.me(reply);
      if (lane.client.established > before) this.listener.firstOnConnection(reply);
      if (reply.status === 401) lane.needsLogin = true;
    } finally {
      lane.busy = false;
    }
  }
}
