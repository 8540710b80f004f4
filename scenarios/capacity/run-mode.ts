import { isRunMode, type RunMode } from '../../cluster/run-modes.ts';
import type { ScenarioContext } from '../context.ts';

/** The run mode of a scenario context: jwt with a store is `jwt-redis`. */
export function runModeOf(ctx: Pick<ScenarioContext, 'mode' | 'store'>): RunMode {
  const mode: string = ctx.mode;
  if (mode === 'jwt') return ctx.store === 'none' ? 'jwt' : 'jwt-redis';
  if (isRunMode(mode)) return mode;
  throw new Error(`unknown run mode ${mode}`);
}
