export interface KeepaliveLine {
  /** The balancing the line went through: `connection` (per TCP connection) or the run's own. */
  strategy: string;
  /** Requests per connection before it is re-opened (the login counts); null: one connection. */
  reconnectEvery: number | null;
  users: number;
  /** Authenticated requests (logins excluded). */
  requests: number;
  failures: number;
  failureRate: number;
  /** Theory for this mode, strategy and N (see expectedKeepaliveRate). */
  expectedRate: number;
  /** TCP connections the users opened in all. */
  connections: number;
}

export interface KeepaliveResult {
  nodes: number;
  lines: KeepaliveLine[];
}
