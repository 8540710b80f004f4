import { describe, expect, it } from 'vitest';
import { renderTable } from '../scenarios/report/index.ts';
import { sampleReport } from './fixtures/sample-report.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\x1b\[[0-9;]*m/g;
const visibleWidth = (line: string) => [...line.replace(ANSI, '')].length;

/** The table block: header, rule, one line per run (the skip notes follow after a blank line). */
function tableLines(output: string): string[] {
  return output.split('\n\n')[0]!.trimEnd().split('\n');
}

describe('renderTable', () => {
  it('has a header, a rule and one row per run, all the same width', () => {
    const report = sampleReport();
    const lines = tableLines(renderTable(report, { color: false }));
    expect(lines).toHaveLength(2 + report.results.length);
    const widths = new Set(lines.map(visibleWidth));
    expect(widths.size).toBe(1);
    // Column separators line up in every row.
    const columns = (line: string) => [...line].flatMap((ch, i) => (ch === '│' || ch === '┼' ? [i] : []));
    const expected = columns(lines[0]!);
    expect(expected.length).toBe(10);
    for (const line of lines) expect(columns(line)).toEqual(expected);
    for (const run of report.results) {
      expect(
        lines.some((line) => line.startsWith(`${run.mode} · ${run.strategy} · ${run.nodes} nodes`)),
      ).toBe(true);
    }
  });

  it('shows key figures: failure rate vs expected, credential bytes, attacks', () => {
    const out = renderTable(sampleReport(), { color: false });
    const memory = out.split('\n').find((line) => line.startsWith('memory · round-robin'))!;
    expect(memory).toContain('67% (67%)');
    expect(memory).toContain('91 cookie');
    expect(memory).toContain('5/5');
    const jwt = out.split('\n').find((line) => line.startsWith('jwt'))!;
    expect(jwt).toContain('252 bearer');
    expect(jwt).toContain('0% (0%)');
  });

  it("marks skipped cells 'skipped' and lists the reasons", () => {
    const out = renderTable(sampleReport(), { color: false });
    const skippedRun = out.split('\n').find((line) => line.startsWith('redis · sticky'))!;
    expect(skippedRun.match(/skipped/g)?.length).toBe(10);
    expect(out).toContain('redis-server not found on PATH');
    expect(out).toContain('store-failure: memory mode has no store');
  });

  it('uses ANSI colour only when asked', () => {
    expect(renderTable(sampleReport(), { color: false })).not.toMatch(ANSI);
    const coloured = renderTable(sampleReport(), { color: true });
    expect(coloured).toMatch(ANSI);
    // Colour does not change the layout.
    const plain = tableLines(renderTable(sampleReport(), { color: false }));
    expect(tableLines(coloured).map((line) => line.replace(ANSI, ''))).toEqual(plain);
  });

  it('strips control characters from free text so a reason cannot drive the terminal', () => {
    const report = sampleReport();
    report.results[4]!.skipped = 'evil \x1b[2J\x1b]0;title\x07 reason';
    const out = renderTable(report, { color: false });
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('\x07');
    expect(out).toContain('evil');
  });

  it('renders an empty report without throwing', () => {
    const report = sampleReport();
    report.results = [];
    expect(renderTable(report, { color: false })).toContain('(no runs)');
  });
});
