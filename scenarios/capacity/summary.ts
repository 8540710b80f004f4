import { formatBytes } from '../report/bytes.ts';
import { type Cell, cellFor, type SummaryRowSpec } from '../report/summary-cells.ts';
import { medianOf } from './math.ts';
import type { CapacityResult } from './types.ts';

/** Summary cell: server bytes per idle session at the largest population measured (0: stateless). */
export function idleCostCell(value: CapacityResult): Cell {
  const largest = value.populations.at(-1);
  if (!largest) return { text: '–', tone: 'dim', empty: true };
  if (value.where === 'none') return { text: '0', tone: 'good' };
  return { text: formatBytes(medianOf(largest.bytesPerSession)) };
}

export const capacitySummaryRows: SummaryRowSpec[] = [
  {
    key: 'capacity.row.idle-cost',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'capacity', t, (v) => idleCostCell(v)),
  },
];
