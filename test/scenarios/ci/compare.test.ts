import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import { compareReports, regressions } from '../../../scenarios/ci/compare.ts';
import { compareHtml, compareMarkdown, compareText } from '../../../scenarios/ci/compare-render.ts';
import type {
  AttacksResult,
  Report,
  RevocationResult,
  TokenSizeResult,
} from '../../../scenarios/core/types.ts';
import { loadOf, runCli, runOf, spreadOf } from '../../helpers/ci.ts';
import { sampleAudit } from '../../helpers/sample-audit.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

/**
 * B against A, from the sample report: jwt's p99 clearly worse (ranges apart), jwt's req/s clearly
 * better, redis's p99 moved inside the noise, jwt's credential 252 → 300 bytes (one value), and a
 * different machine, Node and commit.
 */
function pair(): { a: Report; b: Report } {
  const a = sampleReport();
  a.machine.commit = '1'.repeat(40);
  const b = structuredClone(a);
  loadOf(b, 'jwt').spread.latencyMs.p99 = spreadOf(40, 35, 45); // A: 19.7 (18.0–25.5)
  loadOf(b, 'jwt').spread.requestsPerSecond = spreadOf(5500, 5350, 5600); // A: 4811 (4700–5300)
  loadOf(b, 'redis').spread.latencyMs.p99 = spreadOf(30, 20, 41); // A: 22.0 (15.3–40.1)
  // A copy: the fixture shares one token-size object between jwt and jwt-redis.
  const jwt = runOf(b, 'jwt');
  jwt.scenarios['token-size'] = { ...(jwt.scenarios['token-size'] as TokenSizeResult), credentialBytes: 300 };
  b.machine = { ...b.machine, cores: 4, cpus: 4, node: 'v22.11.0', commit: '2'.repeat(40) };
  return { a, b };
}

const row = (
  comparison: ReturnType<typeof compareReports>,
  figure: string,
  mode: string,
  strategy = 'round-robin',
) =>
  comparison.rows.find(
    (r) => r.figure.name === figure && r.labels.mode === mode && r.labels.strategy === strategy,
  )!;

describe('compare two reports', () => {
  const { a, b } = pair();
  const comparison = compareReports(a, b);

  it('ranks only where the min–max ranges are apart, in the figure’s own direction', () => {
    const p99 = row(comparison, 'load.p99Ms', 'jwt');
    expect(p99.verdict).toBe('worse');
    expect(p99.ranged).toBe(true);
    expect(p99.changePercent).toBeCloseTo(((40 - 19.7) / 19.7) * 100, 5);
    // Beyond the noise: from A's max 25.5 to B's min 35.
    expect(p99.worseByPercent).toBeCloseTo(((35 - 25.5) / 25.5) * 100, 5);
    expect(row(comparison, 'load.rps', 'jwt').verdict).toBe('better');
    expect(row(comparison, 'load.p99Ms', 'redis').verdict).toBe('no-clear-difference');
    expect(row(comparison, 'load.p99Ms', 'redis').worseByPercent).toBe(0);
    expect(row(comparison, 'load.cpuMicrosPerRequest', 'jwt').verdict).toBe('no-clear-difference');
  });

  it('says when a figure has no range, and compares it by its one value', () => {
    const bytes = row(comparison, 'credential.bytes', 'jwt');
    expect(bytes).toMatchObject({ verdict: 'worse', ranged: false });
    expect(bytes.worseByPercent).toBeCloseTo((48 / 252) * 100, 5);
    expect(row(comparison, 'credential.bytes', 'redis').verdict).toBe('same');
    const text = compareText(comparison, translator('en'), { a: 'A', b: 'B' });
    expect(text).toMatch(
      /credential\.bytes +jwt · round-robin[^\n]*252 bytes +300 bytes +\+19 % +✗ worse \(one value each: no noise range\)/,
    );
    expect(text).toMatch(
      /load\.p99Ms +redis · round-robin[^\n]*22 ms \(15\.3–40\.1\) +30 ms \(20–41\)[^\n]*≈ no clear difference/,
    );
  });

  it('a count from zero is worse without a finite percentage', () => {
    const c = structuredClone(a);
    const attacks = runOf(c, 'jwt').scenarios.attacks as AttacksResult;
    attacks.rejected -= 1;
    const accepted = row(compareReports(a, c), 'forgeries.accepted', 'jwt');
    expect(accepted).toMatchObject({
      verdict: 'worse',
      changePercent: null,
      worseByPercent: Number.POSITIVE_INFINITY,
    });
    expect(regressions(compareReports(a, c), 1000).map((r) => r.figure.name)).toEqual(['forgeries.accepted']);
  });

  it('marks a value that is only a lower bound', () => {
    const c = structuredClone(a);
    const revocation = runOf(c, 'jwt').scenarios.revocation as RevocationResult;
    revocation.afterLogout = { ...revocation.afterLogout, seconds: 12, stoppedBy: 'not-stopped' };
    const logout = row(compareReports(a, c), 'logout.copyWorksSeconds', 'jwt');
    expect(logout.lowerBound).toEqual({ a: false, b: true });
    expect(compareText(compareReports(a, c), translator('en'), { a: 'A', b: 'B' })).toMatch(
      /logout\.copyWorksSeconds +jwt · round-robin[^\n]* ≥ 12 s/,
    );
    expect(row(comparison, 'logout.copyWorksSeconds', 'jwt').lowerBound).toBeUndefined();
  });

  it('counts regressions beyond the noise against --fail-on-regression', () => {
    expect(regressions(comparison, 30).map((r) => r.figure.name)).toEqual(['load.p99Ms']);
    expect(
      regressions(comparison, 10)
        .map((r) => r.figure.name)
        .sort(),
    ).toEqual(['credential.bytes', 'load.p99Ms']);
    expect(regressions(comparison, 40)).toEqual([]);
  });

  it('warns about what differs between the machines and versions', () => {
    expect(comparison.differences).toEqual([
      { what: 'cores', a: '2', b: '4' },
      { what: 'node', a: a.machine.node, b: 'v22.11.0' },
      { what: 'commit', a: '1'.repeat(40), b: '2'.repeat(40) },
    ]);
    const text = compareText(comparison, translator('en'), { a: 'A', b: 'B' });
    expect(text).toContain('⚠ The two reports were not measured alike');
    expect(text).toContain('cores: 2 vs 4');
    expect(text).toContain(`authscale commit: ${'1'.repeat(40)} vs ${'2'.repeat(40)}`);
    // An unknown commit is never taken for "the same".
    const unknown = compareReports(
      { ...a, machine: { ...a.machine, commit: 'unknown' } },
      { ...a, machine: { ...a.machine, commit: 'unknown' } },
    );
    expect(unknown.differences).toEqual([{ what: 'commit', a: 'unknown', b: 'unknown' }]);
    expect(compareText(unknown, translator('en'), { a: 'A', b: 'B' })).toContain(
      'authscale commit: unknown in both (no git checkout), so the code may differ',
    );
    // Demo against audit: compared where they share figures, with the kind named.
    const mixed = compareReports(a, sampleAudit());
    expect(mixed.differences[0]).toMatchObject({ what: 'kind', a: 'demo', b: 'audit' });
  });

  it('renders Markdown and HTML in English and Korean', () => {
    const sources = { a: 'a/report.json', b: 'b/report.json' };
    const md = compareMarkdown(comparison, translator('ko'), sources);
    expect(md).toContain('# authscale: 두 보고서 비교');
    expect(md).toContain('뚜렷한 차이 없음');
    expect(md).toMatch(
      /\| load\.p99Ms \| jwt · round-robin[^|]*\| 19\.7 ms \(18–25\.5\) \| 40 ms \(35–45\) \|/,
    );
    const html = compareHtml(comparison, translator('en'), sources, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<td class="bad">✗ worse</td>');
    expect(html).toContain('<li class="warn">⚠ The two reports were not measured alike');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});

describe('npm run compare (real process)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const files = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authscale-compare-'));
    dirs.push(dir);
    const { a, b } = pair();
    await writeFile(join(dir, 'a.json'), JSON.stringify(a));
    await writeFile(join(dir, 'b.json'), JSON.stringify(b));
    return dir;
  };

  it('exits 99 on a regression beyond PCT, 0 within it, and writes compare.md/html', async () => {
    const dir = await files();
    const out = join(dir, 'out');
    const fail = await runCli('scenarios/ci/compare-cli.ts', [
      join(dir, 'a.json'),
      join(dir, 'b.json'),
      '--fail-on-regression',
      '30',
      '--out',
      out,
    ]);
    expect(fail.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(fail.code).toBe(99);
    expect(fail.stdout).toContain('1 figure(s) got worse by more than 30% beyond the noise: load.p99Ms');
    expect(fail.stdout).toContain('cores: 2 vs 4');
    expect(await readFile(join(out, 'compare.md'), 'utf8')).toContain('load.p99Ms');
    expect(await readFile(join(out, 'compare.html'), 'utf8')).toContain('<table>');
    const pass = await runCli('scenarios/ci/compare-cli.ts', [
      join(dir, 'a.json'),
      join(dir, 'b.json'),
      '--fail-on-regression',
      '40',
      '--out',
      out,
      '--lang',
      'ko',
    ]);
    expect(pass.code).toBe(0);
    expect(pass.stdout).toContain('잡음 범위를 넘어 40% 넘게 나빠진 지표는 없습니다.');
  });

  it('exits 2 naming the problem: a missing file, not a report, a bad percentage, no arguments', async () => {
    const dir = await files();
    await writeFile(join(dir, 'x.json'), '{"hello":1}');
    const cases: [string[], RegExp][] = [
      [[join(dir, 'none.json'), join(dir, 'a.json')], /cannot read .*none\.json \(ENOENT\)/],
      [[join(dir, 'x.json'), join(dir, 'a.json')], /x\.json is not an authscale report\.json/],
      [
        [join(dir, 'a.json'), join(dir, 'b.json'), '--fail-on-regression', 'ten'],
        /--fail-on-regression expects a percentage/,
      ],
      [[join(dir, 'a.json')], /give two report\.json files/],
      [['--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli('scenarios/ci/compare-cli.ts', args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('--check evaluates thresholds on an existing report, with JUnit, and the audit default', async () => {
    const dir = await files();
    const ok = await runCli('scenarios/ci/compare-cli.ts', [
      '--check',
      join(dir, 'a.json'),
      '--threshold',
      'load.p99Ms{mode=jwt} < 20',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('✓ load.p99Ms{mode=jwt} < 20');
    const junit = join(dir, 'junit.xml');
    const failed = await runCli('scenarios/ci/compare-cli.ts', [
      '--check',
      join(dir, 'b.json'),
      '--threshold',
      'load.p99Ms{mode=jwt} < 20',
      '--junit',
      junit,
    ]);
    expect(failed.code).toBe(99);
    expect(await readFile(junit, 'utf8')).toContain('<failure type="threshold"');
    const unknown = await runCli('scenarios/ci/compare-cli.ts', [
      '--check',
      join(dir, 'a.json'),
      '--threshold',
      'load.nope < 1',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('relogin.failureRate, load.rps');
    const none = await runCli('scenarios/ci/compare-cli.ts', ['--check', join(dir, 'a.json')]);
    expect(none.code).toBe(2);
    await writeFile(join(dir, 'audit.json'), JSON.stringify(sampleAudit({ acceptedForgeries: 1 })));
    const audit = await runCli('scenarios/ci/compare-cli.ts', ['--check', join(dir, 'audit.json')]);
    expect(audit.code).toBe(99);
    expect(audit.stdout).toContain('✗ forgeries.accepted == 0');
    const dropped = await runCli('scenarios/ci/compare-cli.ts', [
      '--check',
      join(dir, 'audit.json'),
      '--no-default-thresholds',
      '--threshold',
      'credential.bytes < 4096',
    ]);
    expect(dropped.code).toBe(0);
  });
});
