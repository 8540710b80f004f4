import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import { parseThreshold } from '../../../scenarios/ci/expression.ts';
import { collectHistory, trendSeries } from '../../../scenarios/ci/history.ts';
import { historyHtml, historyMarkdown } from '../../../scenarios/ci/history-render.ts';
import { evaluateThresholds } from '../../../scenarios/ci/index.ts';
import { loadOf, runCli, spreadOf } from '../../helpers/ci.ts';
import { sampleAudit } from '../../helpers/sample-audit.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

/** A reports folder with three demo runs (out of order on disk), an audit and a broken file. */
async function reportsFolder(root: string): Promise<void> {
  const days = ['2026-12-03', '2026-12-01', '2026-12-02'];
  for (const [i, day] of days.entries()) {
    const report = sampleReport();
    report.startedAt = `${day}T09:00:00.000Z`;
    loadOf(report, 'jwt').spread.requestsPerSecond = spreadOf(4000 + 100 * i, 3900, 4300 + 100 * i);
    report.thresholds = evaluateThresholds(report, [
      parseThreshold('load.p99Ms{mode=jwt} < 20'),
      parseThreshold('load.p99Ms < 20'),
    ]);
    await mkdir(join(root, `run-${i}`));
    await writeFile(join(root, `run-${i}`, 'report.json'), JSON.stringify(report));
  }
  await mkdir(join(root, 'audit'));
  await writeFile(join(root, 'audit', 'report.json'), JSON.stringify(sampleAudit()));
  await mkdir(join(root, 'broken'));
  await writeFile(join(root, 'broken', 'report.json'), '{ not json');
  await mkdir(join(root, 'compare-x'));
  await writeFile(join(root, 'compare-x', 'compare.md'), '# not a run');
}

describe('history page', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const folder = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authscale-history-'));
    dirs.push(dir);
    await reportsFolder(dir);
    return dir;
  };

  it('lists past runs oldest first with their runs, headline figures and thresholds held', async () => {
    const history = await collectHistory(await folder());
    expect(history.entries.map((e) => e.name)).toEqual(['run-1', 'run-2', 'run-0', 'audit']);
    expect(history.unreadable).toEqual(['broken']);
    expect(history.entries[0]!.thresholds).toEqual({ passed: 1, total: 2 });
    expect(history.entries[3]!.kind).toBe('audit');
    const jwt = trendSeries(history.entries, 'load.rps').find((s) => s.name === 'jwt')!;
    expect(jwt.points).toEqual([
      { x: 1, y: 4100 },
      { x: 2, y: 4200 },
      { x: 3, y: 4000 },
    ]);
    const md = historyMarkdown(history, translator('en'));
    expect(md).toContain('4 runs, oldest first.');
    expect(md).toContain('not a readable report.json, left out: broken');
    expect(md).toMatch(
      /\| 2026-12-01 09:00:00 \| run-1 \| memory; memory sticky; redis; jwt; jwt-redis \|[^\n]*✗ 1\/2 \|/,
    );
    expect(md).toMatch(/\| audit \| audit \| audit: 0\.667 \|/);
  });

  it('draws one trend chart per headline figure, self-contained, in Korean too', async () => {
    const history = await collectHistory(await folder());
    const html = historyHtml(history, translator('ko'), 'ko');
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('authscale: 지난 실행');
    const charts = html.match(/<svg /g) ?? [];
    expect(charts.length).toBe(6);
    expect(html).toContain('aria-label="load.rps (req/s)"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('npm run compare -- --history DIR writes history.md and history.html', async () => {
    const dir = await folder();
    const out = join(dir, 'page');
    const { code, stdout } = await runCli('scenarios/ci/compare-cli.ts', ['--history', dir, '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('4 runs');
    expect(await readFile(join(out, 'history.html'), 'utf8')).toContain('<svg');
    expect(await readFile(join(out, 'history.md'), 'utf8')).toContain('run-0');
    const missing = await runCli('scenarios/ci/compare-cli.ts', ['--history', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the folder .*nope \(ENOENT\)/);
  });
});
