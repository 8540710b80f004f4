import { spreadOf } from '../../core/spread.ts';
import type { LoadFloor } from '../types.ts';
import { type FloorCluster, type FloorKind, startFloor } from './start-floor.ts';

/**
 * The demo's floors: started before the load phase (a Redis floor only when one of the runs has a
 * Redis, on that same Redis), measured in its rounds, closed after it. A floor that cannot start
 * or fails is left out with the reason; the modes' figures never depend on it.
 */
/** A floor cluster and its CPU µs per request, one value per round. */
export interface FloorRounds {
  floor: FloorCluster;
  cpuMicrosPerRequest: number[];
  failed?: string;
}

export interface DemoFloors {
  nodes: number;
  rounds: FloorRounds[];
  skipped: string[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function noFloors(nodes: number): DemoFloors {
  return { nodes, rounds: [], skipped: [] };
}

/**
 * Starts a floor of `kind` into `floors` (a Redis floor on `redisUrl`); one that cannot start is
 * left out with the reason. The demo starts the floor without Redis early (nothing it does touches
 * it) and the Redis floor only after the store outages, since they stop and restart that Redis.
 */
export async function addDemoFloor(
  floors: DemoFloors,
  kind: FloorKind,
  redisUrl: string | undefined,
): Promise<void> {
  if (kind === 'redis' && !redisUrl) {
    floors.skipped.push('redis: no Redis in this run');
    return;
  }
  try {
    floors.rounds.push({ floor: await startFloor(kind, floors.nodes, redisUrl), cpuMicrosPerRequest: [] });
  } catch (error) {
    floors.skipped.push(`${kind}: ${message(error)}`);
  }
}

export async function closeDemoFloors(floors: DemoFloors): Promise<LoadFloor> {
  await Promise.all(floors.rounds.map((entry) => entry.floor.close()));
  const result: LoadFloor = { nodes: floors.nodes };
  const skipped = [...floors.skipped];
  for (const entry of floors.rounds) {
    if (entry.failed || entry.cpuMicrosPerRequest.length === 0) {
      skipped.push(`${entry.floor.kind}: ${entry.failed ?? 'not measured'}`);
      continue;
    }
    result[entry.floor.kind] = spreadOf(entry.cpuMicrosPerRequest);
  }
  if (skipped.length > 0) result.skipped = skipped.join('; ');
  return result;
}
