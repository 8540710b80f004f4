import { type Lang, type Translate, translator } from '../../lib/i18n/index.ts';
import { thresholdsHtml, thresholdsMarkdown } from '../../scenarios/ci/render.ts';
import { escapeHtml, escapeMarkdownCell, escapeMarkdownText as text } from '../../scenarios/report/escape.ts';
import { CSS } from '../../scenarios/report/html-style.ts';
import type { AuditReport } from '../types.ts';
import { type AuditSection, auditSections } from './sections.ts';
import { type Tone, verdictLines } from './verdict.ts';

const MARK: Record<Tone, string> = { bad: '✗', warn: '⚠', good: '✓', info: '·' };

function metaLines(report: AuditReport, t: Translate): string[] {
  const m = report.machine;
  const lines = [
    t('audit.meta.setup', {
      replicas: report.replicas,
      balancer: t(`audit.balancer.${report.balancer}`),
      strategy: t(`report.strategy.${report.strategy}`),
      started: t(`audit.meta.started.${report.app.started}`),
    }),
    t('audit.meta.when', {
      startedAt: report.startedAt,
      seconds: report.durationSeconds,
      quick: report.quick ? t('audit.meta.quick') : '',
    }),
    t('audit.meta.machine', {
      cores: m.cores,
      before: m.loadavgBefore.join(' '),
      after: m.loadavgAfter.join(' '),
      peak: m.loadavgPeak1m,
    }),
  ];
  if (m.loadWarning) lines.push(t('audit.meta.load-warning'));
  return lines;
}

function mdTable(section: AuditSection): string[] {
  if (section.headers.length === 0) return [];
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [
    line(section.headers),
    `|${section.headers.map(() => '---').join('|')}|`,
    ...section.rows.map(line),
    '',
  ];
}

/** report.md of an audit: the verdict first, then one section per measurement with its theory. */
export function renderAuditMarkdown(report: AuditReport, lang: Lang = 'en'): string {
  const t = translator(lang);
  const out = [`# ${text(t('audit.title', { profile: report.app.profile }))}`, ''];
  out.push(...metaLines(report, t).map((line) => `${text(line)}  `), '');
  out.push(`## ${t('audit.verdict.title')}`, '');
  out.push(...verdictLines(report, t).map((v) => `- ${MARK[v.tone]} ${text(v.text)}`), '');
  const thresholds = thresholdsMarkdown(report.thresholds, t);
  if (thresholds) out.push(thresholds, '');
  for (const section of auditSections(report, t)) {
    out.push(`## ${text(section.title)} (\`${section.id}\`, ${t(`audit.how.${section.how}`)})`, '');
    out.push(text(section.theory), '', ...mdTable(section));
    out.push(...section.notes.map((note) => `${text(note)}\n`));
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function htmlTable(section: AuditSection): string {
  if (section.headers.length === 0) return '';
  const bad = new Set(section.badRows ?? []);
  const head = section.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = section.rows
    .map(
      (row, i) =>
        `<tr${bad.has(i) ? ' class="bad"' : ''}>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="wide"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const AUDIT_CSS = `
.verdict li { margin: 4px 0; padding: 4px 8px; border-radius: 4px; list-style: none; }
.verdict li.bad { background: #fdecea; border-left: 4px solid #c62828; font-weight: 600; }
.verdict li.warn { background: #fff8e1; border-left: 4px solid #e0b100; }
.verdict li.good { background: #eaf6ec; border-left: 4px solid #1a7f37; }
.verdict li.info { background: #f4f4f4; border-left: 4px solid #999; }
tr.bad td { color: #c62828; font-weight: 600; }
.how { font-size: 13px; color: #555; font-weight: normal; }
`;

/** report.html of an audit: self-contained (no network), the same content as report.md. */
export function renderAuditHtml(report: AuditReport, lang: Lang = 'en'): string {
  const t = translator(lang);
  const title = t('audit.title', { profile: report.app.profile });
  const meta = metaLines(report, t)
    .map((line) => `<p class="meta">${escapeHtml(line)}</p>`)
    .join('\n');
  const verdict = verdictLines(report, t)
    .map((v) => `<li class="${v.tone}">${MARK[v.tone]} ${escapeHtml(v.text)}</li>`)
    .join('\n');
  const sections = auditSections(report, t)
    .map(
      (s) => `<section id="${escapeHtml(s.id)}">
<h2>${escapeHtml(s.title)} <span class="how">(${escapeHtml(t(`audit.how.${s.how}`))})</span></h2>
<p>${escapeHtml(s.theory)}</p>
${s.svg ? `<figure class="chart">${s.svg}</figure>` : ''}
${htmlTable(s)}
${s.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join('\n')}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}${AUDIT_CSS}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
${meta}
<section class="verdict" id="verdict"><h2>${escapeHtml(t('audit.verdict.title'))}</h2><ul>${verdict}</ul></section>
${thresholdsHtml(report.thresholds, t)}
${sections}
</body>
</html>
`;
}
