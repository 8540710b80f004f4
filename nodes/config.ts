import { type Env, readChoice, readDuration, readOptional, readPort, readString } from '../lib/env.ts';
import { ConfigError } from '../lib/errors.ts';

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
  accessTokenTtl: number;
  refreshTokenTtl: number;
  sessionIdleTtl: number;
  sessionAbsoluteTtl: number;
  cookieSecure: CookieSecure;
  /** Enables `/__admin/*` fault injection routes (issue 5); off unless set. */
  adminToken?: string;
  /** JWT mode: entries in the per-node verified-token LRU (`JWT_CACHE_SIZE`; 0 disables it). */
  jwtCacheSize: number;
  /** scrypt cost parameter N for demo password hashes (`SCRYPT_COST`, power of two). */
  scryptCost: number;
  /** Login attempts per minute per username+IP (`LOGIN_RATE_LIMIT`, default 20; 0 disables). */
  loginRateLimit?: number;
}

function parseSentinels(text: string): { host: string; port: number }[] {
  return text.split(',').map((part) => {
    const match = /^\s*([^:\s]+):(\d+)\s*$/.exec(part);
    if (!match) throw new ConfigError('REDIS_SENTINELS', `expected host:port,host:port, got "${text}"`);
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

export function parseNodeConfig(env: Env): NodeConfig {
  const authMode = readChoice(env, 'AUTH_MODE', AUTH_MODES, 'memory');
  const authSecret = readString(env, 'AUTH_SECRET');
  if (Buffer.byteLength(authSecret) < 32) {
    throw new ConfigError('AUTH_SECRET', 'must be at least 32 bytes (e.g. `openssl rand -base64 32`)');
  }
  const redisUrl = readOptional(env, 'REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', `expected redis://host:port, got "${redisUrl}"`);
  }
  const sentinelsText = readOptional(env, 'REDIS_SENTINELS');
  const redisSentinels = sentinelsText === undefined ? undefined : parseSentinels(sentinelsText);
  const redisMasterName = readOptional(env, 'REDIS_MASTER_NAME');
  if (redisSentinels && !redisMasterName) {
    throw new ConfigError('REDIS_MASTER_NAME', 'is required when REDIS_SENTINELS is set');
  }
  if (authMode === 'redis' && !redisUrl && !redisSentinels) {
    throw new ConfigError('REDIS_URL', 'is required when AUTH_MODE=redis (or set REDIS_SENTINELS)');
  }
  const sessionIdleTtl = readDuration(env, 'SESSION_IDLE_TTL', '30m');
  const sessionAbsoluteTtl = readDuration(env, 'SESSION_ABSOLUTE_TTL', '8h');
  if (sessionAbsoluteTtl < sessionIdleTtl) {
    throw new ConfigError('SESSION_ABSOLUTE_TTL', 'must not be shorter than SESSION_IDLE_TTL');
  }
  const adminToken = readOptional(env, 'ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN', 'must be at least 16 characters when set');
  }
  return {
    nodeId: readString(env, 'NODE_ID', 'node-1'),
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readPort(env, 'PORT', 3001),
    authMode,
    authSecret,
    ...(redisUrl !== undefined && { redisUrl }),
    ...(redisSentinels !== undefined && { redisSentinels }),
    ...(redisMasterName !== undefined && { redisMasterName }),
    accessTokenTtl: readDuration(env, 'ACCESS_TOKEN_TTL', '15m'),
    refreshTokenTtl: readDuration(env, 'REFRESH_TOKEN_TTL', '7d'),
    sessionIdleTtl,
    sessionAbsoluteTtl,
    cookieSecure: readChoice(env, 'COOKIE_SECURE', ['auto', 'true', 'false'] as const, 'auto'),
    ...(adminToken !== undefined && { adminToken }),
    jwtCacheSize: readNonNegativeInt(env, 'JWT_CACHE_SIZE', 10_000),
    scryptCost: readScryptCost(env),
    loginRateLimit: readNonNegativeInt(env, 'LOGIN_RATE_LIMIT', 20),
  };
}
