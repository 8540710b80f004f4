import { describe, expect, it } from 'vitest';
import { CookieJar } from '../../../scenarios/client/http.ts';

describe('cookie jar', () => {
  it('stores, scopes by path, and deletes on Max-Age=0', () => {
    const jar = new CookieJar();
    jar.store([
      'sid=abc.def; Max-Age=1800; Path=/; HttpOnly',
      'rt=tok; Path=/auth; HttpOnly',
      'lb=n1; Path=/',
    ]);
    expect(jar.header('/api/me')).toBe('sid=abc.def; lb=n1');
    expect(jar.header('/auth/refresh')).toBe('sid=abc.def; rt=tok; lb=n1');
    expect(jar.header('/authx')).toBe('sid=abc.def; lb=n1');
    jar.store('sid=; Max-Age=0; Path=/');
    expect(jar.get('sid')).toBeUndefined();
    jar.store('rt=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/auth');
    expect(jar.header('/auth/refresh')).toBe('lb=n1');
  });

  it('clone is independent', () => {
    const jar = new CookieJar();
    jar.set('sid', 'one');
    const copy = jar.clone();
    copy.set('sid', 'two');
    expect(jar.get('sid')).toBe('one');
  });
});
