import type { RunResult, ScenarioName, ScenarioResults, Skipped } from '../core/types.ts';
import { isSkipped } from '../core/types.ts';

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
