import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import {
  AUDIT_DEFAULT_THRESHOLDS,
  evaluateThresholds,
  parseThresholdOptions,
  renderThresholdLines,
  THRESHOLD_FLAGS,
  thresholdExitCode,
  writeJunit,
} from '../../../scenarios/ci/index.ts';
import { sampleAudit } from '../../helpers/sample-audit.ts';

/** The few lines an audit command needs, exactly as it would write them. */
async function auditTail(argv: string[], acceptedForgeries: number, junitDir: string) {
  const { values } = parseArgs({ args: argv, options: { ...THRESHOLD_FLAGS }, strict: true });
  const thresholds = parseThresholdOptions(values, { defaults: AUDIT_DEFAULT_THRESHOLDS });
  const report = {
    ...sampleAudit({ acceptedForgeries }),
    thresholds: [] as ReturnType<typeof evaluateThresholds>,
  };
  report.thresholds = evaluateThresholds(report, thresholds);
  const lines = renderThresholdLines(report.thresholds, translator('en'));
  const junit = values.junit === undefined ? undefined : join(junitDir, values.junit);
  if (junit) await writeJunit(junit, report.thresholds, { suite: 'authscale audit' });
  return { code: thresholdExitCode(report.thresholds), lines, junit };
}

describe('thresholds from an audit command', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('fails the build on an accepted forgery by default, and not with --no-default-thresholds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authscale-audit-api-'));
    dirs.push(dir);
    const found = await auditTail(['--junit', 'junit.xml'], 1, dir);
    expect(found.code).toBe(99);
    expect(found.lines[1]).toBe('  ✗ forgeries.accepted == 0 — round-robin · builtin · nodes=3: 1');
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(
      await readFile(found.junit!, 'utf8'),
    );
    expect(xml.testsuites.testsuite.testcase['@_name']).toBe('forgeries.accepted == 0');
    expect((await auditTail([], 0, dir)).code).toBe(0);
    const dropped = await auditTail(
      ['--no-default-thresholds', '--threshold', 'relogin.failureRate < 0.7'],
      1,
      dir,
    );
    expect(dropped.code).toBe(0);
    expect(dropped.lines).toHaveLength(2);
    expect((await auditTail(['--threshold', 'relogin.failureRate < 0.5'], 0, dir)).code).toBe(99);
  });
});
