/**
 * Statistics used by scenarios, benches, the soak and the classroom. One rule for empty input
 * everywhere: a function of no values returns `undefined` (never NaN, never 0), and each caller
 * says what it shows instead.
 */
export { leastSquaresSlope } from './least-squares.ts';
export { median } from './median.ts';
export { percentile, percentiles } from './percentile.ts';
export { type Spread, spread } from './spread.ts';
