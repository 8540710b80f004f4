/**
 * The peer servers' settings, read once from the environment the bench sets (never defaults for
 * the secret: the bench draws a random one per run).
 */
export interface PeerEnv {
  port: number;
  redisUrl: string;
  secret: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`${name} is required\n`);
    process.exit(2);
  }
  return value;
}

export function peerEnv(needs: { redis: boolean; secret: boolean }): PeerEnv {
  const port = Number(required('PORT'));
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
    process.stderr.write('PORT must be a TCP port number\n');
    process.exit(2);
  }
  return {
    port,
    redisUrl: needs.redis ? required('REDIS_URL') : '',
    secret: needs.secret ? required('SESSION_SECRET') : '',
  };
}

/** The demo's password convention (name + "-pw"): the peers log users in the way the nodes do. */
export function demoPasswordMatches(username: unknown, password: unknown): username is string {
  return typeof username === 'string' && typeof password === 'string' && password === `${username}-pw`;
}

/** The line the bench waits for before it sends anything. */
export function announce(name: string, port: number): void {
  process.stdout.write(`${name} listening on http://127.0.0.1:${port}\n`);
}
