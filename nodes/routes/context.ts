import type { AuthStrategy } from '../auth/strategy.ts';
import type { NodeConfig } from '../config.ts';
import type { LoginLimiter } from '../login/limits.ts';
import type { NodeMetrics } from '../metrics.ts';
import type { NodeLog } from '../node-log.ts';
import type { UserDirectory } from '../users.ts';

/** What every route module gets from buildNode. */
export interface RouteContext {
  config: NodeConfig;
  strategy: AuthStrategy;
  users: UserDirectory;
  metrics: NodeMetrics;
  /** Login attempt limits; undefined when LOGIN_RATE_LIMIT=0 (load runs). */
  loginLimiter: LoginLimiter | undefined;
  onCrash: () => void;
  /** The node's lines (node-log.ts). */
  log: NodeLog;
}
