import type { Lang } from '../../lib/i18n/index.ts';
import { type ReportPaths, writeReportFiles } from '../../lib/report-files.ts';
import type { AuditReport } from '../types.ts';
import { renderAuditHtml, renderAuditMarkdown } from './render.ts';

/** Writes report.json (keys never translated), report.md and report.html (in `lang`) into `dir`. */
export function writeAuditReports(report: AuditReport, dir: string, lang: Lang = 'en'): Promise<ReportPaths> {
  return writeReportFiles(dir, {
    data: report,
    markdown: renderAuditMarkdown(report, lang),
    html: renderAuditHtml(report, lang),
  });
}
