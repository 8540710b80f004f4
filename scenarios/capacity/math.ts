import type { Spread } from '../core/types.ts';
import type { CapacityImplication } from './types.ts';

/** The median of a `bytesPerSession` field (a number or a spread). */
export function medianOf(value: number | Spread): number {
  return typeof value === 'number' ? value : value.median;
}

/**
 * Cumulative targets that take a population from `from` to `to` in `steps` equal steps (the last
 * absorbs the rounding): each step is one bytes/session sample.
 */
export function stepTargets(from: number, to: number, steps = 3): number[] {
  if (!(to > from) || steps < 1) throw new Error(`stepTargets: cannot go from ${from} to ${to}`);
  const size = Math.max(1, Math.floor((to - from) / steps));
  const targets: number[] = [];
  for (let i = 1; i < steps && from + i * size < to; i++) targets.push(from + i * size);
  targets.push(to);
  return targets;
}

/** Bytes per session over one step; a step that added nothing contributes no sample. */
export function bytesPerStep(bytesBefore: number, bytesAfter: number, sessionsAdded: number): number {
  if (sessionsAdded <= 0) throw new Error('bytesPerStep: no sessions were added');
  return (bytesAfter - bytesBefore) / sessionsAdded;
}

/** The populations a run measures: quick, default, or with --full up to a million. */
export interface PopulationPlan {
  /** Up to here through POST /auth/login; beyond through the store API. */
  loginPopulation: number;
  levels: number[];
}

export const QUICK_PLAN: PopulationPlan = { loginPopulation: 300, levels: [300, 3000] };
export const DEFAULT_PLAN: PopulationPlan = { loginPopulation: 1000, levels: [1000, 10_000, 100_000] };
export const FULL_PLAN: PopulationPlan = {
  loginPopulation: 1000,
  levels: [1000, 10_000, 100_000, 1_000_000],
};

/** Levels above `bound` are dropped (the memory store evicts beyond its size bound). */
export function capPlan(plan: PopulationPlan, bound: number | undefined): PopulationPlan {
  if (bound === undefined) return plan;
  const levels = plan.levels.filter((level) => level <= bound);
  return { loginPopulation: Math.min(plan.loginPopulation, bound), levels };
}

/** The user counts the "what it means" lines speak about. */
export const IMPLICATION_USERS = [1000, 100_000, 1_000_000] as const;
/** Request rate the wire figures assume (the whole service, requests per second). */
export const WIRE_RATE = 10_000;

/** Derived: bytes/session × users on the server, and the credential's bytes/s on the wire at `wireRate`. */
export function implicationsOf(
  bytesPerSession: number,
  credentialHeaderBytes: number,
  wireRate = WIRE_RATE,
  users: readonly number[] = IMPLICATION_USERS,
): CapacityImplication[] {
  return users.map((count) => ({
    users: count,
    serverBytes: Math.max(0, bytesPerSession) * count,
    credentialBytesPerSecond: credentialHeaderBytes * wireRate,
    measured: false,
  }));
}
