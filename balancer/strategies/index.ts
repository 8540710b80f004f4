import type { StrategyName } from '../config.ts';
import type { Target } from '../target.ts';
import { ConnectionAffinity } from './connection.ts';
import { IpHash } from './ip-hash.ts';
import { RoundRobin } from './round-robin.ts';
import { Sticky } from './sticky.ts';
import type { Strategy } from './strategy.ts';

export type { Strategy } from './strategy.ts';

export function createStrategy(name: StrategyName, targets: readonly Target[]): Strategy {
  switch (name) {
    case 'round-robin':
      return new RoundRobin(targets);
    case 'sticky':
      return new Sticky(targets);
    case 'ip-hash':
      return new IpHash(targets);
    case 'connection':
      return new ConnectionAffinity(targets);
  }
}
