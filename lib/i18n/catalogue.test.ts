import { describe, expect, it } from 'vitest';
import { CATALOGUES, format, langFromEnv, translator } from './index.ts';

describe('message catalogues', () => {
  it('en and ko have exactly the same keys', () => {
    const en = Object.keys(CATALOGUES.en).sort();
    const ko = Object.keys(CATALOGUES.ko).sort();
    expect(ko.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !ko.includes(key))).toEqual([]);
  });

  it('no message is empty and both languages use the same placeholders', () => {
    for (const [key, english] of Object.entries(CATALOGUES.en)) {
      const korean = CATALOGUES.ko[key as keyof typeof CATALOGUES.ko];
      expect(english.trim(), key).not.toBe('');
      expect(korean.trim(), key).not.toBe('');
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(korean), key).toEqual(names(english));
    }
  });

  it('Korean messages are written in Korean', () => {
    const hangul = /[\uac00-\ud7a3]/;
    const notKorean = Object.entries(CATALOGUES.ko).filter(([key, text]) => {
      const english = CATALOGUES.en[key as keyof typeof CATALOGUES.en];
      // Pure names/numbers (JWT, Redis, p99) may be the same in both languages.
      return !hangul.test(text) && /[a-z]{4,}/i.test(text.replace(/\{\w+\}/g, '')) && text === english;
    });
    expect(notKorean.map(([key]) => key)).toEqual([]);
  });

  it('formats parameters and picks the language from the locale', () => {
    expect(format('{a} of {b}', { a: 1, b: 2 })).toBe('1 of 2');
    expect(format('{missing}')).toBe('{missing}');
    expect(langFromEnv({ LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
    expect(translator('ko')('common.skipped', { reason: 'x' })).toBe('건너뜀: x');
  });
});
