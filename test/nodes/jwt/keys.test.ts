import { describe, expect, it } from 'vitest';
import { deriveKeyBytes } from '../../../nodes/auth/jwt/keys.ts';
import { TEST_SECRET } from '../../helpers/jwt-app.ts';

describe('keys', () => {
  it('derives distinct access and refresh keys, identical for the same secret', () => {
    const a = deriveKeyBytes(TEST_SECRET);
    const b = deriveKeyBytes(TEST_SECRET);
    expect(Buffer.from(a.access).equals(Buffer.from(b.access))).toBe(true);
    expect(Buffer.from(a.access).equals(Buffer.from(a.refresh))).toBe(false);
    expect(a.access.length).toBe(32);
    expect(Buffer.from(deriveKeyBytes(`${TEST_SECRET}x`).access).equals(Buffer.from(a.access))).toBe(false);
  });
});
