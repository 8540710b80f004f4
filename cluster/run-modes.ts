import type { AuthMode } from '../nodes/config.ts';
import type { ClusterOptions } from './types.ts';

/**
 * The auth runs a user can pick (demo `--modes`, `cluster --mode`, the classroom's mode menu,
 * report.json `results[].mode`). `jwt` and `jwt-redis` are the same node mode (AUTH_MODE=jwt); they
 * differ in whether the nodes get a store: `jwt` is fully stateless (no store at all, revocation only
 * by expiry), `jwt-redis` adds refresh rotation, reuse detection and the access-token denylist.
 */
export const RUN_MODES = ['memory', 'redis', 'jwt', 'jwt-redis'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export function isRunMode(value: unknown): value is RunMode {
  return typeof value === 'string' && (RUN_MODES as readonly string[]).includes(value);
}

/** The node AUTH_MODE a run uses. */
export function authModeOf(run: RunMode): AuthMode {
  return run === 'jwt-redis' ? 'jwt' : run;
}

/** The launcher options that select a run mode. */
export function runModeOptions(run: RunMode): Pick<ClusterOptions, 'mode' | 'jwtStore'> {
  if (run === 'jwt') return { mode: 'jwt', jwtStore: false };
  if (run === 'jwt-redis') return { mode: 'jwt', jwtStore: true };
  return { mode: run };
}

/** True when the run needs Redis (and is skipped, with the reason, when none is available). */
export function runNeedsStore(run: RunMode): boolean {
  return run === 'redis' || run === 'jwt-redis';
}
