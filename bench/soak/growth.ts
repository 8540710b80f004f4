import { leastSquaresSlope, median } from '../../lib/stats/index.ts';

/**
 * Growth analysis of a soak: a least-squares slope per minute over the samples after the warm-up,
 * and a verdict. "Growing" needs both a slope above the stated threshold AND a last quarter that
 * sits above the first quarter (a GC sawtooth or one step has a slope but does not keep growing).
 */
export type Metric = 'rssBytes' | 'heapBytes' | 'fds' | 'sockets';

/** Per-minute growth that counts as a leak, per metric (stated in the report). */
export const THRESHOLDS_PER_MINUTE: Record<Metric, number> = {
  rssBytes: 2 * 1024 * 1024,
  heapBytes: 1024 * 1024,
  fds: 1,
  sockets: 1,
};

/** Below this much post-warm-up time a verdict would be noise: report "too short" instead. */
export const MIN_ANALYSED_MS = 60_000;

export type Verdict = 'ok' | 'growing' | 'too-short';

export interface Growth {
  metric: Metric;
  /** Units per minute (bytes or counts), least squares over the analysed samples. */
  slopePerMinute: number;
  thresholdPerMinute: number;
  first: number;
  last: number;
  samples: number;
  verdict: Verdict;
  /**
   * Shown but not deciding the overall verdict: one node's sockets and descriptors (the balancer
   * may move its keep-alive connections between nodes; their sum over all nodes decides).
   */
  informational?: boolean;
}

/**
 * Least-squares slope of y over t (t in ms), in y units per minute. Fewer than two samples (or all
 * at one instant) have no slope; that counts as 0 here because such a soak is "too short" anyway.
 */
export function slopePerMinute(points: { t: number; y: number }[]): number {
  const slope = leastSquaresSlope(points.map((p) => ({ x: p.t, y: p.y })));
  return slope === undefined ? 0 : slope * 60_000;
}

export function growthOf(metric: Metric, points: { t: number; y: number }[]): Growth {
  const slope = slopePerMinute(points);
  const threshold = THRESHOLDS_PER_MINUTE[metric];
  const span = points.length > 1 ? points[points.length - 1]!.t - points[0]!.t : 0;
  const quarter = Math.max(1, Math.floor(points.length / 4));
  const early = median(points.slice(0, quarter).map((p) => p.y));
  const late = median(points.slice(-quarter).map((p) => p.y));
  // No samples means no quarters; the span (0) already makes that "too short".
  const keepsGrowing = early !== undefined && late !== undefined && late > early;
  const verdict: Verdict =
    span < MIN_ANALYSED_MS ? 'too-short' : slope > threshold && keepsGrowing ? 'growing' : 'ok';
  return {
    metric,
    slopePerMinute: slope,
    thresholdPerMinute: threshold,
    first: points[0]?.y ?? 0,
    last: points[points.length - 1]?.y ?? 0,
    samples: points.length,
    verdict,
  };
}
