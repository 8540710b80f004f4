import { CatalogueError } from '../../lib/i18n/catalogue-error.ts';
import { FIGURE_NAMES, findFigure } from './figures.ts';
import { type End, LABEL_NAMES, type LabelName, type Labels, OPERATORS, type Operator } from './result.ts';
import { LABEL_VALUES } from './samples.ts';

/**
 * One threshold expression, `figure{label=value,…} OP number` (k6's idea, our figure names):
 * `relogin.failureRate{mode=memory,strategy=sticky} == 0`, `load.p99Ms.max < 50`. Every mistake
 * is a ThresholdError naming what is wrong and what would be right; the CLIs turn it into exit 2.
 */
export { type End, OPERATORS, type Operator } from './result.ts';

export interface Threshold {
  /** The expression as the user wrote it (trimmed), for reports and JUnit test names. */
  expression: string;
  figure: string;
  end: End;
  labels: Labels;
  op: Operator;
  limit: number;
}

/** A threshold the user must fix, told as a catalogue key (the CLIs print it in --lang). */
export class ThresholdError extends CatalogueError {
  override name = 'ThresholdError';
}

const SHAPE = /^([A-Za-z][\w.-]*)\s*(?:\{([^{}]*)\})?\s*(<=|>=|==|!=|<|>)\s*(\S+)$/;
const EXAMPLE = 'relogin.failureRate{mode=memory} < 0.5';

function splitEnd(name: string): { figure: string; end: End } {
  const match = /^(.*)\.(min|max|median)$/.exec(name);
  return match && findFigure(match[1]!)
    ? { figure: match[1]!, end: match[2] as End }
    : { figure: name, end: 'median' };
}

function parseLabels(expr: string, text: string | undefined): Labels {
  const labels: Labels = {};
  if (text === undefined || text.trim() === '') return labels;
  for (const part of text.split(',')) {
    const [rawName, rawValue, ...extra] = part.split('=');
    const name = rawName?.trim() ?? '';
    const value = rawValue?.trim() ?? '';
    if (rawValue === undefined || extra.length > 0 || name === '' || value === '') {
      throw new ThresholdError('ci.threshold.error.label-syntax', { expr, text: part.trim() });
    }
    if (!(LABEL_NAMES as readonly string[]).includes(name)) {
      throw new ThresholdError('ci.threshold.error.label', {
        expr,
        label: name,
        labels: LABEL_NAMES.join(', '),
      });
    }
    labels[name as LabelName] = checkLabelValue(expr, name as LabelName, value);
  }
  return labels;
}

function checkLabelValue(expr: string, name: LabelName, value: string): string {
  if (name === 'nodes') {
    if (!/^[1-9]\d{0,3}$/.test(value)) {
      throw new ThresholdError('ci.threshold.error.label-value', {
        expr,
        label: name,
        text: value,
        values: '1, 2, 3, …',
      });
    }
    return value;
  }
  const values = LABEL_VALUES[name];
  if (!values.includes(value)) {
    throw new ThresholdError('ci.threshold.error.label-value', {
      expr,
      label: name,
      text: value,
      values: values.join(', '),
    });
  }
  return value;
}

export function parseThreshold(text: string): Threshold {
  const expr = text.trim();
  const match = SHAPE.exec(expr);
  if (!match)
    throw new ThresholdError('ci.threshold.error.syntax', {
      expr,
      example: EXAMPLE,
      ops: OPERATORS.join(' '),
    });
  const [, name, labelText, op, limitText] = match;
  const { figure: figureName, end } = splitEnd(name!);
  const figure = findFigure(figureName);
  if (!figure)
    throw new ThresholdError('ci.threshold.error.figure', {
      expr,
      name: figureName,
      names: FIGURE_NAMES.join(', '),
    });
  if (end !== 'median' && !figure.spread) {
    throw new ThresholdError('ci.threshold.error.end', { expr, name: figureName, end });
  }
  const limit = Number(limitText);
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(limitText!) || !Number.isFinite(limit)) {
    throw new ThresholdError('ci.threshold.error.number', { expr, text: limitText! });
  }
  return {
    expression: expr,
    figure: figure.name,
    end,
    labels: parseLabels(expr, labelText),
    op: op as Operator,
    limit,
  };
}

export function holds(value: number, op: Operator, limit: number): boolean {
  switch (op) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '==':
      return value === limit;
    case '!=':
      return value !== limit;
  }
}
