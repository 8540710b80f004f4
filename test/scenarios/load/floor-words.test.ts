import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import type { Report } from '../../../scenarios/core/types.ts';
import { floorNotes } from '../../../scenarios/load/floor/words.ts';
import { renderMarkdown } from '../../../scenarios/report/index.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

// The sample's load CPU (median, min–max): memory 140 (104–190), redis 171 (158–240),
// jwt 156 (149–160), jwt-redis 170 (166–181).
function withFloor(loadFloor: Report['loadFloor']): Report {
  return { ...sampleReport(), ...(loadFloor && { loadFloor }) };
}
const FLOOR = {
  nodes: 3,
  none: { median: 120, min: 100, max: 130, values: [100, 120, 130] },
  redis: { median: 150, min: 145, max: 152, values: [145, 150, 152] },
};

describe('load section: each mode beside the floor measured in the same rounds', () => {
  it('says what the store round trip costs and what authscale adds on top, run by run', () => {
    const notes = floorNotes(withFloor(FLOOR), translator('en'));
    expect(notes[0]).toContain('costs 120 µs of node CPU per request, and 150 µs when it does one Redis GET');
    expect(notes[0]).toContain('the store round trip costs 30 µs of CPU here');
    const redis = notes.find((line) => line.includes('171 µs per request'));
    expect(redis).toContain(
      'The store round trip costs 30 µs of CPU here; authscale’s path adds 21 µs on top',
    );
    // 158–240 lies above the floor's 145–152: a clear difference, no noise remark.
    expect(redis).not.toContain('noise');
    const jwt = notes.find((line) => line.includes('156 µs per request'));
    expect(jwt).toContain('adds 36 µs to the bare route (120 µs)');
    // memory 104–190 overlaps the bare route's 100–130: no figure for what it adds.
    const memory = notes.find((line) => line.includes('140 µs per request'));
    expect(memory).toContain('not clearly above the bare route (120 µs; the ranges overlap)');
    expect(memory).not.toContain('adds 20');
  });

  it('gives no figure for what authscale adds when a store run overlaps its floor', () => {
    const redisFloor = { median: 180, min: 160, max: 250, values: [160, 180, 250] };
    const notes = floorNotes(withFloor({ ...FLOOR, redis: redisFloor }), translator('en'));
    const redis = notes.find((line) => line.includes('171 µs per request'));
    expect(redis).toContain('not clearly above the floor with one GET (180 µs; the ranges overlap)');
    expect(redis).toContain('the store round trip costs 60 µs of CPU here');
    expect(redis).not.toMatch(/adds -?\d/);
  });

  it('leaves the store runs out when there was no Redis floor, and says why', () => {
    const notes = floorNotes(
      withFloor({ nodes: 3, none: FLOOR.none, skipped: 'redis: no Redis in this run' }),
      translator('en'),
    );
    expect(notes.some((line) => line.includes('171 µs'))).toBe(false);
    expect(notes.at(-1)).toBe('Floor not measured: redis: no Redis in this run.');
  });

  it('says nothing without a floor (older reports, --target)', () => {
    expect(floorNotes(withFloor(undefined), translator('en'))).toEqual([]);
  });

  it('is in report.md, in English and in Korean', () => {
    expect(renderMarkdown(withFloor(FLOOR), 'en')).toContain('the store round trip costs 30 µs of CPU here');
    const ko = renderMarkdown(withFloor(FLOOR), 'ko');
    expect(ko).toContain('저장소 왕복 한 번의 CPU 비용은 30 µs입니다');
    expect(ko).toContain('authscale 자체 경로가 그 위에 21 µs를 더합니다');
  });
});
