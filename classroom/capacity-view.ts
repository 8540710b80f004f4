import type { LiveCluster } from './live-cluster.ts';

/**
 * Lesson step "capacity": what one logged-in user costs the servers, in the running mode.
 * - redis: measured — Redis's own MEMORY USAGE of a sample of session keys (median), and how
 *   many there are; what a million users would take is that figure times a million (derived).
 * - jwt: nothing at the server by design (stateless access tokens).
 * - memory and jwt-redis: not measured live (a node's heap or the refresh-token state needs the
 *   controlled populations of `npm run scenario -- capacity`); the view says so.
 */
export interface CapacityView {
  mode: string;
  where: 'redis' | 'none' | 'not-measured';
  sessions: number | null;
  bytesPerSession: number | null;
  perMillionBytes: number | null;
  measured: boolean;
}

export async function capacityView(live: LiveCluster): Promise<CapacityView> {
  const mode = live.setup.mode;
  const none = { sessions: null, bytesPerSession: null, perMillionBytes: null };
  if (mode === 'jwt')
    return { mode, where: 'none', ...none, bytesPerSession: 0, perMillionBytes: 0, measured: false };
  if (mode !== 'redis' || !live.storeUp) return { mode, where: 'not-measured', ...none, measured: false };
  const sample = await live.cluster.redisSessionBytes().catch(() => null);
  if (!sample || sample.medianBytes === null)
    return { mode, where: 'redis', ...none, sessions: sample?.keys ?? 0, measured: true };
  return {
    mode,
    where: 'redis',
    sessions: sample.keys,
    bytesPerSession: sample.medianBytes,
    perMillionBytes: sample.medianBytes * 1_000_000,
    measured: true,
  };
}
