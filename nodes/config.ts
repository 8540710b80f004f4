import { availableParallelism } from 'node:os';
import { type Env, readChoice, readDuration, readOptional, readPort, readString } from '../lib/env.ts';
import { ConfigError } from '../lib/errors.ts';
import { parseTrustProxy } from '../lib/trust-proxy.ts';
import { REDIS_COMMAND_TIMEOUT_MS } from './redis-client.ts';
import { checkNotPublic, readSecret } from './secrets/read-secret.ts';

export const AUTH_MODES = ['memory', 'redis', 'jwt'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
export type CookieSecure = 'auto' | 'true' | 'false';

/** Everything a node needs, parsed and validated once at start. Durations are in seconds. */
export interface NodeConfig {
  nodeId: string;
  host: string;
  port: number;
  authMode: AuthMode;
  authSecret: string;
  redisUrl?: string;
  redisSentinels?: { host: string; port: number }[];
  redisMasterName?: string;
  /** Seed nodes of a Redis Cluster (`REDIS_CLUSTER_NODES=host:port,…`): use ioredis' Cluster client. */
  redisClusterNodes?: { host: string; port: number }[];
  /**
   * Replicas that must confirm a session / token-state write (Redis WAIT) before the node answers
   * (`REDIS_WAIT_REPLICAS`, default 0: replication stays asynchronous, as Redis' own default).
   */
  redisWaitReplicas: number;
  /** How long a write waits for those replicas (`REDIS_WAIT_TIMEOUT`, default 100ms); then 503. */
  redisWaitTimeoutMs: number;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  sessionIdleTtl: number;
  sessionAbsoluteTtl: number;
  cookieSecure: CookieSecure;
  /** Enables `/__admin/*` fault injection routes (docs/configuration.md, `ADMIN_TOKEN`); off unless set. */
  adminToken?: string;
  /** JWT mode: entries in the per-node verified-token LRU (`JWT_CACHE_SIZE`; 0 disables it). */
  jwtCacheSize: number;
  /** scrypt cost parameter N for demo password hashes (`SCRYPT_COST`, power of two). */
  scryptCost: number;
  /** Login attempts per minute per username+IP (`LOGIN_RATE_LIMIT`, default 20; 0 disables). */
  loginRateLimit?: number;
  /** Login attempts per minute per client address, any usernames (`LOGIN_ADDRESS_RATE_LIMIT`). */
  loginAddressRateLimit: number;
  /** Password hashes computed at once (`LOGIN_HASH_CONCURRENCY`; 0 = unbounded, for benchmarks). */
  loginHashConcurrency: number;
  /** Proxies whose X-Forwarded-For/-Proto/-Host are believed (`TRUST_PROXY`); none when unset. */
  trustProxy?: string[];
  /** Printed on every start when ALLOW_DEMO_SECRET=1 let a public secret through. */
  secretWarnings: string[];
}

/** Default hash concurrency: half the cores (at least one), so hashing never takes every core. */
export function defaultHashConcurrency(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

function parseHostPorts(name: string, text: string): { host: string; port: number }[] {
  return text.split(',').map((part) => {
    const match = /^\s*([^:\s]+):(\d+)\s*$/.exec(part);
    if (!match || Number(match[2]) > 65_535) {
      throw new ConfigError(name, `expected host:port,host:port, got "${text}"`);
    }
    return { host: match[1]!, port: Number(match[2]) };
  });
}

function readNonNegativeInt(env: Env, name: string, fallback: number): number {
  const text = readString(env, name, String(fallback));
  if (!/^\d+$/.test(text)) throw new ConfigError(name, `expected a non-negative integer, got "${text}"`);
  return Number(text);
}

function readScryptCost(env: Env): number {
  const text = readString(env, 'SCRYPT_COST', '16384');
  const cost = Number(text);
  if (!/^\d+$/.test(text) || cost < 1024 || cost > 1_048_576 || (cost & (cost - 1)) !== 0) {
    throw new ConfigError('SCRYPT_COST', `expected a power of two between 1024 and 1048576, got "${text}"`);
  }
  return cost;
}

type RedisAddress = Pick<NodeConfig, 'redisUrl' | 'redisSentinels' | 'redisMasterName' | 'redisClusterNodes'>;

/** Where the store is: one Redis, Sentinel, or a Redis Cluster (at most one of them). */
function readRedisAddress(env: Env, authMode: NodeConfig['authMode']): RedisAddress {
  const redisUrl = readOptional(env, 'REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', `expected redis://host:port, got "${redisUrl}"`);
  }
  const sentinelsText = readOptional(env, 'REDIS_SENTINELS');
  const redisSentinels =
    sentinelsText === undefined ? undefined : parseHostPorts('REDIS_SENTINELS', sentinelsText);
  const clusterText = readOptional(env, 'REDIS_CLUSTER_NODES');
  const redisClusterNodes =
    clusterText === undefined ? undefined : parseHostPorts('REDIS_CLUSTER_NODES', clusterText);
  if (redisClusterNodes && (redisUrl !== undefined || redisSentinels !== undefined)) {
    throw new ConfigError('REDIS_CLUSTER_NODES', 'cannot be combined with REDIS_URL or REDIS_SENTINELS');
  }
  const redisMasterName = readOptional(env, 'REDIS_MASTER_NAME');
  if (redisSentinels && !redisMasterName) {
    throw new ConfigError('REDIS_MASTER_NAME', 'is required when REDIS_SENTINELS is set');
  }
  if (authMode === 'redis' && !redisUrl && !redisSentinels && !redisClusterNodes) {
    throw new ConfigError(
      'REDIS_URL',
      'is required when AUTH_MODE=redis (or set REDIS_SENTINELS or REDIS_CLUSTER_NODES)',
    );
  }
  return {
    ...(redisUrl !== undefined && { redisUrl }),
    ...(redisSentinels !== undefined && { redisSentinels }),
    ...(redisMasterName !== undefined && { redisMasterName }),
    ...(redisClusterNodes !== undefined && { redisClusterNodes }),
  };
}

/** How many replicas confirm each store write (Redis WAIT), and how long the node waits for them. */
function readRedisWait(env: Env, authMode: NodeConfig['authMode']) {
  const redisWaitReplicas = readNonNegativeInt(env, 'REDIS_WAIT_REPLICAS', 0);
  const redisWaitTimeoutMs = Math.round(readDuration(env, 'REDIS_WAIT_TIMEOUT', '100ms') * 1000);
  if (redisWaitTimeoutMs >= REDIS_COMMAND_TIMEOUT_MS) {
    throw new ConfigError(
      'REDIS_WAIT_TIMEOUT',
      `must be shorter than the store command timeout (${REDIS_COMMAND_TIMEOUT_MS}ms), got "${env.REDIS_WAIT_TIMEOUT}"`,
    );
  }
  if (redisWaitReplicas > 0 && authMode === 'memory') {
    throw new ConfigError('REDIS_WAIT_REPLICAS', 'needs a Redis store (AUTH_MODE=redis or jwt with Redis)');
  }
  return { redisWaitReplicas, redisWaitTimeoutMs };
}

export function parseNodeConfig(env: Env): NodeConfig {
  const authMode = readChoice(env, 'AUTH_MODE', AUTH_MODES, 'memory');
  const allowDemo = readChoice(env, 'ALLOW_DEMO_SECRET', ['0', '1'] as const, '0') === '1';
  const secret = readSecret(env, 'AUTH_SECRET', { minBytes: 32, hint: 'e.g. `openssl rand -base64 32`' });
  if (secret === undefined) throw new ConfigError('AUTH_SECRET', 'is required (or AUTH_SECRET_FILE)');
  const admin = readSecret(env, 'ADMIN_TOKEN', { minBytes: 16, hint: 'e.g. `openssl rand -base64 24`' });
  const secretWarnings = [secret, admin]
    .map((setting) => (setting === undefined ? undefined : checkNotPublic(setting, allowDemo)))
    .filter((warning) => warning !== undefined);
  const { redisUrl, redisSentinels, redisMasterName, redisClusterNodes } = readRedisAddress(env, authMode);
  const { redisWaitReplicas, redisWaitTimeoutMs } = readRedisWait(env, authMode);
  const sessionIdleTtl = readDuration(env, 'SESSION_IDLE_TTL', '30m');
  const sessionAbsoluteTtl = readDuration(env, 'SESSION_ABSOLUTE_TTL', '8h');
  if (sessionAbsoluteTtl < sessionIdleTtl) {
    throw new ConfigError('SESSION_ABSOLUTE_TTL', 'must not be shorter than SESSION_IDLE_TTL');
  }
  const adminToken = admin?.value;
  const trustProxy = parseTrustProxy('TRUST_PROXY', readOptional(env, 'TRUST_PROXY'));
  return {
    nodeId: readString(env, 'NODE_ID', 'node-1'),
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readPort(env, 'PORT', 3001),
    authMode,
    authSecret: secret.value,
    ...(redisUrl !== undefined && { redisUrl }),
    ...(redisSentinels !== undefined && { redisSentinels }),
    ...(redisMasterName !== undefined && { redisMasterName }),
    ...(redisClusterNodes !== undefined && { redisClusterNodes }),
    redisWaitReplicas,
    redisWaitTimeoutMs,
    accessTokenTtl: readDuration(env, 'ACCESS_TOKEN_TTL', '15m'),
    refreshTokenTtl: readDuration(env, 'REFRESH_TOKEN_TTL', '7d'),
    sessionIdleTtl,
    sessionAbsoluteTtl,
    cookieSecure: readChoice(env, 'COOKIE_SECURE', ['auto', 'true', 'false'] as const, 'auto'),
    ...(adminToken !== undefined && { adminToken }),
    jwtCacheSize: readNonNegativeInt(env, 'JWT_CACHE_SIZE', 10_000),
    scryptCost: readScryptCost(env),
    loginRateLimit: readNonNegativeInt(env, 'LOGIN_RATE_LIMIT', 20),
    loginAddressRateLimit: readNonNegativeInt(env, 'LOGIN_ADDRESS_RATE_LIMIT', 100),
    loginHashConcurrency: readNonNegativeInt(env, 'LOGIN_HASH_CONCURRENCY', defaultHashConcurrency()),
    ...(trustProxy !== undefined && { trustProxy }),
    secretWarnings,
  };
}
