import { STRATEGY_NAMES, type StrategyName } from '../balancer/config.ts';
import { RUN_MODES, type RunMode } from '../cluster/run-modes.ts';
import { AuthscaleError } from '../lib/errors.ts';
import { MAX_NODES } from './args.ts';
import { CLASSROOM_REDIS, type ClassroomRedis } from './live-cluster.ts';
import { MAX_RATE } from './traffic.ts';

/**
 * `POST /api/control` bodies, validated strictly: an unknown action, a missing or extra field or a
 * value out of range is a 400 with a code, before anything is touched. `set-cluster` (an
 * extension of the contract) changes several settings in one reconfiguration, for lesson steps.
 * `reconnect` and `set-reconnect {every}` (extensions too) act on the virtual users' keep-alive
 * connections, not on the cluster: every user re-opens its connection at its next request, or
 * every `every` requests (null: never). `set-cluster {redis}` picks the store's topology (one
 * redis-server or primary + replica + sentinels) and `stop-primary` (Sentinel only) kills the
 * current primary and measures the promotion.
 */
export type Control =
  | { action: 'set-mode'; mode: RunMode }
  | { action: 'set-strategy'; strategy: StrategyName }
  | { action: 'set-nodes'; nodes: number }
  | {
      action: 'set-cluster';
      mode?: RunMode;
      strategy?: StrategyName;
      nodes?: number;
      redis?: ClassroomRedis;
    }
  | { action: 'kill-node'; id: string }
  | { action: 'restart-node'; id: string }
  | { action: 'stop-store' }
  | { action: 'start-store' }
  | { action: 'stop-primary' }
  | { action: 'set-traffic'; rate: number }
  | { action: 'reconnect' }
  | { action: 'set-reconnect'; every: number | null };

/** `set-reconnect`: requests per connection (the login counts); below 2 a login could never be used. */
export const RECONNECT_MIN = 2;
export const RECONNECT_MAX = 100;

export const ACTIONS = [
  'set-mode',
  'set-strategy',
  'set-nodes',
  'set-cluster',
  'kill-node',
  'restart-node',
  'stop-store',
  'start-store',
  'stop-primary',
  'set-traffic',
  'reconnect',
  'set-reconnect',
] as const;

const FIELDS: Record<(typeof ACTIONS)[number], readonly string[]> = {
  'set-mode': ['mode'],
  'set-strategy': ['strategy'],
  'set-nodes': ['nodes'],
  'set-cluster': ['mode', 'strategy', 'nodes', 'redis'],
  'kill-node': ['id'],
  'restart-node': ['id'],
  'stop-store': [],
  'start-store': [],
  'stop-primary': [],
  'set-traffic': ['rate'],
  reconnect: [],
  'set-reconnect': ['every'],
};

function bad(message: string): AuthscaleError {
  return new AuthscaleError('ERR_BAD_REQUEST', message);
}

function mode(value: unknown): RunMode {
  if (!(RUN_MODES as readonly unknown[]).includes(value)) {
    throw bad(`mode must be one of ${RUN_MODES.join(', ')}`);
  }
  return value as RunMode;
}

function strategy(value: unknown): StrategyName {
  if (!(STRATEGY_NAMES as readonly unknown[]).includes(value)) {
    throw bad(`strategy must be one of ${STRATEGY_NAMES.join(', ')}`);
  }
  return value as StrategyName;
}

function redis(value: unknown): ClassroomRedis {
  if (!(CLASSROOM_REDIS as readonly unknown[]).includes(value)) {
    throw bad(`redis must be one of ${CLASSROOM_REDIS.join(', ')}`);
  }
  return value as ClassroomRedis;
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw bad(`${name} must be a whole number ${min}-${max}`);
  }
  return value;
}

function nodeId(value: unknown): string {
  if (typeof value !== 'string' || !/^node-\d{1,2}$/.test(value))
    throw bad('id must name a node, e.g. "node-2"');
  return value;
}

export function parseControl(body: unknown): Control {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw bad('expected a JSON object like {"action":"kill-node","id":"node-2"}');
  }
  const input = body as Record<string, unknown>;
  const action = input.action;
  if (typeof action !== 'string') throw bad('"action" is required');
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new AuthscaleError(
      'ERR_UNKNOWN_ACTION',
      `unknown action "${action.slice(0, 40)}"; expected one of ${ACTIONS.join(', ')}`,
    );
  }
  const known = FIELDS[action as (typeof ACTIONS)[number]];
  const extra = Object.keys(input).filter((key) => key !== 'action' && !known.includes(key));
  if (extra.length > 0)
    throw bad(`${action} takes ${known.length ? known.join(', ') : 'no fields'}; got ${extra.join(', ')}`);
  switch (action as (typeof ACTIONS)[number]) {
    case 'set-mode':
      return { action: 'set-mode', mode: mode(input.mode) };
    case 'set-strategy':
      return { action: 'set-strategy', strategy: strategy(input.strategy) };
    case 'set-nodes':
      return { action: 'set-nodes', nodes: integer('nodes', input.nodes, 1, MAX_NODES) };
    case 'set-cluster': {
      if (FIELDS['set-cluster'].every((key) => input[key] === undefined)) {
        throw bad('set-cluster needs at least one of mode, strategy, nodes, redis');
      }
      return {
        action: 'set-cluster',
        ...(input.mode !== undefined && { mode: mode(input.mode) }),
        ...(input.strategy !== undefined && { strategy: strategy(input.strategy) }),
        ...(input.nodes !== undefined && { nodes: integer('nodes', input.nodes, 1, MAX_NODES) }),
        ...(input.redis !== undefined && { redis: redis(input.redis) }),
      };
    }
    case 'kill-node':
      return { action: 'kill-node', id: nodeId(input.id) };
    case 'restart-node':
      return { action: 'restart-node', id: nodeId(input.id) };
    case 'stop-store':
      return { action: 'stop-store' };
    case 'start-store':
      return { action: 'start-store' };
    case 'stop-primary':
      return { action: 'stop-primary' };
    case 'set-traffic':
      return { action: 'set-traffic', rate: integer('rate', input.rate, 0, MAX_RATE) };
    case 'reconnect':
      return { action: 'reconnect' };
    case 'set-reconnect':
      if (input.every === null) return { action: 'set-reconnect', every: null };
      return {
        action: 'set-reconnect',
        every: integer('every (or null: never)', input.every, RECONNECT_MIN, RECONNECT_MAX),
      };
  }
}
