import type { ScenarioContext, ScenarioOptions } from './context.ts';
import { SCENARIOS } from './registry.ts';
import type { ProgressEvent, ReloginResult, ScenarioName, ScenarioResults } from './types.ts';

export type AnyResult = NonNullable<ScenarioResults[ScenarioName]>;

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs one scenario on `ctx` with its start/end progress events; a scenario that throws is
 * reported as skipped with the error. A relogin result is announced at once (`relogin-measured`):
 * it is the demo's headline, and the reader should not wait for the whole demo to see it.
 */
export async function runOne(
  ctx: ScenarioContext,
  name: ScenarioName,
  options: ScenarioOptions & { restore?: boolean },
  emit: (event: ProgressEvent) => void,
): Promise<AnyResult> {
  emit({ type: 'scenario-start', mode: ctx.run, strategy: ctx.strategy, scenario: name });
  const started = Date.now();
  let result: AnyResult;
  try {
    const runner = SCENARIOS[name] as (c: ScenarioContext, o: typeof options) => Promise<AnyResult>;
    result = await runner(ctx, options);
  } catch (error) {
    result = { skipped: true, reason: `failed: ${errorMessage(error)}` };
  }
  const skipped = 'skipped' in result && result.skipped === true ? result.reason : undefined;
  emit({
    type: 'scenario-end',
    mode: ctx.run,
    strategy: ctx.strategy,
    scenario: name,
    ms: Date.now() - started,
    ...(skipped !== undefined && { skipped }),
  });
  if (name === 'relogin' && skipped === undefined) announceRelogin(ctx, result as ReloginResult, emit);
  return result;
}

function announceRelogin(ctx: ScenarioContext, result: ReloginResult, emit: (event: ProgressEvent) => void) {
  emit({
    type: 'relogin-measured',
    mode: ctx.run,
    strategy: ctx.strategy,
    failures: result.failures,
    requests: result.requests,
    failureRate: result.failureRate,
    expectedRate: result.expectedRate,
  });
}
