import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The console page's modules are type-checked by `tsc` (allowJs) only because each one opts in
 * with `// @ts-check`: a module without it would be skipped silently, so this keeps them all in.
 */
const PAGE = resolve(dirname(fileURLToPath(import.meta.url)), '../../classroom/page');
const MODULES = [
  'app.js',
  ...readdirSync(join(PAGE, 'console'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `console/${name}`),
];

describe('the console page modules', () => {
  it.each(MODULES)('%s opts in to the typecheck on its first line', (file) => {
    const firstLine = readFileSync(join(PAGE, file), 'utf8').split('\n', 1)[0];
    expect(firstLine).toBe('// @ts-check');
  });

  it('are all there (the entry and its modules)', () => {
    expect(MODULES.length).toBeGreaterThan(5);
  });
});
