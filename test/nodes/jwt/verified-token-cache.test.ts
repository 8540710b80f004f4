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

  it('capacity 0 disables it', () => {
    const cache = new VerifiedTokenCache(0);
    cache.set('a', entry('a', 10_000), 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
