import type { ErrorCode } from '../lib/error-codes.ts';

/**
 * Per-node counts of the authenticated requests the console itself sees: its background virtual
 * users and the viewers' "try it yourself" requests (both go through the balancer; the answering
 * node is the x-node-id header, the failure reason the body's code). Logins are counted apart:
 * the figures are about GET /api/me. A request no node answered (balancer 503, refused
 * connection while the balancer swaps) is counted under `unrouted`.
 *
 * Totals run from the last reset (a new cluster or balancer); rates and the failure rate come
 * from the last WINDOW_SECONDS one-second buckets, so the live figure follows the current set-up.
 */
export const WINDOW_SECONDS = 10;

export interface NodeCounts {
  requests: number;
  ok: number;
  failed: number;
  failuresByCode: Record<string, number>;
}

export interface Outcome {
  nodeId: string | undefined;
  status: number;
  code: string | undefined;
}

interface Bucket {
  requests: number;
  failed: number;
  byNode: Map<string, { ok: number; failed: number }>;
}

function emptyCounts(): NodeCounts {
  return { requests: 0, ok: 0, failed: 0, failuresByCode: {} };
}

function emptyBucket(): Bucket {
  return { requests: 0, failed: 0, byNode: new Map() };
}

/** The label of a request that got no HTTP answer at all (status 0). */
export const NO_RESPONSE: ErrorCode = 'ERR_NO_RESPONSE';

/** Status 0 (no answer at all) gets a code of its own so it is never blank on the page. */
export function outcomeCode(outcome: Outcome): string {
  return outcome.code ?? (outcome.status === 0 ? NO_RESPONSE : `HTTP_${outcome.status}`);
}

export class Tally {
  private nodes = new Map<string, NodeCounts>();
  private unrouted = emptyCounts();
  private buckets: Bucket[] = [emptyBucket()];
  logins = 0;
  loginFailures = 0;
  /** GET /api/me sent as the first request on a new connection, and how many got a 401. */
  firstOnConnection = { requests: 0, missed: 0 };
  startedAt = Date.now();

  reset(): void {
    this.firstOnConnection = { requests: 0, missed: 0 };
    this.nodes = new Map();
    this.unrouted = emptyCounts();
    this.buckets = [emptyBucket()];
    this.logins = 0;
    this.loginFailures = 0;
    this.startedAt = Date.now();
  }

  record(outcome: Outcome): void {
    const ok = outcome.status >= 200 && outcome.status < 300;
    const key = outcome.nodeId;
    const counts = key === undefined ? this.unrouted : this.countsOf(key);
    counts.requests++;
    if (ok) counts.ok++;
    else {
      counts.failed++;
      const code = outcomeCode(outcome);
      counts.failuresByCode[code] = (counts.failuresByCode[code] ?? 0) + 1;
    }
    const bucket = this.buckets.at(-1)!;
    bucket.requests++;
    if (!ok) bucket.failed++;
    const perNode = bucket.byNode.get(key ?? '') ?? { ok: 0, failed: 0 };
    if (ok) perNode.ok++;
    else perNode.failed++;
    bucket.byNode.set(key ?? '', perNode);
  }

  recordFirstOnConnection(missed: boolean): void {
    this.firstOnConnection.requests++;
    if (missed) this.firstOnConnection.missed++;
  }

  recordLogin(ok: boolean): void {
    this.logins++;
    if (!ok) this.loginFailures++;
  }

  countsOf(nodeId: string): NodeCounts {
    let counts = this.nodes.get(nodeId);
    if (!counts) {
      counts = emptyCounts();
      this.nodes.set(nodeId, counts);
    }
    return counts;
  }

  /** Failures with `code` over every node and the unrouted ones, since the last reset. */
  failuresWith(code: string): number {
    const all = [...this.nodes.values(), this.unrouted];
    return all.reduce((sum, counts) => sum + (counts.failuresByCode[code] ?? 0), 0);
  }

  get unroutedCounts(): NodeCounts {
    return this.unrouted;
  }

  /** Closes the current one-second bucket; returns it (the last second's per-node ok/failed). */
  rotate(): Bucket {
    const closed = this.buckets.at(-1)!;
    this.buckets.push(emptyBucket());
    if (this.buckets.length > WINDOW_SECONDS + 1) this.buckets.shift();
    return closed;
  }

  /** Requests and failures over the closed buckets of the window (the open one is partial). */
  window(): { seconds: number; requests: number; failed: number; failureRate: number | null } {
    const closed = this.buckets.slice(0, -1);
    const requests = closed.reduce((sum, b) => sum + b.requests, 0);
    const failed = closed.reduce((sum, b) => sum + b.failed, 0);
    return { seconds: closed.length, requests, failed, failureRate: requests > 0 ? failed / requests : null };
  }
}
