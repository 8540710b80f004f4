import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import { SCENARIO_NAMES, type TimelinePoint } from '../../../scenarios/core/types.ts';
import { renderHtml, renderMarkdown, writeReports } from '../../../scenarios/report/index.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

const MALICIOUS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

function maliciousReport() {
  const report = sampleReport();
  report.results[5]!.skipped = MALICIOUS;
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

/** The Markdown section that starts with `## … (`name`)`. */
function mdSection(md: string, name: string): string {
  const start = md.indexOf(`(\`${name}\`)\n`);
  const end = md.indexOf('\n## ', start);
  return md.slice(start, end === -1 ? undefined : end);
}

describe('renderMarkdown', () => {
  it('opens with the headline, then the summary and a section per scenario with its claim', () => {
    const md = renderMarkdown(sampleReport(), 'en');
    expect(md.indexOf('## Re-login failures by run')).toBeLessThan(md.indexOf('## Summary'));
    for (const name of SCENARIO_NAMES) expect(md).toMatch(new RegExp(`^## .* \\(\`${name}\`\\)$`, 'm'));
    expect(md).toContain('> session < token.');
    expect(md).toContain('signature was stripped off');
    expect(md).toContain('must itself be replicated');
    expect(md).toContain('| memory · round-robin · 3 nodes | 10 | 120 | 80 | 67% | 67% |');
    // The study note is quoted, and never linked from outside the repository.
    expect(md).not.toContain('../shared');
  });

  it('compares the re-login figures behind the three balancers and says whether they agree', () => {
    const md = mdSection(renderMarkdown(sampleReport(), 'en'), 'balancers');
    expect(md).toContain(
      '| memory · round-robin · 3 nodes | HAProxy | round-robin | 400 | 268 | 67% | 67% |',
    );
    expect(md).toContain(
      '| memory · round-robin · 3 nodes | authscale’s own balancer | sticky | 400 | 0 | 0% | 0% |',
    );
    expect(md).toContain('nginx is not installed here; install it: apt-get install -y nginx-light');
    expect(md).toContain('agree with theory within sampling noise');
    const ko = mdSection(renderMarkdown(sampleReport(), 'ko'), 'balancers');
    expect(ko).toContain('표본 오차(표준 오차의 3배) 안에서 이론값과 맞습니다');
    const off = sampleReport();
    const lines = (off.results[0]!.scenarios.balancers as { lines: { failureRate: number }[] }).lines;
    lines[2]!.failureRate = 0.4;
    expect(mdSection(renderMarkdown(off, 'en'), 'balancers')).toContain('further from theory');
  });

  it('names every attack case with what it tries, its status and code', () => {
    const report = sampleReport();
    for (const lang of ['en', 'ko'] as const) {
      const t = translator(lang);
      const attacks = mdSection(renderMarkdown(report, lang), 'attacks');
      for (const run of report.results) {
        const result = run.scenarios.attacks;
        if (!result || 'skipped' in result) continue;
        for (const c of result.cases) {
          const name = t(`report.attack.${c.id}.name` as never);
          const line = attacks.split('\n').find((l) => l.includes(`| ${name} |`));
          expect(line, `${lang} ${c.id}`).toBeDefined();
          expect(line).toContain(t(`report.attack.${c.id}.tries` as never));
          expect(line).toContain(`| ${c.status} |`);
          if (c.code) expect(line).toContain(c.code);
        }
      }
    }
    // Fixation is rejected without a 401: the report says what rejected means there.
    const md = renderMarkdown(report, 'en');
    expect(md).toMatch(
      /\| session fixation \| .* \| 200 \| – \| ✓ rejected: the planted id was not adopted \|/,
    );
    expect(md).toContain('Session fixation is different');
  });

  it('shows failure totals that are the sums of the timelines', () => {
    const report = sampleReport();
    const md = renderMarkdown(report, 'en');
    for (const name of ['node-failure', 'store-failure'] as const) {
      const section = mdSection(md, name);
      for (const run of report.results) {
        const result = run.scenarios[name];
        if (!result || 'skipped' in result) continue;
        const sum = (pick: (p: TimelinePoint) => { ok: number; failed: number }) =>
          result.timeline.reduce(
            (acc, p) => ({ failed: acc.failed + pick(p).failed, all: acc.all + pick(p).ok + pick(p).failed }),
            { failed: 0, all: 0 },
          );
        const cells = [sum((p) => p), sum((p) => p.access), sum((p) => p.refresh), sum((p) => p.login)].map(
          (s) => `${s.failed.toLocaleString('en-US')} / ${s.all.toLocaleString('en-US')}`,
        );
        const label = `${run.mode === 'jwt-redis' ? 'jwt-redis' : run.mode} · ${run.strategy} · 3 nodes`;
        const line = section.split('\n').find((l) => l.startsWith(`| ${label} |`));
        expect(line, `${name} ${label}`).toContain(`| ${cells.join(' | ')} |`);
      }
      expect(section).toContain('the totals are the sums of the timeline');
    }
  });

  it('warns when a scenario’s own totals disagree with its timeline', () => {
    const report = sampleReport();
    const store = report.results[2]!.scenarios['store-failure'];
    if (!store || 'skipped' in store) throw new Error('fixture: redis store-failure expected');
    store.failedRequests += 5;
    expect(mdSection(renderMarkdown(report, 'en'), 'store-failure')).toMatch(
      /✗ \*\*redis · round-robin · 3 nodes\*\* — The scenario counted/,
    );
  });

  it('labels revocation windows measured, production figures derived, with the short settings', () => {
    const section = mdSection(renderMarkdown(sampleReport(), 'en'), 'revocation');
    expect(section).toContain('| kept working (measured) |');
    expect(section).toContain('| at the production setting (derived) |');
    expect(section).toMatch(/stolen refresh token \(\d+ access tokens minted with it\)/);
    expect(section).toMatch(/Measured on a cluster with short lifetimes/);
  });

  it('keeps table rows intact when a reason contains a pipe or HTML', () => {
    const md = renderMarkdown(maliciousReport());
    expect(md).not.toContain('<script>');
    expect(md).toContain('a \\| b');
  });

  it('says when a scenario did not run at all', () => {
    const report = sampleReport();
    report.results = report.results.filter((run) => run.skipped === undefined);
    for (const run of report.results) delete run.scenarios.scale;
    expect(mdSection(renderMarkdown(report), 'scale')).toContain('_Not run in this report._');
  });
});

describe('renderHtml', () => {
  it('is self-contained: no external references, no scripts, no linked stylesheets', () => {
    for (const lang of ['en', 'ko'] as const) {
      const html = renderHtml(sampleReport(), lang);
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<link[^>]+stylesheet/i);
      expect(html).not.toMatch(/@import|url\(/i);
    }
  });

  it('puts the headline (re-login failures, measured vs expected) before any table', () => {
    const html = renderHtml(sampleReport(), 'en');
    const headline = html.indexOf('id="headline"');
    expect(headline).toBeGreaterThan(0);
    expect(headline).toBeLessThan(html.indexOf('<table'));
    const cards = html.slice(headline, html.indexOf('</section>', headline));
    expect(cards.match(/class="card /g)).toHaveLength(5);
    expect(cards).toMatch(/✗<\/span> 67%[\s\S]*expected 67%/);
    expect(cards).toContain('cannot be revoked before it expires');
  });

  it('has charts and the claim in every scenario section', () => {
    const found = sections(renderHtml(sampleReport(), 'en'));
    expect([...found.keys()]).toEqual([...SCENARIO_NAMES]);
    for (const [name, body] of found) {
      expect(body, name).toMatch(/<svg [^>]*viewBox=/);
      expect(body, name).toContain('<blockquote class="seed">');
    }
    expect(found.get('scale')).toContain('theory (N-1)/N');
    expect(found.get('scale')).toContain('N node processes share the machine’s 2 cores');
  });

  it('draws failure timelines by kind, with the fault shaded, the kill marked and figures defined', () => {
    const found = sections(renderHtml(sampleReport(), 'en'));
    const store = found.get('store-failure')!;
    expect(store).toContain('<rect class="fault"');
    expect(store).toMatch(/data-kind="access"[\s\S]*data-kind="refresh"/);
    expect(store).toMatch(
      /<dt class="warn">⚠ recovered after: 0\.4 s<\/dt><dd>Seconds from the store’s return/,
    );
    expect(store).toMatch(/<dt class="bad">✗ refresh families lost: 10<\/dt>/);
    expect(found.get('node-failure')).toContain('<line class="kill"');
    expect(found.get('node-failure')).toContain('✕ node killed');
  });

  it('draws exactly the timeline the table sums (chart buckets add up to the table)', () => {
    const report = sampleReport();
    const store = sections(renderHtml(report, 'en')).get('store-failure')!;
    const cards = store.split('<div class="fail-card">').slice(1);
    const runs = report.results.filter((run) => {
      const r = run.scenarios['store-failure'];
      return r && !('skipped' in r);
    });
    expect(cards).toHaveLength(runs.length);
    cards.forEach((card, i) => {
      const result = runs[i]!.scenarios['store-failure'] as { totalRequests: number; failedRequests: number };
      let failed = 0;
      let all = 0;
      for (const m of card.matchAll(/data-ok="(\d+)" data-failed="(\d+)"/g)) {
        failed += Number(m[2]);
        all += Number(m[1]) + Number(m[2]);
      }
      expect({ failed, all }).toEqual({ failed: result.failedRequests, all: result.totalRequests });
    });
  });

  it('shows load medians with min–max whiskers and the overload warning', () => {
    const html = renderHtml(sampleReport(), 'en');
    expect(html).toContain('<p class="overload">⚠ The load average reached 2.9 on 2 cores');
    expect(sections(html).get('load')).toMatch(
      /<g class="range" data-min="3000" data-max="5141">|data-min="15.3" data-max="40.1"/,
    );
  });

  it('escapes text from results, including inside SVG', () => {
    const report = maliciousReport();
    const jwt = report.results[3]!.scenarios.attacks;
    if (!jwt || 'skipped' in jwt) throw new Error('fixture: jwt attacks expected');
    jwt.cases[0]!.code = '"><svg onload=alert(1)>';
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
    expect(html).toContain('memory · round-robin · 3 nodes: skipped — no cluster');
    expect(html).not.toContain('NaN');
  });
});

describe('writeReports', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes report.json (keys never translated), report.md and report.html in the chosen language', async () => {
    dir = await mkdtemp(join(tmpdir(), 'authscale-report-'));
    const out = join(dir, 'nested', 'run');
    const report = sampleReport();
    const paths = await writeReports(report, out, { lang: 'ko' });
    expect(paths).toEqual({
      json: join(out, 'report.json'),
      md: join(out, 'report.md'),
      html: join(out, 'report.html'),
    });
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(report);
    expect(await readFile(paths.md, 'utf8')).toContain('## 요약');
    expect(await readFile(paths.html, 'utf8')).toContain('<html lang="ko">');
  });
});
