import type { BalancerKind } from '../../cluster/external-balancers/kinds.ts';
import type { Strategy } from '../core/figures.ts';
import type { ReloginResult } from '../relogin/types.ts';

export const BALANCER_STRATEGIES = ['round-robin', 'sticky'] as const satisfies readonly Strategy[];

/** One front's relogin figures (the relogin scenario's own fields), or why it could not run. */
export interface BalancerLine extends ReloginResult {
  balancer: BalancerKind;
  strategy: (typeof BALANCER_STRATEGIES)[number];
  /** Why this front could not run here (binary not on PATH, with the install command). */
  skipped?: string;
}

export interface BalancersResult {
  nodes: number;
  lines: BalancerLine[];
}
