import { request } from 'undici';
import { createAgent, demoUser, mapLimit } from '../client/http.ts';
import { LifetimeUser, measureExposure, type RefreshPolicy, stealAtIssuance } from './clients.ts';
import { clientFigures, storeWritesIn } from './math.ts';
import type { LifetimePoint } from './types.ts';

export interface PointSettings {
  ttlSeconds: number;
  usersPerClient: number;
  requestIntervalMs: number;
  /** Thief's replay period. */
  pollMs: number;
}

/** A measured point plus the raw counts the run-wide ratios are made of. */
export interface MeasuredPoint {
  point: LifetimePoint;
  storeWrites: number;
  refreshes: number;
}

async function storeWrites(nodeUrl: string): Promise<number> {
  const response = await request(`${nodeUrl}/metrics`);
  return storeWritesIn(await response.body.text());
}

/**
 * Runs both kinds of client and the thief against one node whose ACCESS_TOKEN_TTL is `ttlSeconds`.
 * It lasts until the stolen token is refused and every user has refreshed at least once (so each
 * user contributes a refresh period), bounded by a deadline of three exposure windows.
 */
export async function measurePoint(nodeUrl: string, settings: PointSettings): Promise<MeasuredPoint> {
  const { ttlSeconds, usersPerClient, requestIntervalMs } = settings;
  const agent = createAgent(2 * usersPerClient + 4);
  const policies: RefreshPolicy[] = ['ahead', 'after401'];
  const users = policies.flatMap((policy, p) =>
    Array.from(
      { length: usersPerClient },
      (_, i) =>
        new LifetimeUser(
          demoUser(200 + p * usersPerClient + i),
          nodeUrl,
          agent,
          policy,
          ttlSeconds,
          requestIntervalMs,
        ),
    ),
  );
  try {
    await mapLimit(users, 8, (user) => user.login());
    const stolen = await stealAtIssuance(nodeUrl, agent);
    // After every login: the window counts refresh writes only.
    const writesBefore = await storeWrites(nodeUrl);
    const startedAt = performance.now();
    // The token may live up to the verifier's tolerance past its lifetime; allow for it generously.
    const deadlineMs = 3 * (ttlSeconds + 10) * 1000;
    let exposureDone = false;
    const exposure = measureExposure(nodeUrl, agent, stolen, settings.pollMs, deadlineMs).finally(() => {
      exposureDone = true;
    });
    const until = () =>
      performance.now() - startedAt > deadlineMs ||
      (exposureDone && users.every((user) => user.log.issuedAtMs.length >= 2));
    await Promise.all(users.map((user) => user.run(until)));
    // Refresh counts and the store counter must cover the same refreshes.
    await Promise.all(users.map((user) => user.settled()));
    const exposureSeconds = await exposure;
    if (exposureSeconds === undefined) throw new Error(`a stolen token still worked after ${deadlineMs} ms`);
    const writes = (await storeWrites(nodeUrl)) - writesBefore;
    const logOf = (policy: RefreshPolicy) => {
      const mine = users.filter((_, i) => policies[Math.floor(i / usersPerClient)] === policy);
      return {
        issuedAtMs: mine.map((user) => user.log.issuedAtMs),
        expiryFailures: mine.reduce((sum, user) => sum + user.log.expiryFailures, 0),
      };
    };
    const ahead = clientFigures(logOf('ahead'));
    const after401 = clientFigures(logOf('after401'));
    const refreshes = users.reduce((sum, user) => sum + user.log.issuedAtMs.length - 1, 0);
    const writesPerRefresh = refreshes > 0 ? writes / refreshes : 0;
    return {
      point: {
        accessTtlSeconds: ttlSeconds,
        measured: true,
        refreshesPerUserHour: ahead.refreshesPerUserHour,
        storeWritesPerUserHour: writesPerRefresh * ahead.refreshesPerUserHour,
        exposureSeconds,
        clients: { ahead, after401 },
        usersPerClient,
        windowSeconds: (performance.now() - startedAt) / 1000,
      },
      storeWrites: writes,
      refreshes,
    };
  } finally {
    for (const user of users) user.stop();
    await agent.close();
  }
}
