import { STRATEGY_NAMES } from '../../balancer/config.ts';
import { BALANCER_KINDS } from '../../cluster/external-balancers/kinds.ts';
import { RUN_MODES } from '../../cluster/run-modes.ts';
import type { FigureValue } from './figure-values.ts';
import { FIGURES, type Figure, readSource, type Source } from './figures.ts';
import { type AnyReport, isAuditReport, startedRuns } from './report-shape.ts';
import { LABEL_NAMES, type LabelName, type Labels } from './result.ts';

/**
 * Every figure a report holds, one sample per run (demo) or one for the app (audit), with the
 * labels a threshold can select it by. A skipped run or scenario gives no sample: "not measured"
 * stays distinguishable from a zero.
 */
export { LABEL_NAMES, type LabelName, type Labels } from './result.ts';

/** The values a label can take; `nodes` is any whole number (checked by the parser). */
export const LABEL_VALUES: Record<Exclude<LabelName, 'nodes'>, readonly string[]> = {
  mode: RUN_MODES,
  strategy: STRATEGY_NAMES,
  balancer: BALANCER_KINDS,
};

export interface Sample {
  figure: Figure;
  labels: Labels;
  value: FigureValue;
  /** Only a lower bound: the stolen copy still worked when the observation ended. */
  lowerBound?: true;
}

function sampleOf(figure: Figure, source: Source | undefined, root: unknown, labels: Labels): Sample[] {
  const value = source ? readSource(source, root) : undefined;
  if (value === undefined) return [];
  return [{ figure, labels, value, ...(source?.lowerBound?.(root) && { lowerBound: true as const }) }];
}

function demoSamples(report: Extract<AnyReport, { results: unknown }>): Sample[] {
  return startedRuns(report).flatMap((run) => {
    const labels: Labels = {
      mode: run.mode,
      strategy: run.strategy,
      nodes: String(run.nodes),
      ...(run.balancer && { balancer: run.balancer }),
    };
    return FIGURES.flatMap((figure) => sampleOf(figure, figure.demo, run.scenarios, labels));
  });
}

function auditSamples(report: Extract<AnyReport, { kind: 'audit' }>): Sample[] {
  const labels: Labels = {
    ...(report.strategy && { strategy: report.strategy }),
    ...(report.balancer && { balancer: report.balancer }),
    ...(report.replicas !== undefined && { nodes: String(report.replicas) }),
  };
  return FIGURES.flatMap((figure) => sampleOf(figure, figure.audit, report.audit, labels));
}

export function figureSamples(report: AnyReport): Sample[] {
  return isAuditReport(report) ? auditSamples(report) : demoSamples(report);
}

/** `mode=memory,strategy=round-robin` — the labels in catalogue order, for keys and display. */
export function labelText(labels: Labels): string {
  return LABEL_NAMES.filter((name) => labels[name] !== undefined)
    .map((name) => `${name}=${labels[name]}`)
    .join(',');
}

/** `memory · round-robin · builtin · nodes=3`: the labels for a reader, in catalogue order. */
export function runText(labels: Labels): string {
  const parts = (['mode', 'strategy', 'balancer'] as const).flatMap((name) => labels[name] ?? []);
  if (labels.nodes !== undefined) parts.push(`nodes=${labels.nodes}`);
  return parts.join(' · ');
}

export function matches(labels: Labels, wanted: Labels): boolean {
  return LABEL_NAMES.every((name) => wanted[name] === undefined || labels[name] === wanted[name]);
}
