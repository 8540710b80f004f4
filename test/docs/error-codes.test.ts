import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode } from '../../lib/error-codes.ts';
import { ROOT } from '../helpers/compose.ts';

/**
 * The error-code table in docs/configuration.md is the registry (lib/error-codes.ts), row for row,
 * and no page names a code the registry does not have.
 */
const CONFIGURATION = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** `| `ERR_X` | 401 | node, classroom | … |` rows of the table. */
function tableRows(text: string): Map<string, { status: string; from: string }> {
  const rows = new Map<string, { status: string; from: string }>();
  for (const [, code, status, from] of text.matchAll(/^\| `(ERR_[A-Z_]+)` \| ([^|]+) \| ([^|]+) \|/gm)) {
    rows.set(code!, { status: status!.trim(), from: from!.trim() });
  }
  return rows;
}

describe('docs: error codes', () => {
  it('docs/configuration.md has one row per registry code, with its status and who answers it', () => {
    const rows = tableRows(CONFIGURATION);
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(rows.get(code), code).toEqual({
        status: entry.status === 0 ? '–' : String(entry.status),
        from: entry.from.join(', '),
      });
    }
  });

  it('no page names a code outside the registry', () => {
    for (const page of PAGES) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      // Node's own ERR_HTTP_* error codes are not answers of ours.
      const named = [...text.matchAll(/\bERR_[A-Z_]+\b/g)]
        .map((m) => m[0])
        .filter((c) => !c.startsWith('ERR_HTTP_'));
      expect(
        named.filter((code) => !isErrorCode(code)),
        page,
      ).toEqual([]);
    }
  });
});
