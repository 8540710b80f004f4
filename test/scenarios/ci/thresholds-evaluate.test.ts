import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import { parseThreshold } from '../../../scenarios/ci/expression.ts';
import {
  availableFigures,
  evaluateThresholds,
  renderThresholdLines,
  thresholdExitCode,
  thresholdsHtml,
  thresholdsMarkdown,
} from '../../../scenarios/ci/index.ts';
import type { ReloginResult, RevocationResult } from '../../../scenarios/core/types.ts';
import { checkReport } from '../../../scenarios/report/check.ts';
import { renderHtml, renderMarkdown } from '../../../scenarios/report/index.ts';
import { sampleAudit } from '../../helpers/sample-audit.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

/** Thresholds against real report shapes: the demo fixture (five runs, skips) and an audit. */
const check = (report: Parameters<typeof evaluateThresholds>[0], ...exprs: string[]) =>
  evaluateThresholds(report, exprs.map(parseThreshold));

describe('threshold evaluation on a demo report', () => {
  const report = sampleReport();

  it('maps each catalogue figure to the report fields it names', () => {
    const one = (expr: string) =>
      check(report, expr)[0]!.measured.map((m) => [m.labels.mode, m.labels.strategy, m.value]);
    const relogin = report.results[0]!.scenarios.relogin as ReloginResult;
    expect(relogin.failureRate).toBeGreaterThan(0.5);
    expect(one('relogin.failureRate{mode=memory,strategy=round-robin} > 0')).toEqual([
      ['memory', 'round-robin', relogin.failureRate],
    ]);
    // Spread figures: the median by default, .min / .max the ends (memory sticky: rps 3900–5121).
    expect(one('load.rps{mode=memory} > 0')).toEqual([['memory', 'sticky', 4480]]);
    expect(one('load.rps.min{mode=memory} > 0')).toEqual([['memory', 'sticky', 3900]]);
    expect(one('load.p99Ms.max{mode=memory} > 0')).toEqual([['memory', 'sticky', 31.2]]);
    expect(one('load.cpuMicrosPerRequest{mode=jwt} > 0')).toEqual([['jwt', 'round-robin', 156]]);
    expect(one('load.storeOpsPerRequest{mode=redis} > 0')).toEqual([['redis', 'round-robin', 1]]);
    expect(one('credential.bytes{mode=redis} > 0')).toEqual([['redis', 'round-robin', 91]]);
    expect(one('credential.bytes{mode=jwt} > 0')).toEqual([['jwt', 'round-robin', 252]]);
    expect(one('nodeFailure.sessionsLost{mode=redis} >= 0')[0]![2]).toBeTypeOf('number');
    expect(one('storeFailure.sessionsLost{mode=redis} > 0')).toEqual([['redis', 'round-robin', 10]]);
    expect(one('forgeries.accepted == 0').every(([, , value]) => value === 0)).toBe(true);
    const logout = one('logout.copyWorksSeconds >= 0');
    expect(logout.length).toBeGreaterThan(1);
  });

  it('needs every run that has the figure to pass, and lists each with ✓/✗', () => {
    const [result] = check(report, 'load.p99Ms < 20');
    // memory sticky 20.5, redis 22.0, jwt 19.7, jwt-redis 21.0 (medians): only jwt passes.
    expect(result!.status).toBe('failed');
    expect(result!.measured.map((m) => [m.labels.mode, m.passed])).toEqual([
      ['memory', false],
      ['redis', false],
      ['jwt', true],
      ['jwt-redis', false],
    ]);
    const lines = renderThresholdLines([result!], translator('en'));
    expect(lines[0]).toBe('Thresholds: 0 of 1 hold, 1 failed, 0 not measured');
    expect(lines[1]).toMatch(
      /^ {2}✗ load\.p99Ms < 20 — memory · sticky[^;]*: 20\.5 ms ✗; .*jwt · round-robin[^;]*: 19\.7 ms ✓/,
    );
    expect(thresholdExitCode([result!])).toBe(99);
  });

  it('passes when the labelled runs pass, whatever the others do', () => {
    const results = check(report, 'load.p99Ms{mode=jwt} < 20', 'relogin.failureRate{strategy=sticky} == 0');
    expect(results.map((r) => r.status)).toEqual(['passed', 'passed']);
    expect(thresholdExitCode(results)).toBe(0);
  });

  it('says "not measured" (exit 2) with the figures the report has, never a silent pass', () => {
    // Every memory round-robin figure but relogin is skipped; redis sticky never ran.
    const results = check(
      report,
      'load.rps{mode=memory,strategy=round-robin} > 1',
      'load.rps{mode=redis,strategy=sticky} > 1',
    );
    expect(results.map((r) => r.status)).toEqual(['missing', 'missing']);
    expect(results[0]!.available).toEqual(availableFigures(report));
    expect(results[0]!.available).toContain('relogin.failureRate');
    expect(thresholdExitCode(results)).toBe(2);
    expect(thresholdExitCode([...results, ...check(report, 'load.p99Ms < 1')])).toBe(2);
    expect(thresholdExitCode(check(report, 'load.p99Ms < 1'), true)).toBe(1);
  });

  it('puts the thresholds in report.md and report.html, in both languages', () => {
    const withThresholds = {
      ...report,
      thresholds: check(report, 'load.p99Ms{mode=jwt} < 20', 'load.p99Ms < 20'),
    };
    const md = renderMarkdown(withThresholds, 'en');
    expect(md).toContain('## Thresholds');
    expect(md).toContain('| ✓ holds | load.p99Ms{mode=jwt} &lt; 20 |');
    expect(md).toContain('| ✗ failed | load.p99Ms &lt; 20 |');
    const html = renderHtml(withThresholds, 'ko');
    expect(html).toContain('<section id="thresholds">');
    expect(html).toContain('<td class="bad">✗ 실패</td><td><code>load.p99Ms &lt; 20</code></td>');
    expect(renderMarkdown(report, 'en')).not.toContain('## Thresholds');
    expect(thresholdsMarkdown([], translator('en'))).toBe('');
    expect(thresholdsHtml(undefined, translator('en'))).toBe('');
    // report.json's contract check knows the thresholds array.
    expect(checkReport(JSON.parse(JSON.stringify(withThresholds)))).toEqual([]);
    expect(checkReport({ ...withThresholds, thresholds: [{ expression: 'x', status: 'ok' }] })).toContain(
      'thresholds: [{expression, status: passed | failed | missing, measured[]}]',
    );
  });
});

describe('threshold evaluation on an audit report', () => {
  it('reads the audit figures (forgeries count, relogin, logout, credential, replica failure, load)', () => {
    const audit = sampleAudit({ acceptedForgeries: 1 });
    const value = (expr: string) => check(audit, expr)[0]!.measured[0]?.value;
    expect(value('forgeries.accepted == 0')).toBe(1);
    expect(value('forgeries.tried > 0')).toBe(4);
    expect(value('relogin.failureRate < 0.1')).toBe(0.667);
    expect(value('logout.copyWorksSeconds < 1')).toBe(0.4);
    expect(value('theft.copyWorksSeconds < 1')).toBe(30);
    expect(value('credential.bytes < 4096')).toBe(84);
    expect(value('nodeFailure.sessionsLost == 0')).toBe(7);
    expect(value('nodeFailure.failedRequests == 0')).toBe(12);
    expect(value('load.p99Ms.max < 50')).toBe(20);
    expect(value('load.rps > 100')).toBe(900);
    expect(
      check(audit, 'load.cpuMicrosPerRequest{nodes=3,strategy=round-robin,balancer=builtin} < 500')[0]!
        .status,
    ).toBe('passed');
    expect(thresholdExitCode(check(audit, 'forgeries.accepted == 0'))).toBe(99);
    expect(thresholdExitCode(check(sampleAudit({ acceptedForgeries: 0 }), 'forgeries.accepted == 0'))).toBe(
      0,
    );
  });

  it('says "not measured" for what an audit has no such thing as', () => {
    const [result] = check(sampleAudit(), 'storeFailure.failedRequests == 0');
    expect(result!.status).toBe('missing');
    expect(result!.available).toContain('forgeries.accepted');
    // A mode label selects demo runs; an audit has none.
    expect(check(sampleAudit(), 'relogin.failureRate{mode=memory} < 1')[0]!.status).toBe('missing');
  });

  it('treats a copy still working at the end as a lower bound: it can fail "<" but never pass it', () => {
    const audit = sampleAudit();
    audit.audit = { ...audit.audit, logout: { copyWorksSeconds: 10, stillWorkingAtEnd: true } };
    const results = check(
      audit,
      'logout.copyWorksSeconds < 60',
      'logout.copyWorksSeconds > 5',
      'logout.copyWorksSeconds == 10',
      'logout.copyWorksSeconds != 3',
    );
    expect(results.map((r) => r.status)).toEqual(['failed', 'passed', 'failed', 'passed']);
    expect(results[0]!.measured[0]).toMatchObject({ value: 10, lowerBound: true });
    expect(renderThresholdLines(results, translator('en'))[1]).toContain('≥ 10 s');
  });
});

describe('lower bounds in a demo report', () => {
  it('reads "not-stopped" revocation windows as lower bounds', () => {
    const report = sampleReport();
    const revocation = report.results.find((r) => r.mode === 'jwt')!.scenarios.revocation as RevocationResult;
    revocation.afterLogout = { ...revocation.afterLogout, seconds: 12, stoppedBy: 'not-stopped' };
    const [result] = check(report, 'logout.copyWorksSeconds{mode=jwt} < 100');
    expect(result!.measured[0]).toMatchObject({ value: 12, lowerBound: true, passed: false });
    const [others] = check(report, 'logout.copyWorksSeconds{mode=redis} < 100');
    expect(others!.measured[0]!.lowerBound).toBeUndefined();
  });
});
