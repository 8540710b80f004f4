import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../../cluster/processes.ts';
import { RedisAdmin } from '../../../cluster/redis-commands.ts';
import { type RedisServer, redisServerPath, startRedisServer } from '../../../lib/redis-server.ts';
import { addDemoFloor, noFloors } from '../../../scenarios/load/floor/demo-floor.ts';
import { floorRound } from '../../../scenarios/load/floor/floor-round.ts';
import { type FloorCluster, startFloor } from '../../../scenarios/load/floor/start-floor.ts';

// The demo's floor as real processes behind our balancer. Functional only: no timing asserted.
describe.skipIf(!redisServerPath())('load floor', () => {
  let redis: RedisServer;
  let admin: RedisAdmin;
  const floors: FloorCluster[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new RedisAdmin(redis.url);
  });
  afterAll(async () => {
    await Promise.all(floors.map((floor) => floor.close()));
    await admin?.close();
    await redis?.stop(true);
  });

  it('a bare route on N processes behind the balancer: positive CPU per request, no store', async () => {
    const floor = await startFloor('none', 2);
    floors.push(floor);
    // Started from the launcher's bundle, as the nodes are (tsx only when bundling is turned off).
    if (process.env.AUTHSCALE_BUNDLE !== '0') {
      const command = readFileSync(`/proc/${floor.pids[0]}/cmdline`, 'utf8').split('\0');
      expect(command.some((arg) => arg.endsWith('/floor.mjs'))).toBe(true);
      expect(command).not.toContain('tsx');
    }
    const before = await admin.commandCount();
    const round = await floorRound(floor, 2, 1);
    expect(round.requests).toBeGreaterThan(0);
    expect(round.cpuMicrosPerRequest).toBeGreaterThan(0);
    expect(await admin.commandCount()).toBe(before);
  });

  it('the Redis floor does one GET per request on the given Redis', async () => {
    const floor = await startFloor('redis', 2, redis.url);
    floors.push(floor);
    const before = await admin.commandCount();
    const round = await floorRound(floor, 2, 1);
    expect(round.cpuMicrosPerRequest).toBeGreaterThan(0);
    // Health checks go to /health, which never touches Redis: one GET per answered request, plus
    // at most one per connection for requests still in flight when autocannon stopped counting.
    const commands = (await admin.commandCount()) - before;
    expect(commands).toBeGreaterThanOrEqual(round.requests);
    expect(commands).toBeLessThanOrEqual(round.requests + 2);
    await floor.close();
    floors.pop();
    expect(floor.pids).toHaveLength(3);
    expect(floor.pids.filter(isAlive)).toEqual([]);
  });

  it('refuses a Redis floor without a Redis', async () => {
    await expect(startFloor('redis', 1)).rejects.toThrow('a Redis floor needs a Redis URL');
  });

  it("the demo's Redis floor without a Redis is left out with the reason, nothing started", async () => {
    const demoFloors = noFloors(2);
    await addDemoFloor(demoFloors, 'redis', undefined);
    expect(demoFloors.rounds).toEqual([]);
    expect(demoFloors.skipped).toEqual(['redis: no Redis in this run']);
  });
});
