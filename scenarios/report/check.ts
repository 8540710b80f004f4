import { STRATEGY_NAMES } from '../../balancer/config.ts';
import { RUN_MODES } from '../../cluster/run-modes.ts';
import { SCENARIO_NAMES } from '../core/types.ts';

/**
 * A small structural check of report.json against the contract (docs/architecture.md: `results[]` with
 * `{mode, strategy, nodes, scenarios: {relogin: {requests, failures, failureRate, expectedRate}}}`,
 * plus `config`, `machine`, `startedAt`). Returns the problems found, [] when it conforms. Used by
 * the end-to-end test and handy for anyone consuming reports (docker path, classroom scripts).
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

type Need = (ok: boolean, message: string) => void;

function checkTimes(value: Json, need: Need): void {
  need(
    typeof value.startedAt === 'string' && !Number.isNaN(Date.parse(value.startedAt)),
    'startedAt: ISO date',
  );
  need(
    typeof value.finishedAt === 'string' && !Number.isNaN(Date.parse(value.finishedAt)),
    'finishedAt: ISO date',
  );
}

function checkConfig(config: unknown, need: Need): void {
  if (!isObject(config)) {
    need(false, 'config: object');
    return;
  }
  need(
    Array.isArray(config.modes) && config.modes.every((m) => (RUN_MODES as readonly unknown[]).includes(m)),
    'config.modes: run modes',
  );
  for (const key of ['nodes', 'users', 'requests', 'durationSeconds']) {
    need(isNumber(config[key]), `config.${key}: number`);
  }
  need(typeof config.quick === 'boolean', 'config.quick: boolean');
  need(
    Array.isArray(config.scenarios) &&
      config.scenarios.every((s) => (SCENARIO_NAMES as readonly unknown[]).includes(s)),
    'config.scenarios: scenario names',
  );
}

function checkMachine(machine: unknown, need: Need): void {
  if (!isObject(machine)) {
    need(false, 'machine: object');
    return;
  }
  for (const key of ['platform', 'arch', 'cpuModel', 'node'])
    need(typeof machine[key] === 'string', `machine.${key}: string`);
  for (const key of ['cpus', 'cores', 'memoryGiB', 'loadavgPeak1m'])
    need(isNumber(machine[key]), `machine.${key}: number`);
  for (const key of ['loadavgBefore', 'loadavgAfter']) {
    const load = machine[key];
    need(Array.isArray(load) && load.length === 3 && load.every(isNumber), `machine.${key}: [1m, 5m, 15m]`);
  }
  if (machine.timings !== undefined) checkTimings(machine.timings, need);
}

const PHASES = ['clusters', 'side-by-side', 'waits', 'fault-windows', 'quiet', 'close'];

function checkTimings(timings: unknown, need: Need): void {
  const ok =
    Array.isArray(timings) &&
    timings.every(
      (t) =>
        isObject(t) &&
        PHASES.includes(String(t.phase)) &&
        isNumber(t.startMs) &&
        isNumber(t.endMs) &&
        t.endMs >= t.startMs &&
        (t.ownCores === undefined || isNumber(t.ownCores)) &&
        (t.otherCores === undefined || isNumber(t.otherCores)),
    );
  need(ok, 'machine.timings: [{ phase, startMs, endMs, ownCores?, otherCores? }]');
}

function checkScenarios(scenarios: Json, at: string, need: Need): void {
  for (const [name, result] of Object.entries(scenarios)) {
    need((SCENARIO_NAMES as readonly string[]).includes(name), `${at}.scenarios.${name}: known scenario`);
    if (!isObject(result)) {
      need(false, `${at}.scenarios.${name}: object`);
      continue;
    }
    if (result.skipped === true) {
      need(typeof result.reason === 'string' && result.reason.length > 0, `${at}.scenarios.${name}.reason`);
    }
  }
}

function checkRelogin(relogin: Json, at: string, need: Need): void {
  for (const key of ['requests', 'failures', 'failureRate', 'expectedRate']) {
    need(isNumber(relogin[key]), `${at}.scenarios.relogin.${key}: number`);
  }
  need(
    isNumber(relogin.failureRate) && relogin.failureRate >= 0 && relogin.failureRate <= 1,
    `${at}.scenarios.relogin.failureRate: 0…1`,
  );
}

function checkRun(run: unknown, at: string, need: Need): void {
  if (!isObject(run)) {
    need(false, `${at}: object`);
    return;
  }
  need((RUN_MODES as readonly unknown[]).includes(run.mode), `${at}.mode: run mode`);
  need((STRATEGY_NAMES as readonly string[]).includes(String(run.strategy)), `${at}.strategy: strategy`);
  need(isNumber(run.nodes) && run.nodes >= 1, `${at}.nodes: positive number`);
  need(isNumber(run.durationMs), `${at}.durationMs: number`);
  if (!isObject(run.scenarios)) {
    need(false, `${at}.scenarios: object`);
    return;
  }
  checkScenarios(run.scenarios, at, need);
  const relogin = run.scenarios.relogin;
  if (run.skipped === undefined && relogin !== undefined && isObject(relogin) && relogin.skipped !== true) {
    checkRelogin(relogin, at, need);
  }
}

/** CI thresholds (--threshold), when the run had any: each with its expression, status and values. */
function checkThresholds(thresholds: unknown, need: Need): void {
  if (thresholds === undefined) return;
  const statuses: unknown[] = ['passed', 'failed', 'missing'];
  need(
    Array.isArray(thresholds) &&
      thresholds.every(
        (r) =>
          isObject(r) &&
          typeof r.expression === 'string' &&
          statuses.includes(r.status) &&
          Array.isArray(r.measured),
      ),
    'thresholds: [{expression, status: passed | failed | missing, measured[]}]',
  );
}

export function checkReport(value: unknown): string[] {
  const problems: string[] = [];
  const need: Need = (ok, message) => {
    if (!ok) problems.push(message);
  };
  if (!isObject(value)) return ['report is not an object'];
  checkTimes(value, need);
  checkConfig(value.config, need);
  checkMachine(value.machine, need);
  checkThresholds(value.thresholds, need);
  if (!Array.isArray(value.results)) return [...problems, 'results: array'];
  for (const [i, run] of (value.results as unknown[]).entries()) checkRun(run, `results[${i}]`, need);
  return problems;
}
