import type { Setup } from './live-cluster.ts';

/**
 * Lesson mode: one step per claim of the study note. Each step names the cluster it needs (the
 * page applies it with one `set-cluster` control when the step opens), the panel to look at, an
 * optional one-click action, and the live figure to show. The words are in the message
 * catalogue under `console.lesson.<n>.*`.
 */
export type Figure =
  | 'requests'
  | 'set-cookie'
  | 'failure-rate'
  | 'reconnect'
  | 'store-ops'
  | 'size'
  | 'steal'
  | 'forgery'
  | 'lifetimes'
  | 'capacity'
  | 'failover';
export type LessonAction = 'kill-busiest-node' | 'stop-store' | 'start-store' | 'reconnect' | 'stop-primary';

export interface LessonStep {
  n: number;
  setup: Setup;
  panel: 'try' | 'jwt';
  figure: Figure;
  actions: LessonAction[];
}

const memory = (strategy: Setup['strategy']): Setup => ({ mode: 'memory', strategy, nodes: 3 });

export const LESSON: LessonStep[] = [
  { n: 1, setup: memory('sticky'), panel: 'try', figure: 'requests', actions: [] },
  { n: 2, setup: memory('sticky'), panel: 'try', figure: 'set-cookie', actions: [] },
  { n: 3, setup: memory('round-robin'), panel: 'try', figure: 'failure-rate', actions: [] },
  // Per connection (L4, a Kubernetes Service): 0 while the users keep their connections, a burst
  // of (N-1)/N first-request misses when they re-open them.
  { n: 4, setup: memory('connection'), panel: 'try', figure: 'reconnect', actions: ['reconnect'] },
  { n: 5, setup: memory('sticky'), panel: 'try', figure: 'failure-rate', actions: ['kill-busiest-node'] },
  {
    n: 6,
    setup: { mode: 'redis', strategy: 'round-robin', nodes: 3 },
    panel: 'try',
    figure: 'store-ops',
    actions: [],
  },
  {
    n: 7,
    setup: { mode: 'redis', strategy: 'round-robin', nodes: 3 },
    panel: 'try',
    figure: 'failure-rate',
    actions: ['stop-store', 'start-store'],
  },
  {
    n: 8,
    setup: { mode: 'jwt', strategy: 'round-robin', nodes: 3 },
    panel: 'jwt',
    figure: 'store-ops',
    actions: [],
  },
  {
    n: 9,
    setup: { mode: 'jwt', strategy: 'round-robin', nodes: 3 },
    panel: 'jwt',
    figure: 'size',
    actions: [],
  },
  {
    n: 10,
    setup: { mode: 'jwt', strategy: 'round-robin', nodes: 3 },
    panel: 'try',
    figure: 'steal',
    actions: [],
  },
  {
    n: 11,
    setup: { mode: 'jwt', strategy: 'round-robin', nodes: 3 },
    panel: 'jwt',
    figure: 'forgery',
    actions: [],
  },
  // Lifetimes: read from the viewer's own token (exp − iat), so the figure is the cluster's real
  // setting; refreshes per hour and the exposure window follow from it (and say so).
  {
    n: 12,
    setup: { mode: 'jwt-redis', strategy: 'round-robin', nodes: 3 },
    panel: 'jwt',
    figure: 'lifetimes',
    actions: [],
  },
  // Capacity: Redis's own MEMORY USAGE of the session keys (GET /api/capacity).
  {
    n: 13,
    setup: { mode: 'redis', strategy: 'round-robin', nodes: 3 },
    panel: 'try',
    figure: 'capacity',
    actions: [],
  },
  // The replicated store: primary + replica + three sentinels. Stopping the primary shows the
  // promotion live and its measured duration (GET /api/state `replication.failover`).
  {
    n: 14,
    setup: { mode: 'redis', strategy: 'round-robin', nodes: 3, redis: 'sentinel' },
    panel: 'try',
    figure: 'failover',
    actions: ['stop-primary'],
  },
];
