import type { Report } from '../types.ts';
import { escapeMarkdownCell } from './escape.ts';
import { buildSections } from './sections.ts';
import { renderTable } from './table.ts';

function mdTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** report.md: the comparison table, then one section per scenario with the seed claim it demonstrates. */
export function renderMarkdown(report: Report): string {
  const m = report.machine;
  const table = renderTable(report, { color: false }).trimEnd();
  // A fence longer than any backtick run inside (skip reasons are free text).
  const fence = '`'.repeat(Math.max(3, ...(table.match(/`+/g) ?? []).map((run) => run.length + 1)));
  const out: string[] = [
    '# authscale report',
    '',
    `Started ${report.startedAt}, finished ${report.finishedAt}. Machine: ${m.cpus} × ${m.cpuModel}, ` +
      `${m.memoryGiB} GiB, ${m.platform}/${m.arch}, Node ${m.node}.`,
    `Modes: ${report.config.modes.join(', ')}; ${report.config.nodes} nodes; ${report.config.users} users × ` +
      `${report.config.requests} requests${report.config.quick ? ' (quick)' : ''}` +
      `${report.config.target ? `; target ${report.config.target}` : ''}.`,
    '',
    'Absolute req/s depend on the machine; compare the modes within this report.',
    '',
    '## Summary',
    '',
    fence,
    table,
    fence,
  ];
  for (const section of buildSections(report)) {
    out.push('', `## ${section.name}: ${section.claim.title}`, '');
    out.push(`> ${section.claim.quote}`, `>`, `> — seed note, *${section.claim.section}*`, '');
    out.push(section.claim.explanation, '');
    if (section.notRun) {
      out.push('_Not run in this report._');
      continue;
    }
    out.push(mdTable(section.headers, section.rows));
  }
  return `${out.join('\n')}\n`;
}
