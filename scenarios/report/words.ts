import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import { type RunResult, SCENARIO_NAMES } from '../core/types.ts';

/**
 * The words every renderer shares, taken from the message catalogue: run names, units, skip
 * reasons. Scenario data is in English or in codes; this module is where it becomes the reader's
 * language, so that no renderer builds a sentence of its own.
 */
const MODE_KEYS: Record<string, MessageKey> = {
  memory: 'report.run.memory',
  redis: 'report.run.redis',
  jwt: 'report.run.jwt',
  'jwt-redis': 'report.run.jwt-redis',
};
const STRATEGY_KEYS: Record<string, MessageKey> = {
  'round-robin': 'report.strategy.round-robin',
  sticky: 'report.strategy.sticky',
  'ip-hash': 'report.strategy.ip-hash',
  connection: 'report.strategy.connection',
};

export function modeName(mode: string, t: Translate): string {
  const key = MODE_KEYS[mode];
  return key ? t(key) : mode;
}

export function strategyName(strategy: string, t: Translate): string {
  const key = STRATEGY_KEYS[strategy];
  return key ? t(key) : strategy;
}

/** `memory · round-robin · 3 nodes` / `메모리 · 라운드 로빈 · 노드 3개`: a run's full name. */
export function runLabel(run: RunResult, t: Translate): string {
  const label = t('report.run.label', {
    mode: modeName(run.mode, t),
    strategy: strategyName(run.strategy, t),
    nodes: run.nodes,
  });
  // Our own balancer is the default; a real HAProxy/nginx is named on every run it fronted.
  return run.balancer && run.balancer !== 'builtin'
    ? t('report.run.behind', { label, balancer: run.balancer })
    : label;
}

/** A short name for chart axes and column headers: the mode, plus the strategy when it is not round-robin. */
export function shortRunLabel(run: RunResult, t: Translate): string {
  const mode = modeName(run.mode, t);
  return run.strategy === 'round-robin' ? mode : `${mode} ${strategyName(run.strategy, t)}`;
}

/** The two header lines of a run's column in the summary: mode, then strategy. */
export function runHeader(run: RunResult, t: Translate): [string, string] {
  return [modeName(run.mode, t), strategyName(run.strategy, t)];
}

export function percent(rate: number | undefined): string {
  if (rate === undefined || !Number.isFinite(rate)) return '–';
  const value = rate * 100;
  return `${value >= 10 || value === 0 ? value.toFixed(0) : value.toFixed(1)}%`;
}

/** `node-1: 32, node-2: 32`: requests each node answered. */
export function servedByCell(servedBy: Record<string, number>): string {
  return Object.entries(servedBy)
    .map(([node, count]) => `${node}: ${count}`)
    .join(', ');
}

export function num(value: number | undefined, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Seconds with a unit; long spans (a production setting) in minutes, hours or days. */
export function seconds(value: number | undefined, t: Translate): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  // Whole units stay whole (15 min); a setting plus a few seconds of tolerance gets one decimal.
  const unit = (size: number, key: MessageKey) =>
    t(key, { n: value % size === 0 ? value / size : (value / size).toFixed(1) });
  if (value >= 86_400) return unit(86_400, 'report.unit.days');
  if (value >= 7200) return unit(3600, 'report.unit.hours');
  if (value >= 120) return unit(60, 'report.unit.minutes');
  return t('report.unit.seconds', { n: value < 10 ? value.toFixed(1) : value.toFixed(0) });
}

/**
 * Skip reasons arrive as English text from the scenarios. The known ones are translated by their
 * shape; anything else (an error message) is shown as it is, inside a translated frame.
 */
const SKIP_PATTERNS: [RegExp, MessageKey][] = [
  [/^memory mode has no store/, 'report.skip.memory-no-store'],
  [/memory \+ round-robin .*without any crash/, 'report.skip.memory-rr-node-failure'],
  [/memory \+ round-robin (already )?fails/, 'report.skip.memory-rr-load'],
  [/redis-server (is )?not (found )?on PATH|^no Redis/, 'report.skip.no-redis'],
  [/launches 1…8 nodes of its own/, 'report.skip.scale-target'],
  [/cannot kill a node|crash route|ADMIN_TOKEN/, 'report.skip.cannot-kill'],
  [/cannot (fail|stop|pause) its store|REDIS_URL.*pause|cannot stop/, 'report.skip.cannot-stop-store'],
  [/without a store|runs stateless/, 'report.skip.no-store'],
  [/no access-token lifetime/, 'capacity.skip.no-lifetime'],
  [/per-connection balancer in front/, 'keepalive.skip.target'],
  [/puts HAProxy and nginx in front/, 'balancers.skip.target'],
  [/needs the embedded launcher/, 'capacity.skip.target'],
];

export function skipReason(reason: string, t: Translate): string {
  const failed = /^failed: ([\s\S]*)$/.exec(reason);
  if (failed) return t('report.skip.failed', { error: failed[1]! });
  const cluster = /^the cluster did not start: ([\s\S]*)$/.exec(reason);
  if (cluster) return t('report.skip.cluster-failed', { error: cluster[1]! });
  for (const [pattern, key] of SKIP_PATTERNS) if (pattern.test(reason)) return t(key);
  return t('report.skip.other', { reason });
}

/** A scenario's short name in the reader's language (`load` / `부하`): `report.scenario.<name>`. */
export function scenarioName(name: string, t: Translate): string {
  return (SCENARIO_NAMES as readonly string[]).includes(name)
    ? t(`report.scenario.${name}` as MessageKey)
    : name;
}

/** Product names as their makers write them; ours in the reader's language. */
const PRODUCT_NAMES: Record<string, string> = { haproxy: 'HAProxy', nginx: 'nginx' };

export function balancerName(kind: string, t: Translate): string {
  return kind === 'builtin' ? t('report.balancer.builtin') : (PRODUCT_NAMES[kind] ?? kind);
}
