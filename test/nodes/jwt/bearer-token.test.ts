import { describe, expect, it } from 'vitest';
import type { AuthscaleError } from '../../../lib/errors.ts';
import { bearerToken } from '../../../nodes/auth/jwt/bearer-token.ts';
import { fakeRequest } from '../../helpers/fake-request.ts';

describe('bearerToken', () => {
  it('reads Bearer tokens and rejects everything else with a code', () => {
    expect(bearerToken(fakeRequest({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(bearerToken(fakeRequest({ authorization: 'BEARER abc' }))).toBe('abc');
    const codeFor = (headers: Record<string, string>) => {
      try {
        bearerToken(fakeRequest(headers));
        return 'accepted';
      } catch (error) {
        return (error as AuthscaleError).code;
      }
    };
    expect(codeFor({})).toBe('ERR_NO_CREDENTIALS');
    expect(codeFor({ authorization: '' })).toBe('ERR_NO_CREDENTIALS');
    expect(codeFor({ authorization: 'Bearer' })).toBe('ERR_TOKEN_INVALID');
    expect(codeFor({ authorization: 'Bearer ' })).toBe('ERR_TOKEN_INVALID');
    expect(codeFor({ authorization: 'Basic abc' })).toBe('ERR_TOKEN_INVALID');
    expect(codeFor({ authorization: 'Bearerabc' })).toBe('ERR_TOKEN_INVALID');
    expect(codeFor({ authorization: `Bearer ${'a'.repeat(5000)}` })).toBe('ERR_TOKEN_INVALID');
  });
});
