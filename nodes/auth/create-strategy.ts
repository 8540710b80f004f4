import type { NodeConfig } from '../config.ts';
import { createSessionStrategy } from '../sessions/session-strategy.ts';
import { createJwtStrategy } from './jwt/strategy.ts';
import type { AuthStrategy, StrategyDeps } from './strategy.ts';

/** AUTH_MODE → strategy: memory and redis are server-side sessions, jwt is tokens. */
export function createStrategy(config: NodeConfig, deps: StrategyDeps): AuthStrategy {
  switch (config.authMode) {
    case 'memory':
    case 'redis':
      return createSessionStrategy(config, deps);
    case 'jwt':
      return createJwtStrategy(config, deps);
  }
}
