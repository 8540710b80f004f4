import { afterAll, beforeAll } from 'vitest';
import { type RedisServer, startRedisServer } from '../../lib/redis-server.ts';

/**
 * Starts a private redis-server for the calling test file and always stops it.
 * Usage: `const redis = useRedisServer();` then `redis().url` inside tests.
 */
export function useRedisServer(): () => RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop(true);
  });
  return () => {
    if (!server) throw new Error('redis-server not started yet');
    return server;
  };
}
