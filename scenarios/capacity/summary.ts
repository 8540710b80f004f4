import { medianOf } from '../capacity/math.ts';
import type { CapacityResult } from '../capacity/types.ts';
import type { LifetimesResult } from '../lifetimes/types.ts';
import { formatBytes } from './bytes.ts';
import type { Cell } from './summary.ts';
import { num } from './words.ts';

/** The lifetime the summary quotes: the node default (ACCESS_TOKEN_TTL=15m). */
const DEFAULT_ACCESS_TTL = 900;

/** Summary cell: server bytes per idle session at the largest population measured (0: stateless). */
export function idleCostCell(value: CapacityResult): Cell {
  const largest = value.populations.at(-1);
  if (!largest) return { text: '–', tone: 'dim', empty: true };
  if (value.where === 'none') return { text: '0', tone: 'good' };
  return { text: formatBytes(medianOf(largest.bytesPerSession)) };
}

/** Summary cell: refreshes | store writes per user-hour at the default lifetime (derived). */
export function defaultLifetimeCell(value: LifetimesResult): Cell | undefined {
  const point = value.points.find((p) => p.accessTtlSeconds === DEFAULT_ACCESS_TTL);
  if (!point) return undefined;
  return {
    text: `${num(point.refreshesPerUserHour, 1)}|${num(point.storeWritesPerUserHour, 1)}`,
    tone: 'dim',
  };
}
