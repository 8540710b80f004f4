import { attacks } from '../attacks/module.ts';
import { balancers } from '../balancers/module.ts';
import { capacity } from '../capacity/module.ts';
import { keepalive } from '../keepalive/module.ts';
import { latency } from '../latency/module.ts';
import { lifetimes } from '../lifetimes/module.ts';
import { load } from '../load/module.ts';
import { nodeFailure } from '../node-failure/module.ts';
import { relogin } from '../relogin/module.ts';
import { revocation } from '../revocation/module.ts';
import { scale } from '../scale/module.ts';
import { storeFailure } from '../store-failure/module.ts';
import { tokenSize } from '../token-size/module.ts';
import type { Runner, ScenarioModule } from './module.ts';
import type { ScenarioName } from './types.ts';

/**
 * Every scenario, in report order (the order of SCENARIO_NAMES). Adding a scenario is one folder
 * (`scenarios/<name>/`, see docs/scenarios.md) and one line here.
 */
export const SCENARIO_MODULES: readonly ScenarioModule[] = [
  relogin,
  load,
  tokenSize,
  revocation,
  nodeFailure,
  storeFailure,
  attacks,
  scale,
  capacity,
  lifetimes,
  keepalive,
  balancers,
  latency,
];

export function scenarioModule<K extends ScenarioName>(name: K): ScenarioModule<K> {
  const found = SCENARIO_MODULES.find((module) => module.name === name);
  if (!found) throw new Error(`no scenario module named ${name}`);
  return found as unknown as ScenarioModule<K>;
}

/** Every scenario's runner by its contract name. */
export const SCENARIOS = Object.fromEntries(SCENARIO_MODULES.map((module) => [module.name, module.run])) as {
  [K in ScenarioName]: Runner<K>;
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
  'latency',
  'store-failure',
  'node-failure',
];
