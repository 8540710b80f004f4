import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';

export { renderHtml } from './html.ts';
export { renderMarkdown } from './markdown.ts';
export { renderTable } from './table.ts';

/** Writes report.json (keys never translated), report.md and report.html (in `lang`, default en) into `dir` (created if needed); returns their paths. */
export async function writeReports(
  report: Report,
  dir: string,
  options: { lang?: Lang } = {},
): Promise<{ json: string; md: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const paths = {
    json: join(dir, 'report.json'),
    md: join(dir, 'report.md'),
    html: join(dir, 'report.html'),
  };
  await Promise.all([
    writeFile(paths.json, `${JSON.stringify(report, null, 2)}\n`),
    writeFile(paths.md, renderMarkdown(report, options.lang)),
    writeFile(paths.html, renderHtml(report, options.lang)),
  ]);
  return paths;
}
