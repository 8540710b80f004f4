import { type Cluster, type ClusterOptions, startCluster } from '../../cluster/start-cluster.ts';
import { isCode } from '../../lib/error-codes.ts';
import { CLOCK_TOLERANCE_S } from '../../nodes/auth/jwt/constants.ts';
import { createAgent, demoUser, loginWithRetry, mapLimit, type Reply, VirtualUser } from '../client/http.ts';
import { contextFromCluster, type ScenarioContext, type ScenarioOptions } from '../core/context.ts';
import type {
  CredentialWindow,
  LifetimeSetting,
  LifetimeSettings,
  RevocationResult,
  StopReason,
} from '../core/types.ts';

/**
 * revocation — the seed's safety claim, measured. A victim logs in; an attacker replays a copy of
 * the victim's credential from a second client until it actually stops working. To observe the
 * end in a bounded time, a launched run measures on its own cluster with short lifetimes
 * (SHORT_LIFETIMES) and reports each window beside the production setting it scales to (derived,
 * `measured: false`). Three windows, measured at the same time:
 * - afterLogout: the victim logs out; the copy is replayed every ~250 ms until every node rejects it;
 * - stolenAccess: the victim stays logged in; the longest delay after the theft at which the copy
 *   still works (sessions: one session per delay, since a replay renews the idle timeout; tokens:
 *   replayed until expiry);
 * - stolenRefresh (jwt modes): the thief mints access tokens with the stolen refresh cookie every
 *   ~250 ms; the victim refreshes once, VICTIM_REFRESH_AFTER_S after the theft. jwt (stateless):
 *   nothing notices, the thief goes on until the refresh token expires; jwt-redis: the victim's
 *   refresh presents a rotated-away token, reuse detection revokes the family, the thief is out.
 * Tokens work CLOCK_TOLERANCE_S past their exp (the nodes' allowance for clock skew).
 */
export const SHORT_LIFETIMES: LifetimeSettings = {
  accessTokenTtl: 5,
  refreshTokenTtl: 8,
  sessionIdleTtl: 6,
  sessionAbsoluteTtl: 10,
};
/** The node defaults (nodes/config.ts, docs/configuration.md). */
export const PRODUCTION_LIFETIMES: LifetimeSettings = {
  accessTokenTtl: 15 * 60,
  refreshTokenTtl: 7 * 24 * 3600,
  sessionIdleTtl: 30 * 60,
  sessionAbsoluteTtl: 8 * 3600,
};
const VICTIM_REFRESH_AFTER_S = 3;
const POLL_MS = 250;
/** Under --target the lifetimes are the target's own: observe at most this long. */
const TARGET_BOUND_S = { quick: 5, full: 15 };

const SETTING_KEY: Record<LifetimeSetting, keyof LifetimeSettings> = {
  ACCESS_TOKEN_TTL: 'accessTokenTtl',
  REFRESH_TOKEN_TTL: 'refreshTokenTtl',
  SESSION_IDLE_TTL: 'sessionIdleTtl',
  SESSION_ABSOLUTE_TTL: 'sessionAbsoluteTtl',
};

function shortEnv(l: LifetimeSettings): Record<string, string> {
  return {
    ACCESS_TOKEN_TTL: `${l.accessTokenTtl}s`,
    REFRESH_TOKEN_TTL: `${l.refreshTokenTtl}s`,
    SESSION_IDLE_TTL: `${l.sessionIdleTtl}s`,
    SESSION_ABSOLUTE_TTL: `${l.sessionAbsoluteTtl}s`,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const seconds = (ms: number) => Math.round(ms / 10) / 100;

interface Measure {
  ctx: ScenarioContext;
  settings: LifetimeSettings;
  /** Longest window worth observing, in seconds. */
  boundS: number;
  agent: ReturnType<typeof createAgent>;
}

/** A copy of the victim's credentials in a second client (cookies and bearer token). */
function thief(victim: VirtualUser, url: string, agent: ReturnType<typeof createAgent>): VirtualUser {
  const copy = new VirtualUser(victim.name, url, agent);
  for (const name of ['sid', 'lb']) {
    const value = victim.jar.get(name);
    if (value !== undefined) copy.jar.set(name, value);
  }
  copy.accessToken = victim.accessToken;
  return copy;
}

/**
 * One replay: works when any node accepts it; refused only when 4N answers were 401 (round-robin
 * reaches every node within N tries, but the scenario's other concurrent requests shift its turn). No reply or a 5xx says nothing about the credential
 * (a busy machine), so those tries are repeated, a bounded number of times.
 */
async function replay(user: VirtualUser, nodes: number): Promise<{ works: boolean; code?: string }> {
  let code: string | undefined;
  let refusals = 0;
  for (let tries = 0; refusals < nodes * 4 && tries < nodes * 8; tries++) {
    const reply = await user.me();
    if (reply.status === 200) return { works: true };
    if (reply.status === 401) {
      refusals++;
      code ??= reply.code;
    } else {
      await sleep(100);
    }
  }
  return { works: false, ...(code !== undefined && { code }) };
}

/**
 * Replays every POLL_MS from `from` until the copy fails or `boundS` passes. The window ends when
 * the first refused replay began (a replay tries up to 2N requests, which takes a while on a busy
 * machine); `workedAfter` says whether any replay succeeded after `from`.
 */
async function replayUntilRejected(
  m: Measure,
  copy: VirtualUser,
  from: number,
): Promise<{ seconds: number; stopped: boolean; workedAfter: boolean; code?: string }> {
  let workedAfter = false;
  while (Date.now() - from <= m.boundS * 1000) {
    const began = Date.now();
    const result = await replay(copy, m.ctx.nodes);
    if (!result.works) return { seconds: seconds(began - from), stopped: true, workedAfter, ...result };
    workedAfter = true;
    await sleep(began + POLL_MS - Date.now());
  }
  return { seconds: seconds(Date.now() - from), stopped: false, workedAfter };
}

async function loggedIn(m: Measure, name: string): Promise<VirtualUser> {
  const user = new VirtualUser(name, m.ctx.url, m.agent);
  const login = await loginWithRetry(user);
  if (login.status !== 200)
    throw new Error(`revocation: login failed with ${login.status} ${login.code ?? ''}`);
  return user;
}

/** The window, with the setting that bounds it (when one does) and its production equivalent. */
function windowOf(
  m: Measure,
  observed: { seconds: number; stopped: boolean; code?: string },
  stoppedBy: StopReason,
  setting?: LifetimeSetting,
): CredentialWindow {
  const window: CredentialWindow = {
    seconds: observed.seconds,
    measured: true,
    stoppedBy: observed.stopped ? stoppedBy : 'not-stopped',
    ...(observed.code !== undefined && { code: observed.code }),
  };
  if (setting) {
    const key = SETTING_KEY[setting];
    const tolerance =
      setting === 'ACCESS_TOKEN_TTL' || setting === 'REFRESH_TOKEN_TTL' ? CLOCK_TOLERANCE_S : 0;
    if (m.settings[key] > 0) window.runSetting = { name: setting, seconds: m.settings[key] };
    window.production = { seconds: PRODUCTION_LIFETIMES[key] + tolerance, setting, measured: false };
  }
  return window;
}

async function afterLogout(m: Measure): Promise<CredentialWindow> {
  const victim = await loggedIn(m, 'bob');
  const copy = thief(victim, m.ctx.url, m.agent);
  if (!(await replay(copy, m.ctx.nodes)).works)
    return windowOf(m, { seconds: 0, stopped: true }, 'never-worked');
  await victim.logout();
  const observed = await replayUntilRejected(m, copy, Date.now());
  if (m.ctx.mode === 'jwt') {
    const revoked = isCode(observed.code, 'ERR_TOKEN_REVOKED');
    return revoked
      ? windowOf(m, observed, 'denylist')
      : windowOf(m, observed, 'access-expiry', 'ACCESS_TOKEN_TTL');
  }
  // A quick rejection is the logout itself; a late one means logout missed the session (memory +
  // round-robin) and the thief's own replays kept it alive until its absolute timeout.
  return observed.seconds < 1
    ? windowOf(m, observed, 'logout')
    : windowOf(m, observed, 'absolute-expiry', 'SESSION_ABSOLUTE_TTL');
}

/** Sessions: copies of separate sessions, each first replayed once after its own delay. */
async function stolenSessionIdle(m: Measure): Promise<CredentialWindow> {
  const idle = m.settings.sessionIdleTtl > 0 ? m.settings.sessionIdleTtl : m.boundS;
  const from = Math.max(0, idle - 2);
  const delays: number[] = [];
  for (let d = from; d <= Math.min(m.boundS, idle + 2); d += 0.25) delays.push(d);
  // Each copy is first replayed `delay` after its victim's login (the victim's last use).
  const outcomes = await mapLimit(delays, delays.length, async (delay, i) => {
    await sleep(i * 20); // spread the logins a little
    const loginStart = Date.now();
    const victim = await loggedIn(m, demoUser(9500 + i));
    // The server created the session somewhere during the login request: take its middle.
    const lastUse = (loginStart + Date.now()) / 2;
    const copy = thief(victim, m.ctx.url, m.agent);
    await sleep(lastUse + delay * 1000 - Date.now());
    const began = Date.now();
    const result = await replay(copy, m.ctx.nodes);
    return { delay: seconds(began - lastUse), ...result };
  });
  const worked = outcomes.filter((o) => o.works);
  const failed = outcomes.filter((o) => !o.works);
  const longest = worked.reduce((max, o) => Math.max(max, o.delay), 0);
  const firstFail = failed.find((o) => o.delay > longest);
  return windowOf(
    m,
    { seconds: longest, stopped: firstFail !== undefined, ...(firstFail?.code && { code: firstFail.code }) },
    'idle-expiry',
    'SESSION_IDLE_TTL',
  );
}

async function stolenAccessToken(m: Measure): Promise<CredentialWindow> {
  const victim = await loggedIn(m, 'alice');
  const copy = thief(victim, m.ctx.url, m.agent);
  const observed = await replayUntilRejected(m, copy, Date.now());
  return windowOf(m, observed, 'access-expiry', 'ACCESS_TOKEN_TTL');
}

async function stolenRefresh(m: Measure): Promise<NonNullable<RevocationResult['stolenRefresh']>> {
  const victim = await loggedIn(m, 'carol');
  const copy = new VirtualUser('carol', m.ctx.url, m.agent);
  const rt = victim.jar.get('rt');
  if (rt === undefined) throw new Error('revocation: no refresh cookie after login');
  copy.jar.set('rt', rt, '/auth');
  const from = Date.now();
  let victimRefreshedAt: number | undefined;
  const victimRefresh = (async () => {
    await sleep(VICTIM_REFRESH_AFTER_S * 1000);
    victimRefreshedAt = seconds(Date.now() - from);
    await victim.refresh();
  })();
  let minted = 0;
  let last: Reply | undefined;
  let lastBegan = from;
  while (Date.now() - from <= m.boundS * 1000) {
    lastBegan = Date.now();
    const due = lastBegan + POLL_MS;
    last = await copy.refresh();
    // No reply or a 5xx says nothing about the token (a busy machine): try again.
    if (last.status === 401) break;
    if (last.status === 200) minted++;
    await sleep(due - Date.now());
  }
  await victimRefresh;
  const stopped = last?.status === 401;
  const observed = {
    seconds: seconds(Date.now() - from),
    stopped,
    ...(stopped && last?.code && { code: last.code }),
  };
  const reused =
    isCode(observed.code, 'ERR_REFRESH_REUSED') ||
    (stopped && m.ctx.run === 'jwt-redis' && observed.seconds < m.settings.refreshTokenTtl);
  const window = reused
    ? windowOf(m, observed, 'reuse-detection')
    : windowOf(m, observed, 'refresh-expiry', 'REFRESH_TOKEN_TTL');
  return {
    ...window,
    accessTokensMinted: minted,
    ...(reused && victimRefreshedAt !== undefined && { victimRefreshedAt }),
  };
}

async function refreshRotation(m: Measure) {
  const victim = await loggedIn(m, demoUser(9490));
  const rt0 = victim.jar.get('rt');
  const first = await victim.refresh();
  const rt1 = victim.jar.get('rt');
  const rotated = first.status === 200 && rt0 !== undefined && rt1 !== undefined && rt1 !== rt0;
  // A second rotation puts rt0 beyond the grace window kept for the immediate predecessor.
  await victim.refresh();
  const attacker = new VirtualUser(victim.name, m.ctx.url, m.agent);
  if (rt0 !== undefined) attacker.jar.set('rt', rt0, '/auth');
  const again = await attacker.refresh();
  const reuseDetected = again.status === 401 && isCode(again.code, 'ERR_REFRESH_REUSED');
  const victimAfter = await victim.refresh();
  return { rotated, reuseDetected, familyRevoked: reuseDetected && victimAfter.status === 401 };
}

function summary(window: CredentialWindow): string {
  return `${window.stoppedBy} after ${window.seconds} s${window.measured ? ' (measured)' : ''}`;
}

async function measure(m: Measure): Promise<RevocationResult> {
  const jwt = m.ctx.mode === 'jwt';
  const [logout, stolen, refresh] = await Promise.all([
    afterLogout(m),
    jwt ? stolenAccessToken(m) : stolenSessionIdle(m),
    jwt ? stolenRefresh(m) : Promise.resolve(undefined),
  ]);
  const result: RevocationResult = {
    afterLogoutSeconds: logout.seconds,
    stolenWorksSeconds: stolen.seconds,
    stoppedBy: `after logout: ${summary(logout)}; stolen: ${summary(stolen)}`,
    afterLogout: logout,
    stolenAccess: stolen,
    ...(refresh && { stolenRefresh: refresh }),
    settings: m.settings,
    productionSettings: PRODUCTION_LIFETIMES,
    clockToleranceSeconds: CLOCK_TOLERANCE_S,
  };
  if (m.ctx.run === 'jwt-redis') result.refresh = await refreshRotation(m);
  return result;
}

/**
 * The demo measures every run's revocation at once (mostly waiting); their clusters start one at a
 * time, since on two busy cores many processes starting together miss their start-up deadline.
 * The run with the longest expected window starts first (`expectedSeconds`): it ends the phase.
 */
const waiting: { priority: number; go: () => void }[] = [];
let starting = false;

function startNext(): void {
  if (starting || waiting.length === 0) return;
  waiting.sort((a, b) => b.priority - a.priority);
  starting = true;
  waiting.shift()!.go();
}

async function startInTurn(priority: number, options: ClusterOptions): Promise<Cluster> {
  await new Promise<void>((go) => {
    waiting.push({ priority, go });
    // The runs that ask in the same tick (the demo starts them together) are all ranked.
    setImmediate(startNext);
  });
  try {
    return await startCluster(options);
  } finally {
    starting = false;
    startNext();
  }
}

/** How long a run's slowest window is expected to be observed on `l`, in seconds (its start order). */
export function expectedSeconds(ctx: Pick<ScenarioContext, 'mode' | 'run'>, l: LifetimeSettings): number {
  if (ctx.mode === 'jwt') {
    // jwt: the stolen refresh token until its exp; jwt-redis: the stolen access token until its exp.
    const ttl = ctx.run === 'jwt-redis' ? l.accessTokenTtl : l.refreshTokenTtl;
    return ttl + CLOCK_TOLERANCE_S;
  }
  // A logout that missed the session (memory + round-robin) lasts until the absolute timeout.
  return ctx.run === 'memory' ? l.sessionAbsoluteTtl : l.sessionIdleTtl + 2;
}

function boundFor(settings: LifetimeSettings): number {
  const longest = Math.max(
    settings.accessTokenTtl + CLOCK_TOLERANCE_S,
    settings.refreshTokenTtl + CLOCK_TOLERANCE_S,
    settings.sessionAbsoluteTtl,
  );
  return longest + 2;
}

export async function run(ctx: ScenarioContext, options: ScenarioOptions): Promise<RevocationResult> {
  const agent = createAgent(16);
  try {
    if (!ctx.launch) {
      // --target: its own lifetimes, observed for a bounded time (a lower bound when not stopped).
      const unknown: LifetimeSettings = {
        accessTokenTtl: 0,
        refreshTokenTtl: 0,
        sessionIdleTtl: 0,
        sessionAbsoluteTtl: 0,
      };
      const boundS = options.quick ? TARGET_BOUND_S.quick : TARGET_BOUND_S.full;
      return await measure({ ctx, settings: unknown, boundS, agent });
    }
    const { balancerPort: _fixed, ...launch } = ctx.launch;
    const cluster = await startInTurn(expectedSeconds(ctx, SHORT_LIFETIMES), {
      ...launch,
      spareNodes: 0,
      balancer: true,
      env: { ...launch.env, ...shortEnv(SHORT_LIFETIMES) },
    });
    try {
      const short = contextFromCluster(cluster, { url: cluster.url, strategy: ctx.strategy });
      return await measure({
        ctx: short,
        settings: SHORT_LIFETIMES,
        boundS: boundFor(SHORT_LIFETIMES),
        agent,
      });
    } finally {
      await cluster.close();
    }
  } finally {
    await agent.close();
  }
}
