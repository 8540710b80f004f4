import type { BalancerKind } from '../../cluster/external-balancers/kinds.ts';
import { RUN_MODES, type RunMode } from '../../cluster/run-modes.ts';
import type { ShapedNetworkOptions } from '../../cluster/shaped-network.ts';
import type { FaultKind } from '../../cluster/types.ts';
import { type ClientAddressKind, chooseClientAddresses } from '../client/source-addresses.ts';
import { FULL_SCALE_NODES, QUICK_SCALE_NODES } from '../scale/run.ts';
import type { ScenarioOptions } from './context.ts';
import type { TargetSettings } from './target.ts';
import type { ProgressEvent, ScenarioName, Strategy } from './types.ts';

/** What `runDemo` accepts (the CLI flags, and tests' knobs). */
export interface DemoOptions {
  modes?: RunMode[];
  nodes?: number;
  users?: number;
  requests?: number;
  durationSeconds?: number;
  quick?: boolean;
  /** capacity: add the 1M population. */
  full?: boolean;
  /** Interleaved load rounds (default 3; 2 with quick). */
  loadRounds?: number;
  /** Strategy for every run (default: the demo plan's own mix of round-robin and sticky). */
  strategy?: Strategy;
  redis?: 'single' | 'sentinel' | 'cluster';
  /** `--network shaped`: latency relays on the store and client links (RTTs in ms). */
  network?: ShapedNetworkOptions;
  /** How node-failure and store-failure fail: stop the process (default) or partition its link. */
  fault?: FaultKind;
  /** Which balancer fronts launched clusters: ours (default) or a real HAProxy / nginx from PATH. */
  balancer?: BalancerKind;
  /** `--client-addresses`: users from their own loopback addresses (default where possible) or one. */
  clientAddresses?: ClientAddressKind;
  /** Only these scenarios (`npm run scenario -- NAME`). */
  scenarios?: ScenarioName[];
  scaleNodes?: number[];
  /** Run against an already running cluster instead of launching one. */
  target?: string;
  targetSettings?: TargetSettings;
  /** Extra node env for launched clusters (tests: short token TTLs…). */
  nodeEnv?: Record<string, string>;
  /** Overrides REDIS_URL for launched clusters ('' forces a private redis-server). */
  redisUrl?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ResolvedOptions extends ScenarioOptions {
  modes: RunMode[];
  nodes: number;
  loadRounds: number;
}

/** --quick: 2 s phases (as --help says) and 2 load rounds; full: 5 s and 3 rounds. */
export function resolveOptions(options: DemoOptions): ResolvedOptions {
  const quick = options.quick ?? false;
  return {
    modes: options.modes ?? [...RUN_MODES],
    nodes: options.nodes ?? 3,
    users: options.users ?? (quick ? 10 : 30),
    requests: options.requests ?? (quick ? 12 : 30),
    durationSeconds: options.durationSeconds ?? (quick ? 2 : 5),
    quick,
    ...(options.full && { full: true }),
    loadRounds: options.loadRounds ?? (quick ? 2 : 3),
    clientAddresses: chooseClientAddresses(options.clientAddresses, options.target).kind,
    scaleNodes: options.scaleNodes ?? (quick ? QUICK_SCALE_NODES : FULL_SCALE_NODES),
  };
}
