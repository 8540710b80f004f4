import { holds, type Threshold } from './expression.ts';
import { endOf } from './figure-values.ts';
import { findFigure } from './figures.ts';
import type { AnyReport } from './report-shape.ts';
import type { Operator, ThresholdResult, ThresholdStatus } from './result.ts';
import { figureSamples, matches } from './samples.ts';

/**
 * A threshold checked against a report: every run that has the figure (and matches the labels)
 * must pass. Stored in report.json as `thresholds[]` (shapes in result.ts).
 */
export type { MeasuredValue, ThresholdResult, ThresholdStatus } from './result.ts';

/** The figure names a report holds (at least one run has them), in catalogue order. */
export function availableFigures(report: AnyReport): string[] {
  return [...new Set(figureSamples(report).map((sample) => sample.figure.name))];
}

/**
 * A value that is only a lower bound (the true one may be any larger number) proves `>` / `>=`
 * and `!=` below it, never `<`, `<=` or `==`: those fail rather than pass on a guess.
 */
function holdsForLowerBound(value: number, op: Operator, limit: number): boolean {
  if (op === '>' || op === '>=') return holds(value, op, limit);
  return op === '!=' && limit < value;
}

export function evaluateThresholds(report: AnyReport, thresholds: readonly Threshold[]): ThresholdResult[] {
  const samples = figureSamples(report);
  return thresholds.map((threshold) => {
    const measured = samples
      .filter((sample) => sample.figure.name === threshold.figure && matches(sample.labels, threshold.labels))
      .map((sample) => {
        const value = endOf(sample.value, threshold.end);
        return {
          labels: sample.labels,
          value,
          passed: sample.lowerBound
            ? holdsForLowerBound(value, threshold.op, threshold.limit)
            : holds(value, threshold.op, threshold.limit),
          ...(sample.lowerBound && { lowerBound: true as const }),
        };
      });
    const status: ThresholdStatus =
      measured.length === 0 ? 'missing' : measured.every((m) => m.passed) ? 'passed' : 'failed';
    return {
      expression: threshold.expression,
      figure: threshold.figure,
      unit: findFigure(threshold.figure)!.unit,
      end: threshold.end,
      labels: threshold.labels,
      op: threshold.op,
      limit: threshold.limit,
      status,
      measured,
      ...(status === 'missing' && { available: availableFigures(report) }),
    };
  });
}

/** k6's convention: 0 all hold, 99 one failed, 2 one could not be checked, 1 the run failed. */
export const EXIT = { ok: 0, runFailed: 1, usage: 2, thresholdFailed: 99 } as const;

export function thresholdExitCode(results: readonly ThresholdResult[], runFailed = false): number {
  if (runFailed) return EXIT.runFailed;
  if (results.some((result) => result.status === 'missing')) return EXIT.usage;
  if (results.some((result) => result.status === 'failed')) return EXIT.thresholdFailed;
  return EXIT.ok;
}
