import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { buildSection, type Section } from '../report/section.ts';
import { num, percent, runLabel, strategyName } from '../report/words.ts';
import type { KeepaliveLine } from './run.ts';

function connectionsWord(line: KeepaliveLine, t: Translate): string {
  return line.reconnectEvery === null
    ? t('keepalive.line.kept')
    : t('keepalive.line.reopened', { k: line.reconnectEvery });
}

/** keepalive: one row per line (balancing × connection reuse), then why it "worked in dev". */
export function keepaliveSection(report: Report, t: Translate): Section {
  const section = buildSection(
    report,
    t,
    'keepalive',
    [
      'report.col.run',
      'keepalive.col.balancing',
      'keepalive.col.connections',
      'report.col.requests',
      'report.col.failures',
      'report.col.failure-rate',
      'keepalive.col.expected',
    ],
    (value, run) =>
      value.lines.map((line) => [
        runLabel(run, t),
        strategyName(line.strategy, t),
        `${connectionsWord(line, t)} (${num(line.connections)})`,
        num(line.requests),
        num(line.failures),
        percent(line.failureRate),
        percent(line.expectedRate),
      ]),
  );
  if (!section.notRun) section.notes.push(t('keepalive.note.why'));
  return section;
}
