import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { Report, RunResult } from '../core/types.ts';
import { lookup } from './lookup.ts';
import { clientAddressLine, faultLine, networkLine } from './network-words.ts';
import { loadWarning, machineLine, phaseCpuLine } from './noise.ts';
import type { Tone } from './summary-cells.ts';
import { modeName, num, percent, runLabel, skipReason, strategyName } from './words.ts';

/**
 * The headline every output opens with: re-login failures by run, measured vs expected, and the
 * trade-off each run makes in one sentence.
 */
export interface HeadlineItem {
  run: RunResult;
  label: string;
  /** Mode and strategy on their own (card headers). */
  mode: string;
  strategy: string;
  /** `67%`, or "skipped". */
  measured: string;
  /** `80 of 120 requests failed`, or the skip reason. */
  detail: string;
  expected: string;
  /** Measured as a fraction (for bars); undefined when the run has no relogin result. */
  rate?: number;
  expectedRate?: number;
  tone: Tone;
  caption: string;
}

const CAPTIONS: Record<string, MessageKey> = {
  'memory/round-robin': 'report.caption.memory-round-robin',
  'memory/sticky': 'report.caption.memory-sticky',
  memory: 'report.caption.memory-round-robin',
  redis: 'report.caption.redis',
  jwt: 'report.caption.jwt',
  'jwt-redis': 'report.caption.jwt-redis',
};

/** The trade-off a run makes, in one sentence. */
export function caption(run: RunResult, t: Translate): string {
  const key = CAPTIONS[`${run.mode}/${run.strategy}`] ?? CAPTIONS[run.mode];
  return key ? t(key) : modeName(run.mode, t);
}

export function headline(report: Report, t: Translate): HeadlineItem[] {
  return report.results.flatMap((run): HeadlineItem[] => {
    const found = lookup(run, 'relogin');
    const base = {
      run,
      label: runLabel(run, t),
      mode: modeName(run.mode, t),
      strategy: strategyName(run.strategy, t),
      caption: caption(run, t),
    };
    if (found.kind === 'missing') return [];
    if (found.kind === 'skipped') {
      return [
        {
          ...base,
          measured: t('report.cell.skipped'),
          detail: skipReason(found.reason, t),
          expected: '–',
          tone: 'dim',
        },
      ];
    }
    const v = found.value;
    return [
      {
        ...base,
        measured: percent(v.failureRate),
        detail: t('report.headline.failed', { failures: num(v.failures), requests: num(v.requests) }),
        expected: percent(v.expectedRate),
        rate: v.failureRate,
        expectedRate: v.expectedRate,
        tone: v.failureRate > 0 ? 'bad' : 'good',
      },
    ];
  });
}

/** `2026-11-27 03:00:00 UTC`: ISO time without its letters. */
function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

/** Lines under the title: when, on what machine (cores, load before/after), with which settings. */
export function metaLines(report: Report, t: Translate): string[] {
  const m = report.machine;
  const c = report.config;
  const lines = [
    t('report.meta.when', { started: when(report.startedAt), finished: when(report.finishedAt) }),
    t('report.meta.machine', {
      cores: m.cores ?? m.cpus,
      cpu: m.cpuModel,
      memory: m.memoryGiB,
      platform: `${m.platform}/${m.arch}`,
      node: m.node,
    }),
    machineLine(report, t),
  ];
  const cpu = phaseCpuLine(report, t);
  if (cpu) lines.push(cpu);
  lines.push(
    t(c.quick ? 'report.meta.config-quick' : 'report.meta.config', {
      nodes: c.nodes,
      users: c.users,
      requests: c.requests,
      seconds: c.durationSeconds,
      rounds: c.loadRounds ?? 1,
    }),
  );
  if (c.target) lines.push(t('report.meta.target', { target: c.target }));
  const network = networkLine(report.network, t);
  if (network) lines.push(network);
  const clients = clientAddressLine(report.network?.clientAddresses, t);
  if (clients) lines.push(clients);
  const fault = faultLine(c.fault, t);
  if (fault) lines.push(fault);
  const warning = loadWarning(report, t);
  if (warning) lines.push(`⚠ ${warning}`);
  lines.push(t('report.meta.compare'));
  return lines;
}
