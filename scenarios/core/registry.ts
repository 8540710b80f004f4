import * as attacks from '../attacks/run.ts';
import * as balancers from '../balancers/run.ts';
import * as capacity from '../capacity/run.ts';
import * as keepalive from '../keepalive/run.ts';
import * as lifetimes from '../lifetimes/run.ts';
import * as load from '../load/run.ts';
import * as nodeFailure from '../node-failure/run.ts';
import * as relogin from '../relogin/run.ts';
import * as revocation from '../revocation/run.ts';
import * as scale from '../scale/run.ts';
import * as storeFailure from '../store-failure/run.ts';
import * as tokenSize from '../token-size/run.ts';
import type { ScenarioContext, ScenarioOptions } from './context.ts';
import type { ScenarioName, ScenarioResults } from './types.ts';

/** Every scenario by its contract name (design.md), each `run(ctx, options) → typed result`. */
type Runner<K extends ScenarioName> = (
  ctx: ScenarioContext,
  options: ScenarioOptions & { restore?: boolean },
) => Promise<NonNullable<ScenarioResults[K]>>;

export const SCENARIOS: { [K in ScenarioName]: Runner<K> } = {
  relogin: relogin.run,
  load: load.run,
  'token-size': tokenSize.run,
  revocation: revocation.run,
  'node-failure': nodeFailure.run,
  'store-failure': storeFailure.run,
  attacks: attacks.run,
  scale: scale.run,
  capacity: capacity.run,
  lifetimes: lifetimes.run,
  keepalive: keepalive.run,
  balancers: balancers.run,
};

/** Order inside one cluster run: destructive scenarios last, node-failure (no restart) at the very end. */
export const RUN_ORDER: ScenarioName[] = [
  'relogin',
  'token-size',
  'attacks',
  'revocation',
  'load',
  'scale',
  'keepalive',
  'balancers',
  // Both run on private nodes of their own: the run's cluster only waits.
  'capacity',
  'lifetimes',
  'store-failure',
  'node-failure',
];
