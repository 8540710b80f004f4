import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The project's own docs stand alone: a fresh clone has no ../shared, so README and docs/ must not
 * link or point outside the repository, and both lesson languages must exist and link each other.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = ['README.md', 'docs/lesson.en.md', 'docs/lesson.ko.md'];

describe('docs', () => {
  it('never point outside the repository', async () => {
    for (const file of FILES) {
      const text = await readFile(join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/\.\.\/shared|shared\/seed/);
      for (const [, target] of text.matchAll(/\]\(([^)#]+)[)#]/g)) {
        if (/^https?:/.test(target!)) continue;
        const path = resolve(dirname(join(ROOT, file)), target!);
        expect(path.startsWith(`${ROOT}/`), `${file} → ${target}`).toBe(true);
        await expect(readFile(path), `${file} → ${target}`).resolves.toBeDefined();
      }
    }
  });

  it('tell the lesson in both languages', async () => {
    const en = await readFile(join(ROOT, 'docs/lesson.en.md'), 'utf8');
    const ko = await readFile(join(ROOT, 'docs/lesson.ko.md'), 'utf8');
    expect(en).toContain('(lesson.ko.md)');
    expect(ko).toContain('(lesson.en.md)');
    // Same structure: one section per claim in each.
    expect(ko.match(/^## /gm)?.length).toBe(en.match(/^## /gm)?.length);
    expect(ko).toMatch(/합니다\./);
  });
});
