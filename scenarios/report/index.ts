import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../types.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';

export { renderHtml } from './html.ts';
export { renderMarkdown } from './markdown.ts';
export { renderTable } from './table.ts';

/** Writes report.json, report.md and report.html into `dir` (created if needed); returns their paths. */
export async function writeReports(
  report: Report,
  dir: string,
): Promise<{ json: string; md: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const paths = {
    json: join(dir, 'report.json'),
    md: join(dir, 'report.md'),
    html: join(dir, 'report.html'),
  };
  await Promise.all([
    writeFile(paths.json, `${JSON.stringify(report, null, 2)}\n`),
    writeFile(paths.md, renderMarkdown(report)),
    writeFile(paths.html, renderHtml(report)),
  ]);
  return paths;
}
