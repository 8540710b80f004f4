import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../lib/i18n/index.ts';
import { renderMarkdown, renderTable } from '../../../scenarios/report/index.ts';
import { groupBySpread } from '../../../scenarios/report/noise.ts';
import { TERMINAL_COLUMNS } from '../../../scenarios/report/table.ts';
import { displayWidth, wrap } from '../../../scenarios/report/width.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\x1b\[[0-9;]*m/g;

/** The table block: title, two header lines, rule, figure rows (the notes follow after a blank line). */
function tableLines(output: string): string[] {
  return output.split('\n\n')[0]!.trimEnd().split('\n');
}

const row = (out: string, label: string) => out.split('\n').find((line) => line.startsWith(label))!;

describe('renderTable: runs as columns, figures as rows', () => {
  it('has one column per started run, named by mode and strategy', () => {
    const lines = tableLines(renderTable(sampleReport(), { color: false, lang: 'en' }));
    const modes = lines[1]!
      .split('│')[1]!
      .trim()
      .split(/\s{2,}/);
    const strategies = lines[2]!
      .split('│')[1]!
      .trim()
      .split(/\s{2,}/);
    expect(modes).toEqual(['memory', 'memory', 'redis', 'jwt', 'jwt-redis']);
    expect(strategies).toEqual(['round-robin', 'sticky', 'round-robin', 'round-robin', 'round-robin']);
    // Every figure row has a cell under every column: the separators line up.
    const bar = (line: string) => [...line].findIndex((ch) => ch === '│' || ch === '┼');
    for (const line of lines.slice(1)) expect(bar(line)).toBe(bar(lines[1]!));
  });

  it('shows the key figures of each run in its column', () => {
    const out = renderTable(sampleReport(), { color: false, lang: 'en' });
    expect(
      row(out, 're-login failures')
        .split('│')[1]!
        .trim()
        .split(/\s{2,}/),
    ).toEqual(['67% (67%)', '0% (0%)', '0% (0%)', '0% (0%)', '0% (0%)']);
    expect(row(out, 'store ops per request')).toMatch(/0\.00\s+1\.00\s+0\.00\s+1\.00$/);
    expect(row(out, 'credential bytes')).toMatch(/91 cookie .* 252 bearer\s+252 bearer$/);
    expect(row(out, 'forgeries rejected')).toMatch(/5\/5 .* 6\/6\s+6\/6$/);
  });

  it('labels measured and derived figures', () => {
    const out = renderTable(sampleReport(), { color: false, lang: 'en' });
    expect(row(out, 'works after logout (measured)')).toBeDefined();
    expect(row(out, 'stolen copy works (measured)')).toBeDefined();
    expect(row(out, '  at production TTL (derived)')).toMatch(/30 min .* 15\.1 min\s+15\.1 min$/);
    expect(row(out, 'stolen refresh (measured)')).toBeDefined();
    const ko = renderTable(sampleReport(), { color: false, lang: 'ko' });
    expect(row(ko, '로그아웃 후 동작 (측정값)')).toBeDefined();
    expect(row(ko, '  운영 설정 기준 (계산값)')).toMatch(/30분 .* 15\.1분\s+15\.1분$/);
  });

  it('gives load figures as median with a min–max row, and says when ranges overlap', () => {
    const out = renderTable(sampleReport(), { color: false, lang: 'en' });
    const rps = out.split('\n').findIndex((line) => line.startsWith('req/s, median'));
    expect(out.split('\n')[rps + 1]).toMatch(/^\s+min–max\s+│ .*3,900–5,121/);
    expect(out).toMatch(/req\/s: .*≈.* no clear difference/);
    expect(out).toContain('⚠ The load average reached 2.9 on 2 cores');
  });

  it('headlines node CPU per request (balancer excluded) before req/s, and names the balancer', () => {
    const out = renderTable(sampleReport(), { color: false, lang: 'en' });
    const lines = out.split('\n');
    const cpu = lines.findIndex((line) => line.startsWith('node CPU µs/req, median'));
    const rps = lines.findIndex((line) => line.startsWith('req/s, median'));
    expect(cpu).toBeGreaterThan(-1);
    expect(cpu).toBeLessThan(rps);
    const md = renderMarkdown(sampleReport(), 'en');
    expect(md).toContain('Headline: node CPU µs per request');
    expect(md).toMatch(/include the balancer \(authscale’s own balancer\)/);
    const behindHaproxy = sampleReport();
    for (const run of behindHaproxy.results) run.balancer = 'haproxy';
    expect(renderMarkdown(behindHaproxy, 'ko')).toContain('로드 밸런서(HAProxy)의 비용');
    // The load table's first figure column is the node CPU one.
    const header = md.split('\n').find((line) => line.includes('node CPU µs/req (balancer excluded)'));
    expect(header?.indexOf('node CPU')).toBeLessThan(header?.indexOf('max req/s') ?? -1);
  });

  for (const lang of LANGS) {
    it(`fits ${TERMINAL_COLUMNS} terminal columns in ${lang} (Hangul counts two)`, () => {
      const out = renderTable(sampleReport(), { color: false, lang });
      const widest = Math.max(...out.split('\n').map(displayWidth));
      expect(widest).toBeLessThanOrEqual(TERMINAL_COLUMNS);
      // The table itself, not only the notes, is measured: it has five run columns.
      expect(tableLines(out).length).toBeGreaterThan(10);
    });
  }

  it('stays within the width on a badly loaded machine (p99 of tens of seconds)', () => {
    const report = sampleReport();
    for (const run of report.results) {
      const load = run.scenarios.load;
      if (!load || 'skipped' in load) continue;
      load.spread.latencyMs.p99 = { median: 25_130.4, min: 6_650.7, max: 43_610, values: [] };
      load.spread.cpuMicrosPerRequest = { median: 16_673, min: 354, max: 32_991, values: [] };
    }
    for (const lang of LANGS) {
      const out = renderTable(report, { color: false, lang });
      expect(Math.max(...out.split('\n').map(displayWidth)), lang).toBeLessThanOrEqual(TERMINAL_COLUMNS);
      expect(out).toContain('6.7k–43.6k');
      expect(out).toContain('0.4k–33.0k');
    }
  });

  it('counts Hangul as two columns', () => {
    expect(displayWidth('메모리')).toBe(6);
    expect(displayWidth('JWT + Redis')).toBe(11);
    expect(displayWidth('\x1b[31m67%\x1b[0m')).toBe(3);
    expect(wrap('가나 다라 마바', 6)).toEqual(['가나', '  다라', '  마바']);
  });

  it('lists skipped runs and scenarios with their reasons, in the chosen language', () => {
    const en = renderTable(sampleReport(), { color: false, lang: 'en' });
    expect(en).toContain('redis · sticky · 3 nodes: no Redis: redis-server is not on PATH');
    expect(en).toContain('memory · round-robin · 3 nodes · store-failure: memory mode has no store');
    const ko = renderTable(sampleReport(), { color: false, lang: 'ko' });
    expect(ko).toContain('Redis · 스티키 세션 · 노드 3개: Redis가 없습니다');
    expect(ko).toContain('저장소 장애: 메모리 모드에는 장애를 낼 저장소가 없습니다');
  });

  it('uses ANSI colour only when asked, without changing the layout', () => {
    expect(renderTable(sampleReport(), { color: false })).not.toMatch(ANSI);
    const coloured = renderTable(sampleReport(), { color: true });
    expect(coloured).toMatch(ANSI);
    const plain = renderTable(sampleReport(), { color: false });
    expect(coloured.replace(ANSI, '')).toEqual(plain);
  });

  it('strips control characters from free text so a reason cannot drive the terminal', () => {
    const report = sampleReport();
    report.results[5]!.skipped = 'evil \x1b[2J\x1b]0;title\x07 reason';
    const out = renderTable(report, { color: false });
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('\x07');
    expect(out).toContain('evil');
  });

  it('renders an empty report without throwing', () => {
    const report = sampleReport();
    report.results = [];
    expect(renderTable(report, { color: false })).toContain('(no runs)');
    expect(renderTable(report, { color: false, lang: 'ko' })).toContain('(실행 없음)');
  });
});

describe('load noise', () => {
  const s = (min: number, max: number) => ({ median: (min + max) / 2, min, max, values: [min, max] });

  it('ranks only ranges that are apart, and keeps report order inside a group', () => {
    expect(
      groupBySpread([
        { name: 'b', spread: s(10, 20) },
        { name: 'a', spread: s(5, 12) },
      ]),
    ).toEqual([['b', 'a']]);
    expect(
      groupBySpread([
        { name: 'slow', spread: s(100, 120) },
        { name: 'x', spread: s(10, 20) },
        { name: 'y', spread: s(15, 30) },
      ]),
    ).toEqual([['x', 'y'], ['slow']]);
  });

  it('does not split a chain whose ends overlap a wide range', () => {
    // a < b apart, but the wide c overlaps both: nothing is clearly ordered.
    const groups = groupBySpread([
      { name: 'a', spread: s(1, 2) },
      { name: 'b', spread: s(5, 6) },
      { name: 'c', spread: { median: 3, min: 0, max: 10, values: [] } },
    ]);
    expect(groups).toEqual([['a', 'b', 'c']]);
  });
});
