import { type Dispatcher, request } from 'undici';
import { createAgent, demoUser, mapLimit } from '../client/http.ts';
import {
  LifetimeUser,
  measureExposure,
  type RefreshPolicy,
  type StolenToken,
  stealAtIssuance,
} from './clients.ts';
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

const POLICIES: readonly RefreshPolicy[] = ['ahead', 'after401'];

/** `usersPerClient` users of each refresh policy, in POLICIES order. */
function lifetimeUsers(nodeUrl: string, agent: Dispatcher, settings: PointSettings): LifetimeUser[] {
  const { ttlSeconds, usersPerClient, requestIntervalMs } = settings;
  return POLICIES.flatMap((policy, p) =>
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
}

/**
 * Runs both kinds of client and the thief against one node whose ACCESS_TOKEN_TTL is `ttlSeconds`.
 * It lasts until the stolen token is refused and every user has refreshed at least once (so each
 * user contributes a refresh period), bounded by a deadline of three exposure windows.
 */
export async function measurePoint(nodeUrl: string, settings: PointSettings): Promise<MeasuredPoint> {
  const agent = createAgent(2 * settings.usersPerClient + 4);
  const users = lifetimeUsers(nodeUrl, agent, settings);
  try {
    await mapLimit(users, 8, (user) => user.login());
    const stolen = await stealAtIssuance(nodeUrl, agent);
    // After every login: the window counts refresh writes only.
    const writesBefore = await storeWrites(nodeUrl);
    const startedAt = performance.now();
    const exposureSeconds = await runUntilRefused(nodeUrl, agent, stolen, users, settings);
    const writes = (await storeWrites(nodeUrl)) - writesBefore;
    return pointOf(users, settings, {
      exposureSeconds,
      writes,
      windowSeconds: (performance.now() - startedAt) / 1000,
    });
  } finally {
    for (const user of users) user.stop();
    await agent.close();
  }
}

/**
 * The users' traffic and the thief's replays until the stolen token is refused and every user has
 * refreshed (or the deadline passes); the seconds the stolen token kept working.
 */
async function runUntilRefused(
  nodeUrl: string,
  agent: Dispatcher,
  stolen: StolenToken,
  users: LifetimeUser[],
  settings: PointSettings,
): Promise<number> {
  const startedAt = performance.now();
  // The token may live up to the verifier's tolerance past its lifetime; allow for it generously.
  const deadlineMs = 3 * (settings.ttlSeconds + 10) * 1000;
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
  return exposureSeconds;
}

/** The point's figures from the users' logs and the store writes counted over the window. */
function pointOf(
  users: LifetimeUser[],
  settings: PointSettings,
  window: { exposureSeconds: number; writes: number; windowSeconds: number },
): MeasuredPoint {
  const { usersPerClient } = settings;
  const logOf = (policy: RefreshPolicy) => {
    const mine = users.filter((_, i) => POLICIES[Math.floor(i / usersPerClient)] === policy);
    return {
      issuedAtMs: mine.map((user) => user.log.issuedAtMs),
      expiryFailures: mine.reduce((sum, user) => sum + user.log.expiryFailures, 0),
    };
  };
  const ahead = clientFigures(logOf('ahead'));
  const after401 = clientFigures(logOf('after401'));
  const refreshes = users.reduce((sum, user) => sum + user.log.issuedAtMs.length - 1, 0);
  const writesPerRefresh = refreshes > 0 ? window.writes / refreshes : 0;
  return {
    point: {
      accessTtlSeconds: settings.ttlSeconds,
      measured: true,
      refreshesPerUserHour: ahead.refreshesPerUserHour,
      storeWritesPerUserHour: writesPerRefresh * ahead.refreshesPerUserHour,
      exposureSeconds: window.exposureSeconds,
      clients: { ahead, after401 },
      usersPerClient,
      windowSeconds: window.windowSeconds,
    },
    storeWrites: window.writes,
    refreshes,
  };
}
