import { readFile } from 'node:fs/promises';
import { ThresholdError } from './expression.ts';
import { asRecord } from './figure-values.ts';
import type { AnyReport } from './report-shape.ts';

/**
 * A report.json from disk for compare, --check and the history page. Anything that is not a demo
 * report (`results[]`) or an audit report (`kind: "audit"` with `audit`) is a ThresholdError
 * naming the file: exit 2, never a comparison of nothing.
 */
export async function readReportFile(file: string): Promise<AnyReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ThresholdError('compare.error.read', {
      file,
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ThresholdError('compare.error.not-json', { file });
  }
  const report = asRecord(value);
  const demo = report && Array.isArray(report.results);
  const audit = report && report.kind === 'audit' && asRecord(report.audit) !== undefined;
  if (!report || !(demo || audit) || typeof report.startedAt !== 'string') {
    throw new ThresholdError('compare.error.not-report', { file });
  }
  return report as unknown as AnyReport;
}
