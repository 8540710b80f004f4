import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type {
  AnswerTimes,
  FaultTimes,
  KindCounts,
  NodeFailureResult,
  Report,
  StoreFailureResult,
  TimelinePoint,
} from '../core/types.ts';
import { failoverLostText, failoverLostTone, shardTouchedText, shardTouchedTone } from './failover-words.ts';
import { lookup } from './lookup.ts';
import type { Tone } from './summary-cells.ts';
import { num, runLabel, seconds } from './words.ts';

/**
 * The failure scenarios' derived figures: each one named, defined in one sentence and toned by what
 * it means (bad: users were hurt; warn: a window of time; good: nothing was lost). The totals are
 * always the timeline's own sums, so a table can never disagree with the chart beside it.
 */
export interface Definition {
  term: string;
  text: string;
  tone: Tone;
  /** A derived figure's definition, the totals' definition, or a warning about one run. */
  kind?: 'figure' | 'totals' | 'mismatch';
}

export interface Figure extends Definition {
  value: string;
}

export const KINDS = ['access', 'refresh', 'login'] as const;
export type Kind = (typeof KINDS)[number];

export interface TimelineTotals {
  all: KindCounts;
  access: KindCounts;
  refresh: KindCounts;
  login: KindCounts;
}

export function timelineTotals(points: TimelinePoint[]): TimelineTotals {
  const sum = (pick: (p: TimelinePoint) => KindCounts | undefined): KindCounts =>
    points.reduce(
      (acc, p) => {
        const c = pick(p);
        return c ? { ok: acc.ok + c.ok, failed: acc.failed + c.failed } : acc;
      },
      { ok: 0, failed: 0 },
    );
  return {
    all: sum((p) => p),
    access: sum((p) => p.access),
    refresh: sum((p) => p.refresh),
    login: sum((p) => p.login),
  };
}

type FailureName = 'node-failure' | 'store-failure';
type FigureSpec<R> = {
  term: MessageKey;
  def: MessageKey;
  value: (r: R, t: Translate) => string | undefined;
  tone: (r: R) => Tone;
  /** Defined under the table only when some run shows it (figures of one store topology). */
  onlyWhenShown?: boolean;
};

const lostTone = (n: number | undefined): Tone => (n ? 'bad' : 'good');
const timeTone = (s: number): Tone => (s > 0 ? 'warn' : 'good');

/** `median / slowest ms (count)`, or undefined when no request fell in the window. */
export function answersText(answers: AnswerTimes | undefined, t: Translate): string | undefined {
  if (!answers) return undefined;
  return t('report.answers', {
    p50: Math.round(answers.p50),
    max: Math.round(answers.max),
    count: num(answers.count),
  });
}

/** How the fault was made (kill, stop, failover, pause, partition). */
export function faultKindText(fault: FaultTimes | undefined, t: Translate): string | undefined {
  return fault?.kind === undefined ? undefined : t(`report.fault.${fault.kind}`);
}

/** An answer slower than this (ms) waited on a timeout rather than on work: shown as a warning. */
const SLOW_ANSWER_MS = 250;
const answersTone = (answers: AnswerTimes | undefined): Tone =>
  answers === undefined ? 'dim' : answers.max > SLOW_ANSWER_MS ? 'warn' : 'good';

/** The figures both failure scenarios show: how the fault was made, and how long answers took. */
const COMMON_FIGURES: FigureSpec<NodeFailureResult | StoreFailureResult>[] = [
  {
    term: 'report.col.fault',
    def: 'report.def.fault',
    value: (r, t) => faultKindText(r.fault, t),
    tone: () => 'dim',
  },
  {
    term: 'report.fig.fault-answers',
    def: 'report.def.fault-answers',
    value: (r, t) => answersText(r.faultAnswerMs, t),
    tone: (r) => answersTone(r.faultAnswerMs),
  },
  {
    term: 'report.fig.failed-answers',
    def: 'report.def.failed-answers',
    value: (r, t) => answersText(r.failedAnswerMs, t),
    tone: (r) => answersTone(r.failedAnswerMs),
    onlyWhenShown: true,
  },
];

const NODE_FIGURES: FigureSpec<NodeFailureResult>[] = [
  {
    term: 'report.fig.sessions-lost',
    def: 'report.def.node.sessions-lost',
    value: (r) => `${num(r.sessionsLost)} / ${num(r.sessionsBefore)}`,
    tone: (r) => lostTone(r.sessionsLost),
  },
  {
    term: 'report.fig.relogins',
    def: 'report.def.node.relogins',
    value: (r) => num(r.reloginsForced),
    tone: (r) => lostTone(r.reloginsForced),
  },
  {
    term: 'report.fig.until-clean',
    def: 'report.def.node.until-clean',
    value: (r, t) => seconds(r.secondsUntilClean, t),
    tone: (r) => timeTone(r.secondsUntilClean),
  },
  {
    term: 'report.fig.balancer-health',
    def: 'report.def.balancer-health',
    value: (r, t) =>
      r.balancerHealth?.ejectedAfterMs === undefined
        ? undefined
        : t('report.balancer-health.text', {
            ejected: num(r.balancerHealth.ejectedAfterMs),
            back:
              r.balancerHealth.backAfterHealMs === undefined ? '–' : num(r.balancerHealth.backAfterHealMs),
          }),
    tone: () => 'dim',
    onlyWhenShown: true,
  },
  {
    term: 'report.fig.node-recovered',
    def: 'report.def.node.recovered',
    value: (r, t) => (r.secondsToRecover === undefined ? undefined : seconds(r.secondsToRecover, t)),
    tone: (r) => timeTone(r.secondsToRecover ?? 0),
    onlyWhenShown: true,
  },
];

const STORE_FIGURES: FigureSpec<StoreFailureResult>[] = [
  {
    term: 'report.fig.recovered',
    def: 'report.def.store.recovered',
    value: (r, t) => seconds(r.secondsToRecover, t),
    tone: (r) => timeTone(r.secondsToRecover),
  },
  {
    term: 'report.fig.failing-for',
    def: 'report.def.store.failing-for',
    value: (r, t) => (r.failingSeconds === undefined ? undefined : seconds(r.failingSeconds, t)),
    tone: (r) => timeTone(r.failingSeconds ?? 0),
  },
  {
    term: 'report.fig.breaker',
    def: 'report.def.breaker',
    value: (r, t) =>
      r.breaker?.openedAfterMs === undefined
        ? undefined
        : t('report.breaker.text', {
            opened: num(r.breaker.openedAfterMs),
            closed: r.breaker.closedAfterBackMs === undefined ? '–' : num(r.breaker.closedAfterBackMs),
          }),
    tone: () => 'dim',
    onlyWhenShown: true,
  },
  {
    term: 'report.fig.sessions-lost',
    def: 'report.def.store.sessions-lost',
    value: (r) => num(r.sessionsLost),
    tone: (r) => lostTone(r.sessionsLost),
  },
  {
    term: 'report.fig.failover-lost',
    def: 'report.def.store.failover-lost',
    value: (r, t) => failoverLostText(r.failover, t),
    tone: (r) => failoverLostTone(r.failover),
    onlyWhenShown: true,
  },
  {
    term: 'report.fig.shard-touched',
    def: 'report.def.store.shard-touched',
    value: (r, t) => shardTouchedText(r.shard, t),
    tone: (r) => shardTouchedTone(r.shard),
    onlyWhenShown: true,
  },
  {
    term: 'report.fig.families-lost',
    def: 'report.def.store.families-lost',
    value: (r) => (r.refreshFamiliesLost === undefined ? undefined : num(r.refreshFamiliesLost)),
    tone: (r) => lostTone(r.refreshFamiliesLost),
  },
];

/** A run's derived figures with their values, for the card beside its timeline. */
export function failureFigures(
  result: NodeFailureResult | StoreFailureResult,
  name: FailureName,
  t: Translate,
): Figure[] {
  const own = (name === 'node-failure' ? NODE_FIGURES : STORE_FIGURES) as FigureSpec<typeof result>[];
  const specs = [...COMMON_FIGURES, ...own];
  return specs.flatMap((spec) => {
    const value = spec.value(result, t);
    return value === undefined
      ? []
      : [{ term: t(spec.term), text: t(spec.def), value, tone: spec.tone(result) }];
  });
}

/**
 * The definitions for a section (once, under its table), plus a warning for every run whose own
 * totals disagree with its timeline (the table shows the timeline's sums).
 */
export function failureDefinitions(report: Report, name: FailureName, t: Translate): Definition[] {
  const specs: FigureSpec<never>[] = [
    ...COMMON_FIGURES,
    ...(name === 'node-failure' ? NODE_FIGURES : STORE_FIGURES),
  ];
  const shown = (spec: FigureSpec<never>) =>
    report.results.some((run) => {
      const found = lookup(run, name);
      return found.kind === 'ok' && spec.value(found.value as never, t) !== undefined;
    });
  const definitions: Definition[] = specs
    .filter((spec) => !spec.onlyWhenShown || shown(spec))
    .map((spec) => ({
      term: t(spec.term),
      text: t(spec.def),
      tone: 'dim',
      kind: 'figure',
    }));
  definitions.push({
    term: t('report.fig.totals'),
    text: t('report.def.totals'),
    tone: 'dim',
    kind: 'totals',
  });
  for (const run of report.results) {
    const found = lookup(run, name);
    if (found.kind !== 'ok') continue;
    const totals = timelineTotals(found.value.timeline);
    if (
      totals.all.ok + totals.all.failed !== found.value.totalRequests ||
      totals.all.failed !== found.value.failedRequests
    ) {
      definitions.push({
        term: runLabel(run, t),
        text: t('report.def.totals-mismatch', {
          failed: num(found.value.failedRequests),
          total: num(found.value.totalRequests),
          timelineFailed: num(totals.all.failed),
          timelineTotal: num(totals.all.ok + totals.all.failed),
        }),
        tone: 'bad',
        kind: 'mismatch',
      });
    }
  }
  return definitions;
}
