import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown, writeReports } from '../scenarios/report/index.ts';
import { SCENARIO_NAMES } from '../scenarios/types.ts';
import { sampleReport } from './fixtures/sample-report.ts';

const MALICIOUS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

function maliciousReport() {
  const report = sampleReport();
  report.results[4]!.skipped = MALICIOUS;
  report.results[0]!.scenarios['store-failure'] = { skipped: true, reason: `a | b ${MALICIOUS}` };
  return report;
}

/** The body of each `<section class="scenario" id="NAME">`. */
function sections(html: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of html.matchAll(/<section class="scenario" id="([^"]+)">([\s\S]*?)<\/section>/g)) {
    found.set(match[1]!, match[2]!);
  }
  return found;
}

describe('renderMarkdown', () => {
  it('has the summary and a section per scenario with its seed claim', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain('## Summary');
    for (const name of SCENARIO_NAMES) expect(md).toMatch(new RegExp(`^## ${name}: `, 'm'));
    expect(md).toContain('> session < token.');
    expect(md).toContain('signature was stripped off');
    expect(md).toContain('must itself be replicated');
    expect(md).toContain('| memory · round-robin · 3 nodes | 10 | 120 | 80 | 67% | 67% |');
  });

  it('keeps table rows intact when a reason contains a pipe or HTML', () => {
    const md = renderMarkdown(maliciousReport());
    // Inside the fenced summary raw text is inert; everywhere else HTML must be escaped.
    expect(md.replace(/```[\s\S]*?```/g, '')).not.toContain('<script>');
    const row = md
      .split('\n')
      .find((line) => line.startsWith('| memory · round-robin · 3 nodes | skipped: a'))!;
    expect(row).toContain('a \\| b');
  });

  it('says when a scenario did not run at all', () => {
    const report = sampleReport();
    report.results = report.results.filter((run) => run.skipped === undefined);
    for (const run of report.results) delete run.scenarios.scale;
    expect(renderMarkdown(report)).toMatch(/## scale: [^\n]*\n[\s\S]*?_Not run in this report._/);
  });
});

describe('renderHtml', () => {
  it('is self-contained: no external references, no scripts, no linked stylesheets', () => {
    const html = renderHtml(sampleReport());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain('<style>');
  });

  it('has an inline SVG chart and the seed claim in every scenario section', () => {
    const found = sections(renderHtml(sampleReport()));
    expect([...found.keys()]).toEqual([...SCENARIO_NAMES]);
    for (const [name, body] of found) {
      expect(body, name).toMatch(/<svg [^>]*viewBox=/);
      expect(body, name).toContain('<blockquote>');
    }
    expect(found.get('scale')).toContain('theory (N-1)/N');
    expect(found.get('scale')).toMatch(/stroke-dasharray/);
    expect(found.get('node-failure')).toContain('<rect');
  });

  it('opens with the comparison table: a row per run, bad figures marked', () => {
    const report = sampleReport();
    const html = renderHtml(report);
    const summary = /<table class="summary">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    expect(summary.match(/<tr[ >]/g)).toHaveLength(1 + report.results.length);
    expect(summary).toMatch(/<td class="num bad">67% \(67%\)<\/td>/);
  });

  it('shows skipped runs as "skipped: reason"', () => {
    const found = sections(renderHtml(sampleReport()));
    expect(found.get('store-failure')).toContain(
      'skipped: memory · round-robin · 3 nodes: memory mode has no store',
    );
    expect(found.get('relogin')).toContain('redis-server not found on PATH');
    // The relogin chart draws "skipped" where the skipped run's bar would be.
    expect(found.get('relogin')).toMatch(/<svg[\s\S]*>skipped<\/text>[\s\S]*<\/svg>/);
  });

  it('escapes text from results, including inside SVG', () => {
    const report = maliciousReport();
    report.results[3]!.scenarios.attacks = {
      tried: 1,
      rejected: 0,
      cases: [
        {
          id: 'alg-none',
          name: '"><svg onload=alert(1)>',
          status: 200,
          rejected: false,
          rejectedMeans: 'status-401',
        },
      ],
    };
    const html = renderHtml(report);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('copes with a report where every run was skipped', () => {
    const report = sampleReport();
    report.results = report.results.map((run) => ({ ...run, skipped: 'no cluster', scenarios: {} }));
    const html = renderHtml(report);
    expect(html).toContain('skipped: memory · round-robin · 3 nodes: no cluster');
    expect(html).not.toContain('NaN');
  });
});

describe('writeReports', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes report.json, report.md and report.html into a new directory', async () => {
    dir = await mkdtemp(join(tmpdir(), 'authscale-report-'));
    const out = join(dir, 'nested', 'run');
    const report = sampleReport();
    const paths = await writeReports(report, out);
    expect(paths).toEqual({
      json: join(out, 'report.json'),
      md: join(out, 'report.md'),
      html: join(out, 'report.html'),
    });
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(report);
    expect(await readFile(paths.json, 'utf8')).toContain('\n  "startedAt"');
    expect(await readFile(paths.md, 'utf8')).toContain('## relogin');
    expect(await readFile(paths.html, 'utf8')).toContain('</html>');
  });
});
