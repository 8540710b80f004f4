import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../../lib/i18n/index.ts';
import type { AuditReport } from '../types.ts';
import { renderAuditHtml, renderAuditMarkdown } from './render.ts';

/** Writes report.json (keys never translated), report.md and report.html (in `lang`) into `dir`. */
export async function writeAuditReports(report: AuditReport, dir: string, lang: Lang = 'en') {
  await mkdir(dir, { recursive: true });
  const paths = {
    json: join(dir, 'report.json'),
    md: join(dir, 'report.md'),
    html: join(dir, 'report.html'),
  };
  await Promise.all([
    writeFile(paths.json, `${JSON.stringify(report, null, 2)}\n`),
    writeFile(paths.md, renderAuditMarkdown(report, lang)),
    writeFile(paths.html, renderAuditHtml(report, lang)),
  ]);
  return paths;
}
