import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode, errorBody, isCode, isErrorCode, statusOf } from './error-codes.ts';
import { AuthscaleError } from './errors.ts';
import { CATALOGUES } from './i18n/index.ts';

const entries = Object.entries(ERROR_CODES) as [ErrorCode, (typeof ERROR_CODES)[ErrorCode]][];

describe('error-code registry', () => {
  it('every code has an HTTP error status (or 0 for the two no-answer labels)', () => {
    for (const [code, entry] of entries) {
      expect(code, code).toMatch(/^ERR_[A-Z_]+$/);
      const label = code === 'ERR_NO_RESPONSE' || code === 'ERR_APPLY_FAILED';
      if (label) expect(entry.status, code).toBe(0);
      else expect(entry.status >= 400 && entry.status < 600, code).toBe(true);
    }
  });

  it('every code is explained in English and Korean, each by its own message', () => {
    for (const [code, entry] of entries) {
      expect(CATALOGUES.en[entry.message], code).toBeTruthy();
      expect(CATALOGUES.ko[entry.message], code).toBeTruthy();
    }
    expect(new Set(entries.map(([, e]) => e.message)).size).toBe(entries.length);
  });

  it('the balancer answers the contract 502/503/504 codes', () => {
    expect(statusOf('ERR_UPSTREAM_UNAVAILABLE')).toBe(502);
    expect(statusOf('ERR_NO_HEALTHY_UPSTREAM')).toBe(503);
    expect(statusOf('ERR_UPSTREAM_TIMEOUT')).toBe(504);
    expect(statusOf('ERR_SESSION_UNKNOWN')).toBe(401);
  });

  it('an AuthscaleError takes its status from the registry', () => {
    const error = new AuthscaleError('ERR_LOGIN_BUSY', 'busy', { 'retry-after': '1' });
    expect(error.statusCode).toBe(503);
    expect(error.toJSON()).toEqual(errorBody('ERR_LOGIN_BUSY', 'busy'));
  });

  it('isErrorCode accepts registry codes only', () => {
    expect(isErrorCode('ERR_TOKEN_EXPIRED')).toBe(true);
    expect(isErrorCode('ERR_NOPE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });

  it('isCode compares an answered code with a registry code; a misspelt one does not typecheck', () => {
    expect(isCode('ERR_TOKEN_EXPIRED', 'ERR_TOKEN_EXPIRED')).toBe(true);
    expect(isCode('ERR_TOKEN_REVOKED', 'ERR_TOKEN_EXPIRED')).toBe(false);
    expect(isCode(undefined, 'ERR_TOKEN_EXPIRED')).toBe(false);
    // @ts-expect-error `npm run typecheck` fails if a code outside the registry is accepted.
    expect(isCode('ERR_TOKEN_EXPIRD', 'ERR_TOKEN_EXPIRD')).toBe(true);
  });
});
