import type { RunMode } from '../../cluster/run-modes.ts';
import { spread } from '../../lib/stats/spread.ts';
import type { LoadResult, Report, Spread } from '../core/types.ts';
import { lookup } from '../report/lookup.ts';

/**
 * On a shaped network (`--store-rtt`), what the store link adds to a request: the fixed-rate
 * latency of a store mode minus stateless jwt's, paired round by round (the rounds are interleaved,
 * so round k of both ran under the same machine load), against the theory: each request of
 * `redis` waits for one store round trip (the session GET), each of `jwt-redis` for one too (the
 * access-token denylist EXISTS); `jwt` waits for none.
 */
export interface StoreLatencyDifference {
  run: Exclude<RunMode, 'jwt' | 'memory'>;
  /** Store round trips each GET /api/me waits for (theory, from the code path). */
  roundTrips: number;
  /** Theory: roundTrips × the store link's measured RTT, ms. */
  theoryMs: number;
  /** Per-round differences run − jwt, ms. */
  p50: Spread;
  p99: Spread;
}

/** Awaited store round trips on GET /api/me, by run. */
export const STORE_ROUND_TRIPS = { redis: 1, 'jwt-redis': 1 } as const;

function loadOf(report: Report, run: RunMode): LoadResult | undefined {
  const found = report.results.find((result) => result.mode === run && result.skipped === undefined);
  const load = found && lookup(found, 'load');
  return load?.kind === 'ok' ? load.value : undefined;
}

function pairedDifferences(a: LoadResult, b: LoadResult, pick: 'p50' | 'p99'): number[] {
  const base = new Map((b.rounds ?? []).map((round) => [round.round, round.fixedRate.latencyMs[pick]]));
  return (a.rounds ?? []).flatMap((round) => {
    const other = base.get(round.round);
    return other === undefined ? [] : [round.fixedRate.latencyMs[pick] - other];
  });
}

export function storeLatencyDifferences(report: Report): StoreLatencyDifference[] {
  const rtt = report.network?.kind === 'shaped' ? report.network.links?.store?.measuredRttMs : undefined;
  const jwt = loadOf(report, 'jwt');
  if (rtt === undefined || !jwt) return [];
  const differences: StoreLatencyDifference[] = [];
  for (const run of ['redis', 'jwt-redis'] as const) {
    const load = loadOf(report, run);
    if (!load) continue;
    const p50 = spread(pairedDifferences(load, jwt, 'p50'), 2);
    const p99 = spread(pairedDifferences(load, jwt, 'p99'), 2);
    if (!p50 || !p99) continue;
    const roundTrips = STORE_ROUND_TRIPS[run];
    differences.push({ run, roundTrips, theoryMs: Math.round(roundTrips * rtt * 100) / 100, p50, p99 });
  }
  return differences;
}
