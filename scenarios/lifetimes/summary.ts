import { type Cell, cellFor, type SummaryRowSpec } from '../report/summary-cells.ts';
import { num } from '../report/words.ts';
import type { LifetimesResult } from './types.ts';

/** The lifetime the summary quotes: the node default (ACCESS_TOKEN_TTL=15m). */
const DEFAULT_ACCESS_TTL = 900;

/** Summary cell: refreshes | store writes per user-hour at the default lifetime (derived). */
export function defaultLifetimeCell(value: LifetimesResult): Cell | undefined {
  const point = value.points.find((p) => p.accessTtlSeconds === DEFAULT_ACCESS_TTL);
  if (!point) return undefined;
  return {
    text: `${num(point.refreshesPerUserHour, 1)}|${num(point.storeWritesPerUserHour, 1)}`,
    tone: 'dim',
  };
}

export const lifetimesSummaryRows: SummaryRowSpec[] = [
  {
    key: 'lifetimes.row.default',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'lifetimes', t, (v) => defaultLifetimeCell(v)),
  },
];
