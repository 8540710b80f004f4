/**
 * The shapes a threshold result is made of, as stored in report.json's `thresholds[]`. A leaf
 * file (it imports nothing), so the report type can name it without an import circle.
 */
export const LABEL_NAMES = ['mode', 'strategy', 'balancer', 'nodes'] as const;
export type LabelName = (typeof LABEL_NAMES)[number];
export type Labels = Partial<Record<LabelName, string>>;

export const OPERATORS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type Operator = (typeof OPERATORS)[number];
/** Which end of a figure with a spread: the median unless `.min` / `.max` is named. */
export type End = 'median' | 'min' | 'max';

export type FigureUnit = 'ratio' | 'req/s' | 'ms' | 'µs' | 'ops' | 'bytes' | 's' | 'count';
export type SpreadLike = { median: number; min: number; max: number };

/** `missing`: no run produced the figure — its own status, never a pass. */
export type ThresholdStatus = 'passed' | 'failed' | 'missing';

export interface MeasuredValue {
  /** The run's labels (`mode`, `strategy`, `balancer`, `nodes`). */
  labels: Labels;
  value: number;
  passed: boolean;
  /** The value is a lower bound (the copy still worked when observation ended). */
  lowerBound?: true;
}

export interface ThresholdResult {
  expression: string;
  figure: string;
  unit: FigureUnit;
  end: End;
  labels: Labels;
  op: Operator;
  limit: number;
  status: ThresholdStatus;
  measured: MeasuredValue[];
  /** missing: the figures this report does have, so the reader can correct the expression. */
  available?: string[];
}
