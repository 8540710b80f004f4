import { readFileSync } from 'node:fs';
import type { ScenarioName } from '../core/types.ts';
import { parseThreshold, type Threshold, ThresholdError } from './expression.ts';
import { FIGURES, findFigure } from './figures.ts';

/**
 * The threshold flags every command shares (demo, scenario, audit, compare --check), as
 * node:util parseArgs options, and the one call that turns their values into thresholds:
 *
 *   const { values } = parseArgs({ options: { ...THRESHOLD_FLAGS, … } });
 *   const thresholds = parseThresholdOptions(values, { defaults: AUDIT_DEFAULT_THRESHOLDS });
 */
export const THRESHOLD_FLAGS = {
  threshold: { type: 'string', multiple: true },
  thresholds: { type: 'string' },
  'no-default-thresholds': { type: 'boolean' },
  junit: { type: 'string' },
  'list-figures': { type: 'boolean' },
} as const;

export interface ThresholdFlagValues {
  threshold?: string[] | undefined;
  thresholds?: string | undefined;
  'no-default-thresholds'?: boolean | undefined;
}

/** The audit's default: an app that accepts a forged credential fails the build. */
export const AUDIT_DEFAULT_THRESHOLDS: readonly string[] = ['forgeries.accepted == 0'];

/** One expression a line; blank lines and `#` comments (whole line or after the expression) skipped. */
export function readThresholdFile(file: string): Threshold[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ThresholdError('ci.threshold.error.file', { file, reason });
  }
  return text.split(/\r?\n/).flatMap((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return [];
    try {
      return [parseThreshold(line)];
    } catch (error) {
      if (!(error instanceof ThresholdError)) throw error;
      throw new ThresholdError('ci.threshold.error.file-line', {
        file,
        line: index + 1,
        message: error.message,
      });
    }
  });
}

/**
 * Defaults first (unless `--no-default-thresholds`), then `--thresholds FILE`, then each
 * `--threshold`; the same expression twice is kept once.
 */
export function parseThresholdOptions(
  values: ThresholdFlagValues,
  options: { defaults?: readonly string[] } = {},
): Threshold[] {
  const defaults = values['no-default-thresholds'] ? [] : (options.defaults ?? []);
  const all = [
    ...defaults.map(parseThreshold),
    ...(values.thresholds !== undefined ? readThresholdFile(values.thresholds) : []),
    ...(values.threshold ?? []).map(parseThreshold),
  ];
  const seen = new Set<string>();
  return all.filter((threshold) => {
    const key = threshold.expression.replace(/\s+/g, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Before a run: a threshold on a figure no selected scenario produces, or on a mode the run does
 * not include, could only end "not measured" — say so now instead of after minutes of traffic.
 */
export function checkThresholdsAgainstPlan(
  thresholds: readonly Threshold[],
  plan: { scenarios: readonly ScenarioName[]; modes?: readonly string[] },
): void {
  for (const threshold of thresholds) {
    const figure = findFigure(threshold.figure)!;
    if (!plan.scenarios.includes(figure.scenario)) {
      throw new ThresholdError('ci.threshold.error.not-in-run', {
        expr: threshold.expression,
        scenario: figure.scenario,
        scenarios: plan.scenarios.join(', '),
        names: FIGURES.filter((f) => plan.scenarios.includes(f.scenario))
          .map((f) => f.name)
          .join(', '),
      });
    }
    const mode = threshold.labels.mode;
    if (mode !== undefined && plan.modes && !plan.modes.includes(mode)) {
      throw new ThresholdError('ci.threshold.error.mode-not-in-run', {
        expr: threshold.expression,
        mode,
        modes: plan.modes.join(', '),
      });
    }
  }
}
