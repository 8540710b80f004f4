import type { Lang } from '../../lib/i18n/index.ts';
import { type ReportPaths, writeReportFiles } from '../../lib/report-files.ts';
import type { Report } from '../core/types.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';

export { renderHtml } from './html.ts';
export { renderMarkdown } from './markdown.ts';
export { renderTable } from './table.ts';

/** Writes report.json (keys never translated), report.md and report.html (in `lang`, default en) into `dir` (created if needed); returns their paths. */
export function writeReports(
  report: Report,
  dir: string,
  options: { lang?: Lang } = {},
): Promise<ReportPaths> {
  return writeReportFiles(dir, {
    data: report,
    markdown: renderMarkdown(report, options.lang),
    html: renderHtml(report, options.lang),
  });
}
