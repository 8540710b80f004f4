import { describe, expect, it } from 'vitest';
import { changedEntries } from './setup/work-tree-guard.ts';

describe('work-tree guard (vitest global setup)', () => {
  it('names entries that appeared or changed, not ones that stayed or went', () => {
    const before = new Map([
      ['README.md', ' M 1'],
      ['docs/classroom.png', '   2'],
      ['gone.txt', '?? 3'],
    ]);
    const after = new Map([
      ['README.md', ' M 1'],
      ['docs/classroom.png', ' M 9'],
      ['reports/x/report.json', '!! 4'],
    ]);
    expect(changedEntries(before, after)).toEqual(['docs/classroom.png', 'reports/x/report.json']);
  });
});
