import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a run's three report files went. */
export interface ReportPaths {
  json: string;
  md: string;
  html: string;
}

/**
 * Writes report.json (the data, keys never translated), report.md and report.html into `dir`
 * (created if needed): the scenario suite's and the audit's reports share the layout.
 */
export async function writeReportFiles(
  dir: string,
  files: { data: unknown; markdown: string; html: string },
): Promise<ReportPaths> {
  await mkdir(dir, { recursive: true });
  const paths = {
    json: join(dir, 'report.json'),
    md: join(dir, 'report.md'),
    html: join(dir, 'report.html'),
  };
  await Promise.all([
    writeFile(paths.json, `${JSON.stringify(files.data, null, 2)}\n`),
    writeFile(paths.md, files.markdown),
    writeFile(paths.html, files.html),
  ]);
  return paths;
}
