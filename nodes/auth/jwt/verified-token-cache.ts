import type { VerifiedAccess } from './access-token.ts';

/**
 * Per-node LRU of already-verified access tokens, keyed by the exact token string (only a token
 * that passed the full verify can ever be found), so the hot path skips the HMAC verify and the
 * base64/JSON decode. Bounded by `capacity` (0 disables it); an entry dies at the token's `exp`.
 * A Map keeps insertion order, so "delete + set" on a hit moves the entry to the young end and the
 * first key is always the least recently used. The cache never replaces the denylist check.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, VerifiedAccess>();

  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.entries.size;
  }

  get(token: string, nowMs: number): VerifiedAccess | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.expMs) {
      this.entries.delete(token);
      return undefined;
    }
    this.entries.delete(token);
    this.entries.set(token, entry);
    return entry;
  }

  set(token: string, entry: VerifiedAccess, nowMs: number): void {
    if (this.capacity === 0 || nowMs >= entry.expMs) return;
    this.entries.delete(token);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, entry);
  }

  delete(token: string): void {
    this.entries.delete(token);
  }

  clear(): void {
    this.entries.clear();
  }
}
