import autocannon from 'autocannon';
import type { FloorCluster } from './start-floor.ts';

/**
 * One floor round, the same traffic as a mode's max-rate phase (load.ts): GET /api/me through the
 * balancer, `connections` connections for `seconds`, as fast as it answers. Returns the floor
 * processes' CPU µs per answered request and how many were answered.
 */
export async function floorRound(
  floor: FloorCluster,
  connections: number,
  seconds: number,
): Promise<{ cpuMicrosPerRequest: number; requests: number }> {
  const before = await floor.cpuMicros();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url: `${floor.url}/api/me`, connections, duration: seconds }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
  });
  const after = await floor.cpuMicros();
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`floor (${floor.kind}): ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  const answered = result['2xx'];
  const cpuMicrosPerRequest = answered > 0 ? Math.round(((after - before) / answered) * 10) / 10 : 0;
  return { cpuMicrosPerRequest, requests: answered };
}
