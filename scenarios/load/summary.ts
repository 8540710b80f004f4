import type { MessageKey } from '../../lib/i18n/index.ts';
import type { LoadResult, Spread } from '../core/types.ts';
import { cellFor, compact, type SummaryRowSpec } from '../report/summary-cells.ts';
import { num } from '../report/words.ts';

function spreadCells(load: LoadResult, pick: (s: LoadResult['spread']) => Spread, digits: number) {
  const s = load.spread ? pick(load.spread) : undefined;
  if (!s) return { median: undefined, range: undefined };
  return {
    median: { text: compact(s.median, digits) },
    range: { text: `${compact(s.min, digits, s.max)}–${compact(s.max, digits)}`, tone: 'dim' as const },
  };
}

const LOAD_FIGURES: [MessageKey, MessageKey, (s: LoadResult['spread']) => Spread, number][] = [
  ['report.row.cpu', 'report.row.cpu-range', (s) => s.cpuMicrosPerRequest, 0],
  ['report.row.rps', 'report.row.rps-range', (s) => s.requestsPerSecond, 0],
  ['report.row.p99', 'report.row.p99-range', (s) => s.latencyMs.p99, 1],
];

/** Store commands per request (a behaviour), then each contention-bound figure: median, then min–max. */
export const loadSummaryRows: SummaryRowSpec[] = [
  {
    key: 'report.row.store-ops',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'load', t, (v) => ({ text: num(v.storeOpsPerRequest, 2) })),
  },
  ...LOAD_FIGURES.flatMap(([key, rangeKey, pick, digits]): SummaryRowSpec[] => [
    {
      key,
      group: 'load',
      cell: (run, t) => cellFor(run, 'load', t, (v) => spreadCells(v, pick, digits).median),
    },
    {
      key: rangeKey,
      group: 'load',
      range: true,
      cell: (run, t) => cellFor(run, 'load', t, (v) => spreadCells(v, pick, digits).range),
    },
  ]),
];
