import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  algNoneToken,
  signCookieValue,
  stripSignature,
  tamperCookieSignature,
  tamperPayload,
  unsignedCookieValue,
  wrongKeyToken,
} from '../../../scenarios/client/forge.ts';

describe('forgeries', () => {
  it('builds the token and cookie shapes the attacks send', async () => {
    const none = algNoneToken('alice');
    expect(decodeProtectedHeader(none).alg).toBe('none');
    expect(none.endsWith('.')).toBe(true);
    const real = await wrongKeyToken('bob');
    const tampered = tamperPayload(real, 'alice');
    expect(tampered.split('.')[2]).toBe(real.split('.')[2]);
    expect(JSON.parse(Buffer.from(tampered.split('.')[1]!, 'base64url').toString()).sub).toBe('alice');
    expect(stripSignature(real).split('.')[2]).toBe('');

    const signed = signCookieValue('abc', 's'.repeat(32));
    expect(unsignedCookieValue(signed)).toBe('abc');
    const bad = tamperCookieSignature(signed);
    expect(bad).not.toBe(signed);
    expect(unsignedCookieValue(bad)).toBe('abc');
  });
});
