import type { MessageKey } from '../../lib/i18n/index.ts';
import type { ScenarioName } from '../core/types.ts';
import { asRecord, type FigureValue, firstAt } from './figure-values.ts';
import type { FigureUnit } from './result.ts';

/**
 * The catalogue of figures a threshold or a comparison can name: the one place that says what a
 * figure is called, its unit, which way is better, whether it comes with a noise range, and where
 * it is read from in a demo run (`results[].scenarios`) and in an audit report (`audit`). The
 * parser, the evaluator, `--list-figures`, the comparison and docs/ci.md all use this list.
 */
export type { FigureUnit } from './result.ts';
/** Which way is better: latency and CPU lower, req/s higher; `none` for plain counts of work. */
export type Better = 'lower' | 'higher' | 'none';

/** Where a figure is read: the first of these paths that holds a number or a spread wins. */
export interface Source {
  paths: string[][];
  /** A figure computed from several fields (a count of accepted forgeries). */
  compute?: (root: unknown) => FigureValue | undefined;
  /** How docs and --list-figures name a computed source. */
  text?: string;
  /** True when the value is only a lower bound (the copy still worked when observation ended). */
  lowerBound?: (root: unknown) => boolean;
}

export interface Figure {
  name: string;
  unit: FigureUnit;
  better: Better;
  /** Measured in interleaved rounds (median with min–max); `.min` / `.max` pick an end. */
  spread: boolean;
  /** The demo scenario that produces it. */
  scenario: ScenarioName;
  description: MessageKey;
  /** Relative to a demo run's `scenarios`. */
  demo: Source;
  /** Relative to an audit report's `audit`; absent when an audit does not measure it. */
  audit?: Source;
}

const path = (text: string) => text.split('.');
const paths = (...texts: string[]) => ({ paths: texts.map(path) });

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Demo attacks: tried − rejected (a case the nodes did not reject is a forgery they accepted). */
function demoAccepted(scenarios: unknown): number | undefined {
  const attacks = asRecord(asRecord(scenarios)?.attacks);
  const tried = count(attacks?.tried);
  const rejected = count(attacks?.rejected);
  return tried === undefined || rejected === undefined ? undefined : tried - rejected;
}

/** Audit forgeries: how many entries say `accepted: true`. */
function auditForgeries(
  audit: unknown,
  pick: (item: Record<string, unknown>) => boolean,
): number | undefined {
  const list = asRecord(audit)?.forgeries;
  if (!Array.isArray(list)) return undefined;
  return list.filter((item) => pick(asRecord(item) ?? {})).length;
}

/** A revocation window that was still open when the bounded observation ended. */
const stillWorking =
  (window: string) =>
  (scenarios: unknown): boolean =>
    asRecord(asRecord(asRecord(scenarios)?.revocation)?.[window])?.stoppedBy === 'not-stopped';
const auditStillWorking =
  (part: string) =>
  (audit: unknown): boolean =>
    asRecord(asRecord(audit)?.[part])?.stillWorkingAtEnd === true;

export const FIGURES: readonly Figure[] = [
  {
    name: 'relogin.failureRate',
    unit: 'ratio',
    better: 'lower',
    spread: false,
    scenario: 'relogin',
    description: 'ci.figure.relogin.failureRate',
    demo: paths('relogin.failureRate'),
    audit: paths('relogin.failureRate'),
  },
  {
    name: 'load.rps',
    unit: 'req/s',
    better: 'higher',
    spread: true,
    scenario: 'load',
    description: 'ci.figure.load.rps',
    demo: paths('load.spread.requestsPerSecond', 'load.maxRate.requestsPerSecond'),
    audit: paths('load.requestsPerSecond', 'load.spread.requestsPerSecond', 'load.maxRate.requestsPerSecond'),
  },
  {
    name: 'load.p50Ms',
    unit: 'ms',
    better: 'lower',
    spread: true,
    scenario: 'load',
    description: 'ci.figure.load.p50Ms',
    demo: paths('load.spread.latencyMs.p50', 'load.fixedRate.latencyMs.p50'),
    audit: paths('load.latencyMs.p50', 'load.spread.latencyMs.p50', 'load.fixedRate.latencyMs.p50'),
  },
  {
    name: 'load.p99Ms',
    unit: 'ms',
    better: 'lower',
    spread: true,
    scenario: 'load',
    description: 'ci.figure.load.p99Ms',
    demo: paths('load.spread.latencyMs.p99', 'load.fixedRate.latencyMs.p99'),
    audit: paths('load.latencyMs.p99', 'load.spread.latencyMs.p99', 'load.fixedRate.latencyMs.p99'),
  },
  {
    name: 'load.cpuMicrosPerRequest',
    unit: 'µs',
    better: 'lower',
    spread: true,
    scenario: 'load',
    description: 'ci.figure.load.cpuMicrosPerRequest',
    demo: paths('load.spread.cpuMicrosPerRequest', 'load.cpuMicrosPerRequest'),
    audit: paths('load.spread.cpuMicrosPerRequest', 'load.cpuMicrosPerRequest'),
  },
  {
    name: 'load.storeOpsPerRequest',
    unit: 'ops',
    better: 'lower',
    spread: false,
    scenario: 'load',
    description: 'ci.figure.load.storeOpsPerRequest',
    demo: paths('load.storeOpsPerRequest'),
  },
  {
    name: 'credential.bytes',
    unit: 'bytes',
    better: 'lower',
    spread: false,
    scenario: 'token-size',
    description: 'ci.figure.credential.bytes',
    demo: paths('token-size.credentialBytes'),
    audit: paths('credential.bytes'),
  },
  {
    name: 'credential.requestHeaderBytes',
    unit: 'bytes',
    better: 'lower',
    spread: false,
    scenario: 'token-size',
    description: 'ci.figure.credential.requestHeaderBytes',
    demo: paths('token-size.requestHeaderBytes'),
  },
  {
    name: 'logout.copyWorksSeconds',
    unit: 's',
    better: 'lower',
    spread: false,
    scenario: 'revocation',
    description: 'ci.figure.logout.copyWorksSeconds',
    demo: {
      ...paths('revocation.afterLogout.seconds', 'revocation.afterLogoutSeconds'),
      lowerBound: stillWorking('afterLogout'),
    },
    audit: { ...paths('logout.copyWorksSeconds'), lowerBound: auditStillWorking('logout') },
  },
  {
    name: 'theft.copyWorksSeconds',
    unit: 's',
    better: 'lower',
    spread: false,
    scenario: 'revocation',
    description: 'ci.figure.theft.copyWorksSeconds',
    demo: {
      ...paths('revocation.stolenAccess.seconds', 'revocation.stolenWorksSeconds'),
      lowerBound: stillWorking('stolenAccess'),
    },
    audit: { ...paths('theft.copyWorksSeconds'), lowerBound: auditStillWorking('theft') },
  },
  {
    name: 'forgeries.accepted',
    unit: 'count',
    better: 'lower',
    spread: false,
    scenario: 'attacks',
    description: 'ci.figure.forgeries.accepted',
    demo: { paths: [], compute: demoAccepted, text: 'attacks.tried − attacks.rejected' },
    audit: {
      paths: [],
      compute: (audit) => auditForgeries(audit, (item) => item.accepted === true),
      text: 'forgeries[].accepted == true (count)',
    },
  },
  {
    name: 'forgeries.tried',
    unit: 'count',
    better: 'none',
    spread: false,
    scenario: 'attacks',
    description: 'ci.figure.forgeries.tried',
    demo: paths('attacks.tried'),
    audit: { paths: [], compute: (audit) => auditForgeries(audit, () => true), text: 'forgeries[] (count)' },
  },
  {
    name: 'nodeFailure.sessionsLost',
    unit: 'count',
    better: 'lower',
    spread: false,
    scenario: 'node-failure',
    description: 'ci.figure.nodeFailure.sessionsLost',
    demo: paths('node-failure.sessionsLost'),
    audit: paths('replicaFailure.sessionsLost'),
  },
  {
    name: 'nodeFailure.failedRequests',
    unit: 'count',
    better: 'lower',
    spread: false,
    scenario: 'node-failure',
    description: 'ci.figure.nodeFailure.failedRequests',
    demo: paths('node-failure.failedRequests'),
    audit: paths('replicaFailure.failedRequests'),
  },
  {
    name: 'storeFailure.failedRequests',
    unit: 'count',
    better: 'lower',
    spread: false,
    scenario: 'store-failure',
    description: 'ci.figure.storeFailure.failedRequests',
    demo: paths('store-failure.failedRequests'),
  },
  {
    name: 'storeFailure.sessionsLost',
    unit: 'count',
    better: 'lower',
    spread: false,
    scenario: 'store-failure',
    description: 'ci.figure.storeFailure.sessionsLost',
    demo: paths('store-failure.sessionsLost'),
  },
  {
    name: 'storeFailure.secondsToRecover',
    unit: 's',
    better: 'lower',
    spread: false,
    scenario: 'store-failure',
    description: 'ci.figure.storeFailure.secondsToRecover',
    demo: paths('store-failure.secondsToRecover'),
  },
];

export const FIGURE_NAMES: readonly string[] = FIGURES.map((figure) => figure.name);

export function findFigure(name: string): Figure | undefined {
  return FIGURES.find((figure) => figure.name === name);
}

/** A figure's value in a demo run's `scenarios` or an audit's `audit` object, if it is there. */
export function readSource(source: Source, root: unknown): FigureValue | undefined {
  if (source.compute) return source.compute(root);
  return firstAt(root, source.paths);
}

/** How docs name the source: `load.spread.requestsPerSecond (else load.maxRate.requestsPerSecond)`. */
export function sourceText(source: Source | undefined, prefix: string): string {
  if (!source) return '–';
  if (source.text) return `${prefix}${source.text}`;
  return source.paths.map((p) => `${prefix}${p.join('.')}`).join(', else ');
}
