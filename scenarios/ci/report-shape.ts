import type { Report, RunResult } from '../core/types.ts';
import type { ThresholdResult } from './result.ts';

export type { SpreadLike } from './result.ts';

/**
 * The two report.json shapes thresholds and comparisons read: the demo's (`results[]`, one entry
 * per run) and the audit's (`kind: "audit"`, one `audit` object for the user's app). The audit
 * shape is read loosely — every field optional — so an older or partial audit report still gives
 * the figures it has and a clear "not measured" for the rest.
 */

/**
 * An audit report as far as thresholds and comparisons need it. `audit`, `machine` and `config`
 * are plain objects here: the figure catalogue reads them by path (figures.ts), so any audit
 * report type — whatever else it carries, nullable fields included — can be passed as it is.
 */
export interface AuditReport {
  kind: 'audit';
  startedAt: string;
  replicas?: number;
  strategy?: string;
  balancer?: string;
  machine?: object;
  config?: object;
  audit: object;
  thresholds?: ThresholdResult[];
}

export type AnyReport = Report | AuditReport;

export function isAuditReport(report: AnyReport): report is AuditReport {
  return (report as AuditReport).kind === 'audit';
}

/** A demo run that started (a run skipped as a whole has no figures). */
export function startedRuns(report: Report): RunResult[] {
  return report.results.filter((run) => run.skipped === undefined);
}
