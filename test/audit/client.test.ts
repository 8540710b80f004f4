import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CookieJar, parseSetCookie } from '../../audit/client/cookie-jar.ts';
import { hiddenFields } from '../../audit/client/hidden-fields.ts';
import {
  decodeClientSession,
  decodeJwt,
  looksLikeRailsSession,
  opaqueId,
} from '../../audit/measure/decode.ts';
import { flipped, jwtForgeries, truncated } from '../../audit/measure/forge-jwt.ts';

const app = new URL('http://127.0.0.1:4001/auth/login');

describe('the audit cookie jar', () => {
  it('keeps attributes, defaults the path to the request directory, ignores ports like a browser', () => {
    const jar = new CookieJar();
    const [sid] = jar.store(
      ['sid=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60', 'rt=r1; HttpOnly'],
      app,
      1000,
    );
    expect(sid).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      maxAgeSeconds: 60,
      expiresAt: 61_000,
      secure: false,
    });
    expect(jar.header(new URL('http://127.0.0.1:4002/api/me'), 2000)).toBe('sid=abc');
    // rt had no Path: it belongs to /auth (the login's directory) and goes there, longest path first.
    expect(jar.header(new URL('http://127.0.0.1:4003/auth/refresh'), 2000)).toBe('rt=r1; sid=abc');
    expect(jar.header(new URL('http://127.0.0.1:4003/authx'), 2000)).toBe('sid=abc');
  });

  it('expires by Max-Age (which wins over Expires) and deletes on Max-Age=0 or a past Expires', () => {
    const jar = new CookieJar();
    jar.store(['a=1; Path=/; Max-Age=10; Expires=Wed, 01 Jan 2020 00:00:00 GMT', 'b=2; Path=/'], app, 0);
    expect(jar.header(new URL('http://127.0.0.1/x'), 5_000)).toBe('a=1; b=2');
    expect(jar.header(new URL('http://127.0.0.1/x'), 11_000)).toBe('b=2');
    jar.store('b=; Path=/; Max-Age=0', app, 12_000);
    expect(jar.header(new URL('http://127.0.0.1/x'), 12_000)).toBeUndefined();
    jar.store(['c=3; Path=/', 'c=; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT'], app, Date.now());
    expect(jar.all()).toEqual([]);
  });

  it('matches Domain for subdomains, refuses another site, keeps Secure cookies off plain http (not loopback)', () => {
    const jar = new CookieJar();
    const site = new URL('http://app.example.test/login');
    jar.store(
      ['d=1; Domain=.example.test; Path=/', 'h=2; Path=/', 'x=3; Domain=other.test', 's=4; Secure; Path=/'],
      site,
    );
    expect(jar.header(new URL('http://api.example.test/'))).toBe('d=1');
    expect(jar.header(new URL('http://app.example.test/'))).toBe('d=1; h=2');
    expect(jar.header(new URL('https://app.example.test/'))).toBe('d=1; h=2; s=4');
    expect(jar.all().some((c) => c.name === 'x')).toBe(false);
    expect(parseSetCookie('s=1; Secure', app)?.secure).toBe(true);
  });
});

describe('the login page', () => {
  it('finds hidden anti-CSRF fields in any attribute order and quoting, decoding entities', () => {
    const html = `<form><input type="hidden" name="csrf_token" value="a&amp;b">
      <INPUT value='tok' name='authenticity_token' type='HIDDEN'><input name="user" value="x">
      <input type=hidden name=_csrf value=q1></form>`;
    expect(hiddenFields(html)).toEqual({ csrf_token: 'a&b', authenticity_token: 'tok', _csrf: 'q1' });
  });
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('what a credential is', () => {
  it('decodes a JWT (also behind Bearer) and nothing that only looks like one', () => {
    const token = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'alice', exp: 10 })}.c2ln`;
    expect(decodeJwt(`Bearer ${token}`)?.claims.sub).toBe('alice');
    expect(decodeJwt('a.b.c')).toBeUndefined();
  });

  it('recognises client-side sessions: Flask (plain and compressed), koa-session, Rails', () => {
    const data = { user_id: 7, name: 'alice' };
    expect(decodeClientSession(`${b64(data)}.ZxYw.sig`)).toEqual({ as: 'signed-json', data });
    const compressed = `.${deflateSync(JSON.stringify(data)).toString('base64url')}.ZxYw.sig`;
    expect(decodeClientSession(compressed)?.data).toEqual(data);
    expect(decodeClientSession(Buffer.from(JSON.stringify(data)).toString('base64'))?.as).toBe('json');
    expect(decodeClientSession('s%3AO3x9Yq1bZ.signature')).toBeUndefined();
    expect(looksLikeRailsSession('_app_session', 'QmFzZTY0RW5jcnlwdGVkRGF0YQ==--aXY=--dGFn')).toBe(true);
  });

  it('estimates an opaque id: hex 4 bits a character, base64url 6, the signature of s:id.sig left out', () => {
    expect(opaqueId('0123456789abcdef0123456789abcdef')).toEqual({ length: 32, bits: 128 });
    expect(opaqueId('s%3AAbC-_dEf012345678901234567890123.signaturepart')).toEqual({ length: 32, bits: 192 });
    expect(opaqueId('12345').bits).toBe(20);
  });
});

describe('forgeries', () => {
  it('build the RFC 8725 set from a real token; expired only when a known secret verifies it', async () => {
    const { SignJWT } = await import('jose');
    const secret = 'a-secret-the-app-got-in-its-env-0123';
    const token = await new SignJWT({ sub: 'alice' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(secret));
    const withKey = await jwtForgeries(token, 'bob', [secret]);
    expect(withKey.map((f) => f.id)).toEqual([
      'alg-none',
      'signature-stripped',
      'payload-tampered',
      'wrong-key',
      'expired',
    ]);
    const byId = Object.fromEntries(withKey.map((f) => [f.id, f.token!]));
    expect(decodeJwt(byId['alg-none']!)?.header.alg).toBe('none');
    expect(byId['alg-none']!.endsWith('.')).toBe(true);
    expect(byId['signature-stripped']).toBe(`${token.split('.').slice(0, 2).join('.')}.`);
    expect(decodeJwt(byId['payload-tampered']!)?.claims.sub).toBe('bob');
    expect(byId['payload-tampered']!.split('.')[2]).toBe(token.split('.')[2]);
    expect(Number(decodeJwt(byId.expired!)?.claims.exp)).toBeLessThan(Date.now() / 1000);
    const withoutKey = await jwtForgeries(token, 'bob', ['not-the-key-at-all']);
    expect(withoutKey.find((f) => f.id === 'expired')).toMatchObject({ skipped: 'key-unknown' });
  });

  it('change a signed cookie after its last dot (URL-encoding kept) and cut its end', () => {
    expect(flipped('s%3Aid.Xsig')).toBe(encodeURIComponent('s:id.Asig'));
    expect(flipped('data.ts.Asig')).toBe('data.ts.Bsig');
    expect(truncated('abcdefgh')).toBe('abcd');
  });
});
