import { describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from '../../../nodes/auth/jwt/verified-token-cache.ts';

describe('VerifiedTokenCache', () => {
  const entry = (user: string, expMs: number) => ({ user, jti: `j-${user}`, expMs });

  it('is a bounded LRU whose entries die at exp', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', entry('a', 10_000), 0);
    cache.set('b', entry('b', 10_000), 0);
    expect(cache.get('a', 1)?.user).toBe('a'); // a is now the most recent
    cache.set('c', entry('c', 10_000), 1); // evicts b, the least recently used
    expect(cache.get('b', 2)).toBeUndefined();
    expect(cache.get('a', 2)?.user).toBe('a');
    expect(cache.get('c', 2)?.user).toBe('c');
    expect(cache.size).toBe(2);
    expect(cache.get('a', 10_000)).toBeUndefined(); // exp reached
    expect(cache.size).toBe(1);
    cache.set('old', entry('old', 5), 10); // already expired: not stored
    expect(cache.get('old', 0)).toBeUndefined();
  });

  it('keeps a token in use through many insertions, and moves it only from the older half', () => {
    const cache = new VerifiedTokenCache(4);
    cache.set('hot', entry('hot', 10_000), 0);
    for (let i = 0; i < 100; i++) {
      cache.set(`t${i}`, entry(`t${i}`, 10_000), 1);
      expect(cache.get('hot', 1)?.user).toBe('hot');
    }
    expect(cache.size).toBe(4);
    // t97, t98, t99 are the other three: a token used again is evicted no earlier than half the
    // capacity of insertions after that use (here: 2 insertions evict the unused t97 and t98 first).
    cache.set('x', entry('x', 10_000), 1);
    cache.set('y', entry('y', 10_000), 1);
    expect(cache.get('t97', 1)).toBeUndefined();
    expect(cache.get('t98', 1)).toBeUndefined();
    expect(cache.get('hot', 1)?.user).toBe('hot');
  });

  it('finds only the exact token, not another one with the same signature', () => {
    const cache = new VerifiedTokenCache(4);
    cache.set('head.alice.sig', entry('alice', 10_000), 0);
    // A tampered header or payload under a valid token's signature is never a hit.
    expect(cache.get('head.mallory.sig', 1)).toBeUndefined();
    expect(cache.get('sig', 1)).toBeUndefined();
    expect(cache.get('head.alice.sig', 1)?.user).toBe('alice');
    // Deleting the tampered string leaves the real entry alone.
    cache.delete('head.mallory.sig');
    expect(cache.get('head.alice.sig', 1)?.user).toBe('alice');
    cache.delete('head.alice.sig');
    expect(cache.get('head.alice.sig', 1)).toBeUndefined();
  });

  it('two verified tokens that share a Map key: each hit is still the exact token', () => {
    const cache = new VerifiedTokenCache(4);
    // Same length and same signature end: the same integer key (keyOf), different tokens.
    const first = 'head.payload1.SIGNATURE-END';
    const second = 'head.payload2.SIGNATURE-END';
    cache.set(first, entry('first', 10_000), 0);
    cache.set(second, entry('second', 10_000), 0);
    expect(cache.size).toBe(1);
    expect(cache.get(first, 1)).toBeUndefined();
    expect(cache.get(second, 1)?.user).toBe('second');
    cache.set(first, entry('first', 10_000), 1);
    expect(cache.get(second, 1)).toBeUndefined();
    expect(cache.get(first, 1)?.user).toBe('first');
    cache.delete(second);
    expect(cache.get(first, 1)?.user).toBe('first');
  });

  it('finds a token by the exact header that carried it, and deletes it by the token', () => {
    const cache = new VerifiedTokenCache(4);
    const token = 'head.alice.SIGNATURE';
    cache.set(`Bearer ${token}`, entry('alice', 10_000), 0, token);
    expect(cache.get(`Bearer ${token}`, 1)?.user).toBe('alice');
    // Another spelling of the same credential, or the bare token, is not that header: no hit.
    expect(cache.get(`bearer ${token}`, 1)).toBeUndefined();
    expect(cache.get(token, 1)).toBeUndefined();
    expect(cache.get(`Bearer  ${token}`, 1)).toBeUndefined();
    cache.delete(`Bearer ${token}`); // not a token it holds: nothing deleted
    expect(cache.get(`Bearer ${token}`, 1)?.user).toBe('alice');
    cache.delete(token);
    expect(cache.get(`Bearer ${token}`, 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('capacity 0 disables it', () => {
    const cache = new VerifiedTokenCache(0);
    cache.set('a', entry('a', 10_000), 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
