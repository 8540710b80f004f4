import type { Translate } from '../../lib/i18n/index.ts';
import type { Report, RunResult, ScenarioName } from '../core/types.ts';
import { lookup } from './lookup.ts';
import { num, shortRunLabel } from './words.ts';

/** Runs that have something (a result or a skip) for this scenario, and their axis labels. */
export function runsFor(
  report: Report,
  name: ScenarioName,
  t: Translate,
): { runs: RunResult[]; labels: string[] } {
  const runs = report.results.filter(
    (run) => run.skipped === undefined && lookup(run, name).kind !== 'missing',
  );
  const labels = runs.map((run) =>
    run.nodes === report.config.nodes ? shortRunLabel(run, t) : `${shortRunLabel(run, t)} ×${run.nodes}`,
  );
  return { runs, labels };
}

/** Per-run values for a bar series; skipped runs become null ("skipped" on the chart). */
export function values<K extends ScenarioName>(
  runs: RunResult[],
  name: K,
  pick: (value: never) => number | undefined,
): (number | null)[] {
  return runs.map((run) => {
    const found = lookup(run, name);
    return found.kind === 'ok' ? (pick(found.value as never) ?? null) : null;
  });
}

/** Microseconds: one decimal under 10 when there is one, else whole. */
export const micro = (v: number) => num(v, v < 10 && v % 1 !== 0 ? 1 : 0);
