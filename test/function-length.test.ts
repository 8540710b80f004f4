import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The project keeps functions at about 60 lines or fewer: a longer one is split into named helpers.
 * This reads every source file with the TypeScript parser and measures each function (declaration,
 * method, arrow, function expression) from its first to its last line. Test bodies (the callbacks
 * of describe/it/beforeAll…) are not functions in that sense and are left out.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_LINES = 60;
const DIRS = ['lib', 'nodes', 'balancer', 'cluster', 'scenarios', 'classroom', 'audit', 'bin', 'bench'];
const TEST_DIRS = ['docker', 'examples', 'test'];
const SKIP = new Set(['node_modules', 'dist', 'reports']);

/**
 * Longer on purpose, each with the most lines it may have (so it cannot grow unnoticed).
 * Data tables: a literal that reads best whole.
 */
const DATA_TABLES: Record<string, number> = {
  'test/helpers/sample-report.ts#runs': 144,
};

/**
 * Not split yet: none left (the list only shrinks; a longer function is split, not listed here).
 */
const NOT_YET_SPLIT: Record<string, number> = {};

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const TEST_CALL = /^(describe|it|test|beforeAll|beforeEach|afterAll|afterEach)\b/;

function functionName(node: ts.SignatureDeclaration, file: ts.SourceFile): string {
  if (node.name) return node.name.getText(file);
  const parent = node.parent;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent)
  ) {
    return parent.name.getText(file);
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return '<anonymous>';
}

interface LongFunction {
  key: string;
  lines: number;
}

/** The functions of `text` (the file at `path`) longer than MAX_LINES. */
function longFunctions(path: string, text = readFileSync(join(ROOT, path), 'utf8')): LongFunction[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const last = file.getLineAndCharacterOfPosition(node.end).line;
      const testBody =
        ts.isCallExpression(node.parent) && TEST_CALL.test(node.parent.expression.getText(file));
      if (last - first + 1 > MAX_LINES && !testBody) {
        found.push({ key: `${path}#${functionName(node, file)}`, lines: last - first + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('function length', () => {
  const files = [...DIRS, ...TEST_DIRS].flatMap(sourceFiles);

  it('measures functions and methods, not test bodies', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  call(${i});`).join('\n');
    const text = [
      `export function long() {\n${body(59)}\n}`,
      `export function fits() {\n${body(58)}\n}`,
      `class A {\n  method() {\n${body(60)}\n  }\n}`,
      `const arrow = () => {\n${body(59)}\n};`,
      `describe('x', () => {\n${body(100)}\n});`,
    ].join('\n');
    expect(longFunctions('x.ts', text)).toEqual([
      { key: 'x.ts#long', lines: 61 },
      { key: 'x.ts#method', lines: 62 },
      { key: 'x.ts#arrow', lines: 61 },
    ]);
  });

  const found = files.flatMap((file) => longFunctions(file));
  const allowed: Record<string, number> = { ...DATA_TABLES, ...NOT_YET_SPLIT };

  it('reads the whole tree (the parser found functions in every room)', () => {
    expect(files.length).toBeGreaterThan(300);
    for (const dir of DIRS)
      expect(
        files.some((file) => file.startsWith(`${dir}/`)),
        dir,
      ).toBe(true);
  });

  it(`keeps every function at ${MAX_LINES} lines or fewer, outside the listed exceptions`, () => {
    const over = found
      .filter(({ key, lines }) => allowed[key] === undefined || lines > allowed[key])
      .map(({ key, lines }) => `${key}: ${lines} lines${allowed[key] ? ` (allowed ${allowed[key]})` : ''}`);
    expect(over).toEqual([]);
  });

  it('lists no exception that is gone or already fits (the list only shrinks)', () => {
    const stale = Object.keys(allowed).filter((key) => !found.some((f) => f.key === key));
    expect(stale).toEqual([]);
  });
});
