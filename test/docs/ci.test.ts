import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../lib/i18n/index.ts';
import { FIGURE_NAMES, figureCatalogueMarkdown, parseThreshold } from '../../scenarios/ci/index.ts';
import { ROOT } from '../helpers/ci.ts';

/** docs/ci.md's figure table is the catalogue's; its examples parse; the README links it. */
describe('docs/ci.md', () => {
  it('holds the figure table generated from the catalogue (npm run compare -- --list-figures --markdown)', async () => {
    const doc = await readFile(join(ROOT, 'docs/ci.md'), 'utf8');
    const table = /<!-- figures:start -->\n([\s\S]*?)\n<!-- figures:end -->/.exec(doc)?.[1];
    expect(table).toBe(figureCatalogueMarkdown(translator('en')));
    for (const name of FIGURE_NAMES) expect(doc).toContain(`\`${name}\``);
  });

  it('documents every exit code, and its threshold examples parse', async () => {
    const doc = await readFile(join(ROOT, 'docs/ci.md'), 'utf8');
    for (const code of ['0', '99', '2', '1']) expect(doc).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
    const examples = [...doc.matchAll(/--threshold '([^']+)'/g)].map((m) => m[1]!);
    const file = /```text\n([\s\S]*?)```/
      .exec(doc)![1]!
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean);
    expect(examples.length + file.length).toBeGreaterThan(5);
    for (const expr of [...examples, ...file]) expect(() => parseThreshold(expr), expr).not.toThrow();
  });

  it('is linked from the README, and its own links stay inside the repository', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/ci.md)');
    const doc = await readFile(join(ROOT, 'docs/ci.md'), 'utf8');
    expect(doc).not.toMatch(/\.\.\/shared|design\.md/);
    for (const [, target] of doc.matchAll(/\]\(([^)#]+)[)#]/g)) expect(target).toMatch(/^https?:/);
  });
});
