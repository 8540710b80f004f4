import type { Translate } from '../../lib/i18n/index.ts';
import { SCENARIO_MODULES } from '../core/registry.ts';
import type { RunResult } from '../core/types.ts';
import type { Summary } from './summary-cells.ts';
import { runHeader } from './words.ts';

/**
 * The summary of a report: every scenario's rows in scenario order, behaviour figures first and
 * the contention-bound load figures last; rows where no run has a figure are left out.
 */
export function buildSummary(runs: RunResult[], t: Translate): Summary {
  const specs = SCENARIO_MODULES.flatMap((module) => module.summaryRows);
  const ordered = [
    ...specs.filter((spec) => spec.group === 'behaviour'),
    ...specs.filter((spec) => spec.group === 'load'),
  ];
  const rows = ordered
    .map((spec) => ({
      key: spec.key,
      group: spec.group,
      ...(spec.range && { range: true }),
      cells: runs.map((run) => spec.cell(run, t)),
    }))
    .filter((row) => row.cells.some((cell) => !cell.empty));
  return { headers: runs.map((run) => runHeader(run, t)), rows };
}
