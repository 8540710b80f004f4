import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import { parseThreshold, ThresholdError } from '../../../scenarios/ci/expression.ts';
import { FIGURE_NAMES, figureListText } from '../../../scenarios/ci/index.ts';
import {
  AUDIT_DEFAULT_THRESHOLDS,
  checkThresholdsAgainstPlan,
  parseThresholdOptions,
} from '../../../scenarios/ci/options.ts';
import { parseCommand, UsageError } from '../../../scenarios/cli/args.ts';

/** The threshold grammar: what parses, and what a mistake says (exit 2 names the valid choices). */
function errorOf(run: () => unknown): ThresholdError {
  try {
    run();
  } catch (error) {
    if (error instanceof ThresholdError) return error;
    throw error;
  }
  throw new Error('expected a ThresholdError');
}

describe('threshold expressions', () => {
  it('parse figure, labels, end, operator and limit', () => {
    expect(parseThreshold(' relogin.failureRate{mode=memory, strategy=sticky} == 0 ')).toEqual({
      expression: 'relogin.failureRate{mode=memory, strategy=sticky} == 0',
      figure: 'relogin.failureRate',
      end: 'median',
      labels: { mode: 'memory', strategy: 'sticky' },
      op: '==',
      limit: 0,
    });
    expect(parseThreshold('load.p99Ms.max{nodes=3,balancer=haproxy}<=50.5')).toMatchObject({
      figure: 'load.p99Ms',
      end: 'max',
      labels: { nodes: '3', balancer: 'haproxy' },
      op: '<=',
      limit: 50.5,
    });
    for (const op of ['<', '<=', '>', '>=', '==', '!='] as const) {
      expect(parseThreshold(`load.rps ${op} 1e3`)).toMatchObject({ op, limit: 1000 });
    }
    expect(parseThreshold('load.rps.min > 100').end).toBe('min');
  });

  it('name every valid figure when the figure is unknown', () => {
    const error = errorOf(() => parseThreshold('relogin.failRate < 1'));
    expect(error.key).toBe('ci.threshold.error.figure');
    for (const name of FIGURE_NAMES) expect(error.message).toContain(name);
    expect(error.message).toContain('"relogin.failRate"');
  });

  it('name the labels, and the values, when a label is wrong', () => {
    const label = errorOf(() => parseThreshold('load.rps{zone=eu} > 1'));
    expect(label.key).toBe('ci.threshold.error.label');
    expect(label.message).toContain('mode, strategy, balancer, nodes');
    const value = errorOf(() => parseThreshold('load.rps{mode=mem} > 1'));
    expect(value.key).toBe('ci.threshold.error.label-value');
    expect(value.message).toContain('memory, redis, jwt, jwt-redis');
    expect(errorOf(() => parseThreshold('load.rps{nodes=0} > 1')).key).toBe('ci.threshold.error.label-value');
    expect(errorOf(() => parseThreshold('load.rps{mode} > 1')).key).toBe('ci.threshold.error.label-syntax');
  });

  it('refuse a bad shape, a bad number and .min on a figure measured once', () => {
    for (const bad of ['relogin.failureRate', 'relogin.failureRate = 1', '< 1', 'load.rps > 1 2', '']) {
      expect(errorOf(() => parseThreshold(bad)).key, bad).toBe('ci.threshold.error.syntax');
    }
    for (const bad of ['load.rps > abc', 'load.rps > 1%', 'load.rps > Infinity', 'load.rps > 0x10']) {
      expect(errorOf(() => parseThreshold(bad)).key, bad).toBe('ci.threshold.error.number');
    }
    const end = errorOf(() => parseThreshold('credential.bytes.max < 100'));
    expect(end.key).toBe('ci.threshold.error.end');
  });

  it('say it in Korean too', () => {
    const error = errorOf(() => parseThreshold('nope < 1'));
    expect(translator('ko')(error.key, error.params)).toMatch(/알 수 없는 지표 "nope"/);
  });
});

describe('threshold options', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('read a file (comments, blank lines), then flags; drop duplicates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authscale-thr-'));
    dirs.push(dir);
    const file = join(dir, 'thresholds.txt');
    await writeFile(file, '# CI gates\n\nload.p99Ms < 50   # latency\n  forgeries.accepted == 0\n');
    const thresholds = parseThresholdOptions({
      thresholds: file,
      threshold: ['load.rps > 10', 'load.p99Ms<50'],
    });
    expect(thresholds.map((t) => t.expression)).toEqual([
      'load.p99Ms < 50',
      'forgeries.accepted == 0',
      'load.rps > 10',
    ]);
  });

  it('name the file and the line of a mistake, and a file that is not there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authscale-thr-'));
    dirs.push(dir);
    const file = join(dir, 'bad.txt');
    await writeFile(file, 'load.rps > 1\n\nload.bogus < 2\n');
    const error = errorOf(() => parseThresholdOptions({ thresholds: file }));
    expect(error.key).toBe('ci.threshold.error.file-line');
    expect(error.message).toContain(`${file} line 3`);
    expect(error.message).toContain('unknown figure "load.bogus"');
    const missing = errorOf(() => parseThresholdOptions({ thresholds: join(dir, 'none.txt') }));
    expect(missing.message).toContain('ENOENT');
  });

  it('put the default first and drop it on --no-default-thresholds', () => {
    const withDefault = parseThresholdOptions(
      { threshold: ['load.rps > 1'] },
      { defaults: AUDIT_DEFAULT_THRESHOLDS },
    );
    expect(withDefault.map((t) => t.expression)).toEqual(['forgeries.accepted == 0', 'load.rps > 1']);
    const without = parseThresholdOptions(
      { threshold: ['load.rps > 1'], 'no-default-thresholds': true },
      { defaults: AUDIT_DEFAULT_THRESHOLDS },
    );
    expect(without.map((t) => t.expression)).toEqual(['load.rps > 1']);
  });

  it('refuse, before a run, a figure its scenarios do not produce or a mode it does not run', () => {
    const plan = { scenarios: ['relogin'] as const, modes: ['memory'] };
    const scenario = errorOf(() => checkThresholdsAgainstPlan([parseThreshold('load.rps > 1')], plan));
    expect(scenario.key).toBe('ci.threshold.error.not-in-run');
    expect(scenario.message).toContain('relogin.failureRate');
    const mode = errorOf(() =>
      checkThresholdsAgainstPlan([parseThreshold('relogin.failureRate{mode=jwt} < 1')], plan),
    );
    expect(mode.key).toBe('ci.threshold.error.mode-not-in-run');
    expect(() => checkThresholdsAgainstPlan([parseThreshold('relogin.failureRate < 1')], plan)).not.toThrow();
  });

  it('list every figure with its unit in --list-figures (en and ko)', () => {
    const en = figureListText(translator('en'));
    const ko = figureListText(translator('ko'));
    for (const name of FIGURE_NAMES) {
      expect(en).toContain(name);
      expect(ko).toContain(name);
    }
    expect(en).toMatch(/load\.p99Ms\s+ms, median \(\.min\/\.max\)\s+lower is better/);
    expect(ko).toMatch(/낮을수록 좋음/);
    for (const line of en.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });
});

describe('threshold flags on the command line', () => {
  it('parse into the command, and are refused where no scenario runs', () => {
    const command = parseCommand([
      'scenario',
      'relogin',
      '--threshold',
      'relogin.failureRate < 1',
      '--junit',
      'j.xml',
    ]);
    expect(command).toMatchObject({
      kind: 'scenario',
      flags: { junit: 'j.xml', thresholds: [{ figure: 'relogin.failureRate', op: '<', limit: 1 }] },
    });
    expect(parseCommand(['demo'])).not.toHaveProperty('flags.thresholds');
    expect(parseCommand(['demo', '--list-figures'])).toEqual({ kind: 'list-figures' });
    expect(() => parseCommand(['cluster', '--threshold', 'load.rps > 1'])).toThrow(UsageError);
    const error = (() => {
      try {
        parseCommand(['demo', '--threshold', 'load.nope > 1']);
      } catch (e) {
        return e as UsageError;
      }
      throw new Error('expected a UsageError');
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error.key).toBe('ci.threshold.error.figure');
  });
});
