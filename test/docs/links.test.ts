import { readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The project's own docs stand alone: a fresh clone has no ../shared, so README and docs/ must not
 * link or point outside the repository; every relative link (and its #anchor) resolves; the README
 * stays a short front door; both lesson languages exist and link each other.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = readdirSync(join(ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const FILES = ['README.md', ...DOCS];
const README_MAX_LINES = 160;

/** GitHub's heading anchor: lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings (code blocks left out). */
function anchors(text: string): Set<string> {
  const found = new Set<string>();
  let code = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) code = !code;
    const heading = !code && /^#{1,6} (.*)$/.exec(line);
    if (heading) found.add(slug(heading[1]!));
  }
  return found;
}

/** Markdown links `[text](target)` outside code blocks. */
function links(text: string): string[] {
  const prose = text.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('docs', () => {
  it('cover the pages the README promises', () => {
    expect(DOCS.length).toBeGreaterThanOrEqual(12);
  });

  it('never point outside the repository, and every relative link and anchor resolves', async () => {
    for (const file of FILES) {
      const text = await readFile(join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/\.\.\/shared|shared\/seed|design\.md/);
      for (const link of links(text)) {
        if (/^(https?|mailto):/.test(link)) continue;
        const [target = '', anchor] = link.split('#');
        const path = target === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), target);
        expect(path === ROOT || path.startsWith(`${ROOT}/`), `${file} → ${link}`).toBe(true);
        await expect(stat(path), `${file} → ${link}`).resolves.toBeDefined();
        if (anchor && path.endsWith('.md')) {
          expect(anchors(await readFile(path, 'utf8')), `${file} → ${link}`).toContain(anchor);
        }
      }
    }
  });

  it(`keep the README a front door (≤ ${README_MAX_LINES} lines) from which every docs page is reachable`, async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(README_MAX_LINES);
    // Follow links from the README through the docs: a page nobody links to is lost.
    const reached = new Set<string>(['README.md']);
    const queue = ['README.md'];
    while (queue.length > 0) {
      const file = queue.shift()!;
      for (const link of links(await readFile(join(ROOT, file), 'utf8'))) {
        const target = link.split('#')[0]!;
        if (!target.endsWith('.md') || /^https?:/.test(target)) continue;
        const page = relative(ROOT, resolve(dirname(join(ROOT, file)), target));
        if (!reached.has(page)) {
          reached.add(page);
          queue.push(page);
        }
      }
    }
    const orphans = DOCS.filter((page) => !reached.has(page));
    expect(orphans, 'link these pages from the README (Documentation or More)').toEqual([]);
  });

  it('never cite issue numbers: the docs pages are the reference', async () => {
    for (const file of FILES) {
      expect(await readFile(join(ROOT, file), 'utf8'), file).not.toMatch(/\bissue #?\d+\b/i);
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
