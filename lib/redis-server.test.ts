import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRedisServer } from './redis-server.ts';

function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('error', reject);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().trim());
    });
  });
}

describe('startRedisServer', () => {
  it('starts a private server, stops it, and starts it again on the same port', async () => {
    const redis = await startRedisServer();
    try {
      expect(await ping(redis.port)).toBe('+PONG');
      await redis.stop();
      await expect(ping(redis.port)).rejects.toThrow(/ECONNREFUSED/);
      await redis.start();
      expect(await ping(redis.port)).toBe('+PONG');
    } finally {
      await redis.stop(true);
    }
  });
});
