import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { lookup } from '../report/lookup.ts';
import { buildSection, type Section } from '../report/section.ts';
import { balancerName, num, percent, runLabel, servedByCell, strategyName } from '../report/words.ts';
import { type BalancerLine, linesAgree } from './run.ts';

/** `haproxy is not on PATH; install it: apt-get …` in the reader's language. */
export function balancerSkipReason(reason: string, t: Translate): string {
  const missing = /^(\S+) is not on PATH; install it: (.*)$/.exec(reason);
  return missing ? t('balancers.skip.not-on-path', { kind: missing[1]!, install: missing[2]! }) : reason;
}

function row(line: BalancerLine, label: string, t: Translate): string[] {
  const front = [label, balancerName(line.balancer, t), strategyName(line.strategy, t)];
  if (line.skipped !== undefined)
    return [...front, '–', '–', t('report.cell.skipped'), '–', balancerSkipReason(line.skipped, t)];
  return [
    ...front,
    num(line.requests),
    num(line.failures),
    percent(line.failureRate),
    percent(line.expectedRate),
    servedByCell(line.servedBy),
  ];
}

/** balancers: the same relogin through each balancer, then whether the figures agree. */
export function balancersSection(report: Report, t: Translate): Section {
  const section = buildSection(
    report,
    t,
    'balancers',
    [
      'report.col.run',
      'balancers.col.balancer',
      'balancers.col.strategy',
      'report.col.requests',
      'report.col.failures',
      'report.col.failure-rate',
      'report.col.expected-rate',
      'report.col.served-by',
    ],
    (value, run) => value.lines.map((line) => row(line, runLabel(run, t), t)),
  );
  for (const run of report.results) {
    const found = lookup(run, 'balancers');
    if (found.kind !== 'ok') continue;
    const measured = found.value.lines.filter((line) => line.skipped === undefined);
    if (measured.length === 0) continue;
    const kinds = [...new Set(measured.map((line) => balancerName(line.balancer, t)))].join(', ');
    section.notes.push(
      t(linesAgree(found.value.lines) ? 'balancers.note.agree' : 'balancers.note.differ', { kinds }),
    );
  }
  if (!section.notRun) section.notes.push(t('balancers.note.why'));
  return section;
}
