import { describe, expect, it } from 'vitest';
import { redactSetCookie, rewriteCookiePath } from '../../classroom/try-proxy.ts';

describe('try-it-yourself cookies', () => {
  const line = 'sid=s%3AabcdefghijklmnopqrstuvwxyzABCDEF.sig; Max-Age=28800; Path=/; HttpOnly; SameSite=Lax';

  it('keep every attribute and move under /try', () => {
    expect(rewriteCookiePath(line)).toBe(
      'sid=s%3AabcdefghijklmnopqrstuvwxyzABCDEF.sig; Max-Age=28800; Path=/try; HttpOnly; SameSite=Lax',
    );
    expect(rewriteCookiePath('rt=x; Path=/auth; HttpOnly; SameSite=Strict')).toBe(
      'rt=x; Path=/try/auth; HttpOnly; SameSite=Strict',
    );
  });

  it('are shown to the page with the value cut short and the size', () => {
    const shown = redactSetCookie(line);
    expect(shown).toBe('sid=s%3Aabcdef...(44 B); Max-Age=28800; Path=/; HttpOnly; SameSite=Lax');
    expect(shown).not.toContain('ABCDEF');
  });
});
