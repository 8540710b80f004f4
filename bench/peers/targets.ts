import { join } from 'node:path';
import { entryCommand, ROOT } from '../../cluster/entrypoints.ts';
import { exitedDuring, type ManagedProcess, spawnManaged } from '../../cluster/processes.ts';
import { freePort } from '../../lib/free-port.ts';
import { tsEntryArgs } from '../../lib/ts-entry.ts';
import { waitFor } from '../../lib/wait-for.ts';

/**
 * The servers `npm run bench -- peers` compares, each started as its own process so that its
 * /proc CPU is its own: the floors, authscale's node in four modes, and two peer session stacks
 * (each with its documented defaults and in a one-command variant).
 */
export type Credential = 'none' | 'cookie' | 'bearer';

export interface TargetSpec {
  /** Row name in the table. */
  name: string;
  /** Short label under the chart's bar. */
  short: string;
  kind: 'floor' | 'authscale' | 'peer';
  credential: Credential;
  /** Uses the bench's Redis (REDIS_URL). */
  redis: boolean;
  /** bench/peers/servers/<script>.ts, the floor (scenarios/load/floor/server.ts) or the authscale node. */
  script: 'floor' | 'fastify-session' | 'express-session' | 'node';
  env: Record<string, string>;
  /**
   * A node entry file run with tsx instead of the launcher's bundle (comparing two checkouts: the
   * other one may predate the erasable-only syntax that Node can run by itself).
   */
  entry?: string;
}

export const FLOOR_PLAIN = 'floor: no Redis';
export const FLOOR_REDIS = 'floor: one Redis GET';
export const AUTHSCALE_REDIS = 'authscale redis';
export const AUTHSCALE_JWT_CACHE = 'authscale jwt (cache)';
export const AUTHSCALE_JWT_REDIS = 'authscale jwt-redis';

/**
 * In the order the rounds visit them (and back, see run-peers.ts): each compared pair side by side
 * — jwt (cache) beside the bare floor, jwt-redis and authscale redis beside the floor with one GET,
 * the peers after authscale redis.
 */
export const TARGETS: TargetSpec[] = [
  {
    name: FLOOR_PLAIN,
    short: 'floor',
    kind: 'floor',
    credential: 'none',
    redis: false,
    script: 'floor',
    env: { FLOOR: 'none' },
  },
  {
    name: AUTHSCALE_JWT_CACHE,
    short: 'jwt',
    kind: 'authscale',
    credential: 'bearer',
    redis: false,
    script: 'node',
    env: { AUTH_MODE: 'jwt' },
  },
  {
    name: 'authscale jwt (no cache)',
    short: 'jwt no cache',
    kind: 'authscale',
    credential: 'bearer',
    redis: false,
    script: 'node',
    env: { AUTH_MODE: 'jwt', JWT_CACHE_SIZE: '0' },
  },
  {
    name: AUTHSCALE_JWT_REDIS,
    short: 'jwt-redis',
    kind: 'authscale',
    credential: 'bearer',
    redis: true,
    script: 'node',
    env: { AUTH_MODE: 'jwt' },
  },
  {
    name: FLOOR_REDIS,
    short: 'floor+GET',
    kind: 'floor',
    credential: 'none',
    redis: true,
    script: 'floor',
    env: { FLOOR: 'redis' },
  },
  {
    name: AUTHSCALE_REDIS,
    short: 'redis',
    kind: 'authscale',
    credential: 'cookie',
    redis: true,
    script: 'node',
    env: { AUTH_MODE: 'redis' },
  },
  {
    name: 'fastify-session (defaults)',
    short: 'fastify-s.',
    kind: 'peer',
    credential: 'cookie',
    redis: true,
    script: 'fastify-session',
    env: {},
  },
  {
    name: 'fastify-session (rolling: false)',
    short: 'fastify-s. 1cmd',
    kind: 'peer',
    credential: 'cookie',
    redis: true,
    script: 'fastify-session',
    env: { PEER_ONE_COMMAND: '1' },
  },
  {
    name: 'express-session (README)',
    short: 'express-s.',
    kind: 'peer',
    credential: 'cookie',
    redis: true,
    script: 'express-session',
    env: {},
  },
  {
    name: 'express-session (disableTouch)',
    short: 'express-s. 1cmd',
    kind: 'peer',
    credential: 'cookie',
    redis: true,
    script: 'express-session',
    env: { PEER_ONE_COMMAND: '1' },
  },
];

export interface RunningTarget {
  spec: TargetSpec;
  url: string;
  process: ManagedProcess;
}

const START_TIMEOUT_MS = 120_000;

async function commandOf(spec: TargetSpec): Promise<{ command: string; args: string[] }> {
  if (spec.entry) return { command: process.execPath, args: ['--import', 'tsx', spec.entry] };
  if (spec.script === 'node') return entryCommand('node');
  const file =
    spec.script === 'floor'
      ? join(ROOT, 'scenarios', 'load', 'floor', 'server.ts')
      : join(ROOT, 'bench', 'peers', 'servers', `${spec.script}.ts`);
  return { command: process.execPath, args: tsEntryArgs(file) };
}

/** Starts one target on a free port and waits for its "listening on" line. */
export async function startTarget(
  spec: TargetSpec,
  redisUrl: string,
  secret: string,
): Promise<RunningTarget> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    ...(spec.script === 'node'
      ? {
          AUTH_SECRET: secret,
          NODE_ID: spec.name.replace(/\W+/g, '-'),
          LOGIN_RATE_LIMIT: '0',
          SCRYPT_COST: '1024',
        }
      : { SESSION_SECRET: secret }),
    ...(spec.redis && { REDIS_URL: redisUrl }),
    ...spec.env,
  };
  const { command, args } = await commandOf(spec);
  const proc = spawnManaged(spec.name, command, args, { cwd: ROOT, env });
  await waitFor(() => proc.output().includes('listening on'), {
    timeoutMs: START_TIMEOUT_MS,
    what: `${spec.name} start`,
    abort: () => exitedDuring(proc, 'start-up'),
  });
  return { spec, url: `http://127.0.0.1:${port}`, process: proc };
}
