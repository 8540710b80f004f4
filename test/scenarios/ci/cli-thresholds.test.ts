import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../scenarios/core/types.ts';
import { runCli } from '../../helpers/ci.ts';

/**
 * Exit codes through the real CLI against a real cluster (memory mode, 3 nodes, round-robin:
 * about 2 of 3 re-logins fail): 0 when every threshold holds, 99 when one fails, 2 for a threshold
 * that cannot be checked — before any cluster starts.
 */
const CLI = 'scenarios/cli.ts';
const RELOGIN = ['scenario', 'relogin', '--quick', '--modes', 'memory', '--users', '6', '--requests', '9'];

describe('thresholds through the CLI', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authscale-ci-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('exits 0 when every threshold holds, and records them in report.json, report.md and JUnit', async () => {
    const out = await tempDir();
    const junit = join(out, 'junit.xml');
    const { code, stdout, stderr } = await runCli(CLI, [
      ...RELOGIN,
      '--out',
      out,
      '--junit',
      junit,
      '--threshold',
      'relogin.failureRate{mode=memory,strategy=round-robin} > 0.3',
      '--threshold',
      'relogin.failureRate <= 1',
    ]);
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    expect(stdout).toContain('Thresholds: 2 of 2 hold, 0 failed, 0 not measured');
    expect(stdout).toMatch(
      /✓ relogin\.failureRate\{mode=memory,strategy=round-robin\} > 0\.3 — memory · round-robin/,
    );
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.thresholds?.map((t) => t.status)).toEqual(['passed', 'passed']);
    expect(report.thresholds?.[0]?.measured[0]?.value).toBeGreaterThan(0.3);
    expect(report.machine.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(await readFile(join(out, 'report.md'), 'utf8')).toContain('## Thresholds');
    const xml = await readFile(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml).testsuites
      .testsuite;
    expect(suite['@_tests']).toBe('2');
    expect(suite['@_failures']).toBe('0');
  });

  it('exits 99 when a threshold fails, with the measured value on the terminal and in JUnit', async () => {
    const out = await tempDir();
    const junit = join(out, 'junit.xml');
    const { code, stdout } = await runCli(CLI, [
      ...RELOGIN,
      '--out',
      out,
      '--junit',
      junit,
      '--threshold',
      'relogin.failureRate < 0.1',
    ]);
    expect(code).toBe(99);
    expect(stdout).toMatch(/✗ relogin\.failureRate < 0\.1 — memory · round-robin[^:]*: 0\.\d+/);
    const xml = await readFile(junit, 'utf8');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml);
    const failure = parsed.testsuites.testsuite.testcase.failure;
    expect(failure['@_message']).toMatch(
      /^relogin\.failureRate < 0\.1: measured memory · round-robin[^:]*: 0\.\d+$/,
    );
  });

  it('exits 2 at once, naming the valid figures, for a threshold it cannot check', async () => {
    const out = join(await tempDir(), 'never');
    const cases: [string, RegExp][] = [
      [
        'relogin.failRate < 1',
        /unknown figure "relogin\.failRate"; figures: relogin\.failureRate, load\.rps/,
      ],
      [
        'load.rps > 1',
        /comes from the load scenario, which this run does not include \(relogin\); figures this run produces: relogin\.failureRate/,
      ],
      ['relogin.failureRate{mode=jwt} < 1', /mode jwt is not among this run's modes \(memory\)/],
      [
        'relogin.failureRate{region=eu} < 1',
        /unknown label "region"; labels: mode, strategy, balancer, nodes/,
      ],
    ];
    for (const [expr, message] of cases) {
      const { code, stderr, ms } = await runCli(CLI, [...RELOGIN, '--out', out, '--threshold', expr]);
      expect(code, expr).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/starting the cluster/);
      expect(ms).toBeLessThan(30_000);
    }
    await expect(access(out)).rejects.toThrow();
  });

  it('exits 1 when the run itself fails, with an error per threshold in JUnit', async () => {
    const out = await tempDir();
    const junit = join(out, 'junit.xml');
    // Nothing listens on the discard port: the run cannot reach its target.
    const target = ['scenario', 'relogin', '--quick', '--target', 'http://127.0.0.1:9'];
    const { code, stderr } = await runCli(CLI, [
      ...target,
      '--out',
      out,
      '--junit',
      junit,
      '--threshold',
      'relogin.failureRate < 1',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('cannot reach http://127.0.0.1:9');
    const xml = await readFile(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      isArray: (name) => name === 'testcase',
    }).parse(xml).testsuites.testsuite;
    expect(suite['@_errors']).toBe('2');
    expect(suite.testcase.map((c: { '@_name': string }) => c['@_name'])).toEqual([
      'relogin.failureRate < 1',
      'run',
    ]);
    expect(suite.testcase[0].error['@_type']).toBe('not-checked');
    expect(suite.testcase[1].error['@_message']).toContain('ECONNREFUSED');
  });

  it('lists the figures on demo and scenario', async () => {
    for (const args of [
      ['demo', '--list-figures'],
      ['scenario', 'load', '--list-figures', '--lang', 'ko'],
    ]) {
      const { code, stdout } = await runCli(CLI, args);
      expect(code).toBe(0);
      expect(stdout).toContain('forgeries.accepted');
      expect(stdout).toContain('storeFailure.failedRequests');
    }
  });
});
