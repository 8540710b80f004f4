import type { VerifiedAccess } from './access-token.ts';

interface Entry {
  access: VerifiedAccess;
  /** The cache's clock when the entry last went to the young end of the Map. */
  stamp: number;
}

/**
 * Per-node LRU of already-verified access tokens, keyed by the exact token string (only a token
 * that passed the full verify can ever be found), so the hot path skips the HMAC verify and the
 * base64/JSON decode. Bounded by `capacity` (0 disables it); an entry dies at the token's `exp`.
 * The cache never replaces the denylist check.
 *
 * A Map keeps insertion order, so the first key is the one evicted. A hit moves its entry to the
 * young end ("delete + set") only when it sits in the older half, i.e. when at least half the
 * capacity of insertions and moves happened since it last moved: a hit on a recently used token
 * (the common case: a few hot tokens) is one lookup and no Map churn. An entry used again is
 * therefore never evicted before half the capacity has gone by after that use; exact LRU order is
 * kept only to within half the capacity.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly moveAfter: number;
  private clock = 0;

  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.moveAfter = Math.max(1, capacity >>> 1);
  }

  get size(): number {
    return this.entries.size;
  }

  get(token: string, nowMs: number): VerifiedAccess | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.access.expMs) {
      this.entries.delete(token);
      return undefined;
    }
    if (this.clock - entry.stamp >= this.moveAfter) {
      this.entries.delete(token);
      entry.stamp = ++this.clock;
      this.entries.set(token, entry);
    }
    return entry.access;
  }

  set(token: string, access: VerifiedAccess, nowMs: number): void {
    if (this.capacity === 0 || nowMs >= access.expMs) return;
    this.entries.delete(token);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { access, stamp: ++this.clock });
  }

  delete(token: string): void {
    this.entries.delete(token);
  }

  clear(): void {
    this.entries.clear();
  }
}
