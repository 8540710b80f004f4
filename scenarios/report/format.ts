import type { RunResult, ScenarioName, ScenarioResults, Skipped } from '../types.ts';
import { isSkipped } from '../types.ts';

/** `memory · round-robin · 3 nodes`: how a run is named in every output. */
export function runLabel(run: RunResult): string {
  return `${run.mode} · ${run.strategy} · ${run.nodes} node${run.nodes === 1 ? '' : 's'}`;
}

/** Short label for chart axes. */
export function shortRunLabel(run: RunResult): string {
  return run.strategy === 'round-robin' ? run.mode : `${run.mode}+${run.strategy}`;
}

export function percent(rate: number): string {
  if (!Number.isFinite(rate)) return '–';
  const value = rate * 100;
  return `${value >= 10 || value === 0 ? value.toFixed(0) : value.toFixed(1)}%`;
}

export function num(value: number | undefined, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function seconds(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} s`;
}

export type Lookup<K extends ScenarioName> =
  | { kind: 'ok'; value: Exclude<NonNullable<ScenarioResults[K]>, Skipped> }
  | { kind: 'skipped'; reason: string }
  | { kind: 'missing' };

/** A run's result for one scenario: the value, why it was skipped, or that it did not run. */
export function lookup<K extends ScenarioName>(run: RunResult, name: K): Lookup<K> {
  if (run.skipped !== undefined) return { kind: 'skipped', reason: run.skipped };
  const value = run.scenarios[name];
  if (value === undefined) return { kind: 'missing' };
  if (isSkipped(value)) return { kind: 'skipped', reason: value.reason };
  return { kind: 'ok', value: value as Exclude<NonNullable<ScenarioResults[K]>, Skipped> };
}
