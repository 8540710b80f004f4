import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The scenarios/ layout stays navigable: no import circles (type-only imports count too, they tie
 * files together just the same) and no file beside a folder of its own name (cli.ts excepted: it
 * is the npm entry point).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCENARIOS = join(ROOT, 'scenarios');
const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(dirname(file), m[1]!));
    graph.set(
      file,
      targets.filter((target) => target.startsWith(`${SCENARIOS}/`)),
    );
  }
  return graph;
}

/** Every import circle found by a depth-first walk, as the list of files around it. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const walk = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0) {
      found.push(path.slice(at).map((p) => relative(ROOT, p)));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) walk(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) walk(file, []);
  return found;
}

describe('scenarios/ layout', () => {
  it('has no import circles', () => {
    expect(circles(importGraph(sourceFiles(SCENARIOS)))).toEqual([]);
  });

  it('has no file beside a folder of the same name', () => {
    const besides = sourceFiles(SCENARIOS)
      .filter((file) => file !== join(SCENARIOS, 'cli.ts'))
      .filter((file) => {
        try {
          return statSync(file.slice(0, -3)).isDirectory();
        } catch {
          return false;
        }
      });
    expect(besides.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
