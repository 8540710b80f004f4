import type { VerifiedAccess } from './access-token.ts';

interface Entry {
  /** The whole credential as presented (the Authorization header): a hit must equal it exactly. */
  credential: string;
  /** The token inside it, by which an entry is deleted (logout, revoked). */
  token: string;
  access: VerifiedAccess;
  /** The cache's clock when the entry last went to the young end of the Map. */
  stamp: number;
}

/**
 * Per-node LRU of already-verified access tokens, found by the exact credential that carried the
 * token (the whole `Authorization` header: only a header whose token passed the full verify can
 * ever be found; the Map's key is mixed from the token's signature, see keyOf), so the hot path
 * skips the header parsing, the HMAC verify and the base64/JSON decode. The header as it arrived
 * compares in one flat step; a token sliced out of it would take V8's slow path. Bounded by
 * `capacity` (0 disables it); an entry dies at the token's `exp`. The cache never replaces the
 * denylist check.
 *
 * A Map keeps insertion order, so the first key is the one evicted. A hit moves its entry to the
 * young end ("delete + set") only when it sits in the older half, i.e. when at least half the
 * capacity of insertions and moves happened since it last moved: a hit on a recently used token
 * (the common case: a few hot tokens) is one lookup and no Map churn. An entry used again is
 * therefore never evicted before half the capacity has gone by after that use; exact LRU order is
 * kept only to within half the capacity.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<number, Entry>();
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

  get(credential: string, nowMs: number): VerifiedAccess | undefined {
    const key = keyOf(credential);
    const entry = this.entries.get(key);
    if (entry === undefined || entry.credential !== credential) return undefined;
    if (nowMs >= entry.access.expMs) {
      this.entries.delete(key);
      return undefined;
    }
    if (this.clock - entry.stamp >= this.moveAfter) {
      this.entries.delete(key);
      entry.stamp = ++this.clock;
      this.entries.set(key, entry);
    }
    return entry.access;
  }

  /** `credential` ends with `token` (a bare token is its own credential). */
  set(credential: string, access: VerifiedAccess, nowMs: number, token = credential): void {
    if (this.capacity === 0 || nowMs >= access.expMs) return;
    const key = keyOf(token);
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { credential, token, access, stamp: ++this.clock });
  }

  delete(token: string): void {
    const key = keyOf(token);
    if (this.entries.get(key)?.token === token) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Characters mixed into the key: the signature's last ones. */
const KEY_CHARS = 8;

/**
 * The Map key: a small integer mixed from the token's last eight characters (its signature's:
 * HS256 gives 43 random base64url characters), which are also the credential's last eight. A
 * request's token is a fresh string, so a string key is hashed on every lookup: the whole token
 * cost 0.55 µs per request at max rate, its signature segment (found with lastIndexOf, then
 * sliced) about 3 µs in a profile at 1000 req/s, where every request runs cold
 * (docs/benchmarks.md); an integer key is hashed in a few instructions. Two given tokens share a
 * key with odds of about one in a billion: the entry keeps the whole credential and a hit must
 * equal it, so a shared key only costs one of them a full verify, and only the exact string that
 * passed the full verify is ever found.
 */
function keyOf(token: string): number {
  let key = 0;
  for (let i = Math.max(0, token.length - KEY_CHARS); i < token.length; i++) {
    key = (Math.imul(key, 31) + token.charCodeAt(i)) | 0;
  }
  // Non-negative and below 2^30: a small integer (Smi) for V8, hashed without an allocation.
  return key & 0x3fffffff;
}
