import { describe, expect, it } from 'vitest';
import { isSecureRequest } from '../../../nodes/http/secure-request.ts';
import { fakeRequest } from '../../helpers/fake-request.ts';

describe('isSecureRequest', () => {
  it('follows COOKIE_SECURE, and in auto mode request.protocol only', () => {
    expect(isSecureRequest(fakeRequest({}), 'auto')).toBe(false);
    expect(isSecureRequest(fakeRequest({}, 'https'), 'auto')).toBe(true);
    // X-Forwarded-Proto counts only through request.protocol, i.e. from a TRUST_PROXY peer
    // (Fastify's trustProxy; see test/nodes/login.test.ts): the raw header alone never does.
    expect(isSecureRequest(fakeRequest({ 'x-forwarded-proto': 'https' }), 'auto')).toBe(false);
    expect(isSecureRequest(fakeRequest({}), 'true')).toBe(true);
    expect(isSecureRequest(fakeRequest({}, 'https'), 'false')).toBe(false);
  });
});
