import { describe, expect, it } from 'vitest';
import { parseDurationSeconds } from './duration.ts';

describe('parseDurationSeconds', () => {
  it.each([
    ['30s', 30],
    ['15m', 900],
    ['1h', 3600],
    ['7d', 604_800],
    ['250ms', 0.25],
    ['42', 42],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });

  it.each(['', 'abc', '-5s', '1w', '5 minutes'])('rejects %j', (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined();
  });
});
