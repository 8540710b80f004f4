import { afterEach, describe, expect, it } from 'vitest';
import { median as medianOrUndefined } from '../../lib/stats/index.ts';
import { closeApps, login, node, testConfig } from '../helpers/node.ts';

afterEach(closeApps);

/** Every timing below has samples; none would be a broken test, not a figure. */
const median = (values: number[]): number => {
  const middle = medianOrUndefined(values);
  if (middle === undefined) throw new Error('median of no samples');
  return middle;
};

/**
 * Username enumeration by timing (docs/security.md, "Equal login timing"): a never-seen real user used to cost two
 * hashes (derive the stored one + the presented one), an unknown name one — 101 vs 53 ms. With one
 * hash at a time (LOGIN_HASH_CONCURRENCY=1) two hashes cannot overlap, so any path that hashes twice
 * takes about twice as long and the 1.5 tolerance below fails it; equal work gives a ratio near 1.
 * The three kinds are interleaved so a burst of load on the shared machine hits all of them alike.
 * The cost (N = 16384, ~50 ms a hash on an idle core) makes the hash dominate each login: with
 * N = 4096 the few milliseconds of non-hash work and scheduling on a machine at load 25 moved one
 * median 1.57× from another with the same one hash on every path (29 / 24 / 19 ms).
 */
describe('login timing', () => {
  it('a known user (first try or later) and an unknown name take the same time to fail', async () => {
    const app = await node(testConfig({ SCRYPT_COST: '16384', LOGIN_HASH_CONCURRENCY: '1' }));
    expect((await login(app, 'alice')).statusCode).toBe(200); // alice's hash is now stored
    for (let i = 0; i < 3; i++) await login(app, 'warm-up', 'wrong'); // JIT, pool threads
    const timed = async (username: string) => {
      const started = performance.now();
      const response = await login(app, username, 'wrong-password');
      expect(response.statusCode).toBe(401);
      return performance.now() - started;
    };
    const samples = { firstTry: [] as number[], later: [] as number[], unknown: [] as number[] };
    for (let i = 1; i <= 30; i++) {
      samples.firstTry.push(await timed(`user${String(i).padStart(4, '0')}`));
      samples.later.push(await timed('alice'));
      samples.unknown.push(await timed(`nobody${i}`));
    }
    const medians = Object.values(samples).map(median);
    const ratio = Math.max(...medians) / Math.min(...medians);
    expect(
      ratio,
      `medians first try / later / unknown: ${medians.map((m) => m.toFixed(1)).join(' / ')} ms`,
    ).toBeLessThan(1.5);
  }, 120_000);
});
