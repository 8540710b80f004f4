import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.ts';
import { parseNodeConfig } from '../../nodes/config.ts';
import { TEST_SECRET } from '../helpers/node.ts';

const ADMIN_TOKEN = randomBytes(24).toString('base64url');
const parse = (env: Record<string, string>) => parseNodeConfig({ AUTH_SECRET: TEST_SECRET, ...env });

function failure(env: Record<string, string | undefined>): ConfigError {
  try {
    parseNodeConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseNodeConfig', () => {
  it('applies the contract defaults', () => {
    expect(parse({})).toMatchObject({
      nodeId: 'node-1',
      host: '127.0.0.1',
      port: 3001,
      authMode: 'memory',
      accessTokenTtl: 900,
      refreshTokenTtl: 7 * 86_400,
      sessionIdleTtl: 1800,
      sessionAbsoluteTtl: 8 * 3600,
      cookieSecure: 'auto',
      jwtCacheSize: 10_000,
      scryptCost: 16_384,
      loginRateLimit: 20,
      loginAddressRateLimit: 100,
      secretWarnings: [],
    });
    expect(parse({}).trustProxy).toBeUndefined();
    expect(parse({}).loginHashConcurrency).toBeGreaterThanOrEqual(1);
  });

  it('reads TRUST_PROXY addresses and CIDRs, IPv4 and IPv6', () => {
    expect(parse({ TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8,::1,fd00::/8 ,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('reads every setting', () => {
    const config = parse({
      NODE_ID: 'n2',
      HOST: '0.0.0.0',
      PORT: '4000',
      AUTH_MODE: 'redis',
      REDIS_URL: 'redis://localhost:6380',
      SESSION_IDLE_TTL: '30s',
      SESSION_ABSOLUTE_TTL: '1h',
      COOKIE_SECURE: 'true',
      LOGIN_RATE_LIMIT: '0',
      SCRYPT_COST: '1024',
      ADMIN_TOKEN,
    });
    expect(config).toMatchObject({
      nodeId: 'n2',
      host: '0.0.0.0',
      port: 4000,
      authMode: 'redis',
      redisUrl: 'redis://localhost:6380',
      sessionIdleTtl: 30,
      sessionAbsoluteTtl: 3600,
      cookieSecure: 'true',
      loginRateLimit: 0,
      scryptCost: 1024,
      adminToken: ADMIN_TOKEN,
    });
  });

  it('parses sentinels', () => {
    const config = parse({ REDIS_SENTINELS: 'a:26379, b:26380', REDIS_MASTER_NAME: 'mymaster' });
    expect(config.redisSentinels).toEqual([
      { host: 'a', port: 26379 },
      { host: 'b', port: 26380 },
    ]);
  });

  it.each([
    [{}, 'AUTH_SECRET'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ AUTH_SECRET: TEST_SECRET, AUTH_MODE: 'cookies' }, 'AUTH_MODE'],
    [{ AUTH_SECRET: TEST_SECRET, AUTH_MODE: 'redis' }, 'REDIS_URL'],
    [{ AUTH_SECRET: TEST_SECRET, REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ AUTH_SECRET: TEST_SECRET, PORT: '70000' }, 'PORT'],
    [{ AUTH_SECRET: TEST_SECRET, PORT: 'http' }, 'PORT'],
    [{ AUTH_SECRET: TEST_SECRET, SESSION_IDLE_TTL: 'soon' }, 'SESSION_IDLE_TTL'],
    [
      { AUTH_SECRET: TEST_SECRET, SESSION_IDLE_TTL: '2h', SESSION_ABSOLUTE_TTL: '1h' },
      'SESSION_ABSOLUTE_TTL',
    ],
    [{ AUTH_SECRET: TEST_SECRET, COOKIE_SECURE: 'yes' }, 'COOKIE_SECURE'],
    [{ AUTH_SECRET: TEST_SECRET, LOGIN_RATE_LIMIT: '-1' }, 'LOGIN_RATE_LIMIT'],
    [{ AUTH_SECRET: TEST_SECRET, SCRYPT_COST: '1000' }, 'SCRYPT_COST'],
    [{ AUTH_SECRET: TEST_SECRET, REDIS_SENTINELS: 'a:1' }, 'REDIS_MASTER_NAME'],
    [{ AUTH_SECRET: TEST_SECRET, REDIS_SENTINELS: 'nonsense', REDIS_MASTER_NAME: 'm' }, 'REDIS_SENTINELS'],
    [{ AUTH_SECRET: TEST_SECRET, ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ AUTH_SECRET: TEST_SECRET, TRUST_PROXY: '127.0.0.1,not-an-address' }, 'TRUST_PROXY'],
    [{ AUTH_SECRET: TEST_SECRET, TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ AUTH_SECRET: TEST_SECRET, TRUST_PROXY: '::1/129' }, 'TRUST_PROXY'],
    [{ AUTH_SECRET: TEST_SECRET, LOGIN_ADDRESS_RATE_LIMIT: 'many' }, 'LOGIN_ADDRESS_RATE_LIMIT'],
    [{ AUTH_SECRET: TEST_SECRET, LOGIN_HASH_CONCURRENCY: '-1' }, 'LOGIN_HASH_CONCURRENCY'],
    [{ AUTH_SECRET: TEST_SECRET, ALLOW_DEMO_SECRET: 'yes' }, 'ALLOW_DEMO_SECRET'],
  ])('%o → ConfigError naming %s', (env, variable) => {
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain('\n');
  });
});
