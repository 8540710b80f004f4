import type { AuthStrategy } from '../auth/strategy.ts';
import type { NodeConfig } from '../config.ts';
import type { NodeMetrics } from '../metrics.ts';
import type { UserDirectory } from '../users.ts';

/** What every route module gets from buildNode. */
export interface RouteContext {
  config: NodeConfig;
  strategy: AuthStrategy;
  users: UserDirectory;
  metrics: NodeMetrics;
  /** Login attempts per minute per username+IP; 0 disables the limit. */
  loginRateLimit: number;
  onCrash: () => void;
}
