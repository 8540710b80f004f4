import { afterEach, describe, expect, it, vi } from 'vitest';
import { binUsage, COMMANDS, packageVersion, runAuthscale } from '../../bin/commands.ts';
import { CATALOGUES } from '../../lib/i18n/index.ts';

/** The `authscale` command table without packing: what --help shows and how bad input ends. */
function capture(stream: NodeJS.WriteStream): () => string {
  let text = '';
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  return () => text;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the authscale command table', () => {
  it('has the five commands of the package, each with a summary in both languages', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(['audit', 'classroom', 'cluster', 'demo', 'scenario']);
    for (const [name, row] of Object.entries(COMMANDS)) {
      expect(CATALOGUES.en[row.summary], name).toBeTruthy();
      expect(CATALOGUES.ko[row.summary], name).toBeTruthy();
    }
  });

  it('--help lists every command in the reader language, with the version', () => {
    for (const lang of ['en', 'ko'] as const) {
      const text = binUsage(lang);
      expect(text).toContain(packageVersion());
      for (const [name, row] of Object.entries(COMMANDS)) {
        expect(text).toMatch(new RegExp(`^  ${name} +${CATALOGUES[lang][row.summary].slice(0, 10)}`, 'm'));
      }
    }
    expect(binUsage('ko')).toContain('사용법');
  });

  it('an unknown or missing command is exit 2 naming it; --version prints the version', async () => {
    const err = capture(process.stderr);
    const out = capture(process.stdout);
    expect(await runAuthscale(['deploy', '--lang', 'en'])).toBe(2);
    expect(err()).toMatch(/unknown command "deploy"; use one of: demo, scenario, cluster, classroom, audit/);
    expect(await runAuthscale([])).toBe(2);
    expect(err()).toMatch(/no command given/);
    expect(await runAuthscale(['toString'])).toBe(2);
    expect(await runAuthscale(['--version'])).toBe(0);
    expect(out().trim()).toBe(packageVersion());
  });

  it('passes the rest of the line to the command, which parses its own flags', async () => {
    const err = capture(process.stderr);
    expect(await runAuthscale(['demo', '--nodes', 'many', '--lang', 'en'])).toBe(2);
    expect(err()).toMatch(/--nodes/);
  });
});
