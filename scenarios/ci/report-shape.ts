import type { Report, RunResult } from '../types.ts';
import type { ThresholdResult } from './evaluate.ts';

/**
 * The two report.json shapes thresholds and comparisons read: the demo's (`results[]`, one entry
 * per run) and the audit's (`kind: "audit"`, one `audit` object for the user's app). The audit
 * shape is read loosely — every field optional — so an older or partial audit report still gives
 * the figures it has and a clear "not measured" for the rest.
 */
export type SpreadLike = { median: number; min: number; max: number };

export interface AuditFigures {
  relogin?: { requests?: number; failed?: number; failureRate?: number };
  credential?: { bytes?: number };
  logout?: { copyWorksSeconds?: number };
  theft?: { copyWorksSeconds?: number };
  forgeries?: { id?: string; accepted?: boolean }[];
  replicaFailure?: { sessionsLost?: number; failedRequests?: number };
  load?: unknown;
}

export interface AuditReport {
  kind: 'audit';
  startedAt: string;
  replicas?: number;
  strategy?: string;
  balancer?: string;
  machine?: Partial<Report['machine']> & { commit?: string };
  config?: Record<string, unknown>;
  audit: AuditFigures;
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
