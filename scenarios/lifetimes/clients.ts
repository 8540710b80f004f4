import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { isCode } from '../../lib/error-codes.ts';
import { send, VirtualUser } from '../client/http.ts';
import { aheadMarginSeconds } from './math.ts';

/**
 * The two clients of the lifetime trade-off. Both send GET /api/me every `requestIntervalMs`.
 * - `after401` refreshes only when a request fails with ERR_TOKEN_EXPIRED, then retries it;
 * - `ahead` refreshes on a timer, a margin before the lifetime it was told (`expiresIn`) runs out.
 * Every token issuance (login, refresh) is timed when its request was sent, as a careful client
 * anchors the lifetime it is told (the token cannot have been issued earlier): so the round trip,
 * which grows with the machine's load, does not add to each period.
 */
export type RefreshPolicy = 'ahead' | 'after401';

export interface ClientRun {
  issuedAtMs: number[];
  expiryFailures: number;
  otherFailures: number;
  requests: number;
}

export class LifetimeUser {
  readonly log: ClientRun = { issuedAtMs: [], expiryFailures: 0, otherFailures: 0, requests: 0 };
  private readonly user: VirtualUser;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** The refresh in flight, if any: counted only once it has settled. */
  private inflight: Promise<unknown> = Promise.resolve();
  private stopped = false;

  private readonly policy: RefreshPolicy;
  private readonly ttlSeconds: number;
  private readonly requestIntervalMs: number;

  constructor(
    name: string,
    nodeUrl: string,
    agent: Dispatcher,
    policy: RefreshPolicy,
    ttlSeconds: number,
    requestIntervalMs: number,
  ) {
    this.policy = policy;
    this.ttlSeconds = ttlSeconds;
    this.requestIntervalMs = requestIntervalMs;
    this.user = new VirtualUser(name, nodeUrl, agent);
  }

  async login(): Promise<void> {
    let sentAt = performance.now();
    let reply = await this.user.login();
    // A busy machine can make the node's store time out: set-up logins wait it out.
    for (let attempt = 1; (reply.status === 503 || reply.status === 0) && attempt < 5; attempt++) {
      await sleep(250 * attempt);
      sentAt = performance.now();
      reply = await this.user.login();
    }
    if (reply.status !== 200)
      throw new Error(`login answered ${reply.status} ${reply.code ?? reply.error ?? ''}`);
    this.issued(sentAt);
  }

  private issued(sentAt: number): void {
    this.log.issuedAtMs.push(sentAt);
    if (this.policy !== 'ahead' || this.stopped) return;
    const dueAt = sentAt + (this.ttlSeconds - aheadMarginSeconds(this.ttlSeconds)) * 1000;
    this.refreshTimer = setTimeout(
      () => {
        this.inflight = this.refresh();
      },
      Math.max(0, dueAt - performance.now()),
    );
  }

  private async refresh(): Promise<boolean> {
    if (this.stopped) return false;
    const sentAt = performance.now();
    const reply = await this.user.refresh();
    if (reply.status !== 200) {
      this.log.otherFailures++;
      return false;
    }
    this.issued(sentAt);
    return true;
  }

  /** Sends requests until `until()` is true. */
  async run(until: () => boolean): Promise<void> {
    while (!until()) {
      this.log.requests++;
      const reply = await this.user.me();
      if (reply.status === 401 && isCode(reply.code, 'ERR_TOKEN_EXPIRED') && this.policy === 'after401') {
        this.log.expiryFailures++;
        if (await this.refresh()) {
          this.log.requests++; // the retry of the request that failed
          await this.user.me();
        }
      } else if (reply.status === 401 && isCode(reply.code, 'ERR_TOKEN_EXPIRED')) {
        this.log.expiryFailures++;
      } else if (reply.status !== 200) {
        this.log.otherFailures++;
      }
      await sleep(this.requestIntervalMs);
    }
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.refreshTimer);
  }

  /** Resolves once no refresh of this user is in flight (its store write is then done). */
  async settled(): Promise<void> {
    await this.inflight;
  }
}

/** A victim logged in for the thief: its access token, taken the moment it was issued. */
export interface StolenToken {
  token: string;
  issuedAtMs: number;
}

export async function stealAtIssuance(nodeUrl: string, agent: Dispatcher): Promise<StolenToken> {
  const victim = new VirtualUser('alice', nodeUrl, agent);
  const login = await victim.login();
  const issuedAtMs = performance.now();
  if (login.status !== 200 || !victim.accessToken) throw new Error(`victim login answered ${login.status}`);
  return { token: victim.accessToken, issuedAtMs };
}

/**
 * The thief replays the stolen token every `pollMs` until the node refuses it; resolves to the
 * seconds it worked after issuance (undefined if it outlived `deadlineMs`).
 */
export async function measureExposure(
  nodeUrl: string,
  agent: Dispatcher,
  stolen: StolenToken,
  pollMs: number,
  deadlineMs: number,
): Promise<number | undefined> {
  const headers = { authorization: `Bearer ${stolen.token}` };
  while (performance.now() - stolen.issuedAtMs < deadlineMs) {
    const reply = await send(nodeUrl, agent, { path: '/api/me', headers });
    if (reply.status === 401) return (performance.now() - stolen.issuedAtMs) / 1000;
    await sleep(pollMs);
  }
  return undefined;
}
