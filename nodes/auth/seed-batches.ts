/**
 * Helpers of `seedLogins` (capacity measurement): stores are written in bounded batches so that
 * 100k+ Redis writes neither queue unboundedly in the client nor run one round trip at a time.
 */
const BATCH = 500;

export async function inBatches(count: number, write: (index: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(count, start + BATCH);
    const pending: Promise<unknown>[] = [];
    for (let i = start; i < end; i++) pending.push(write(i));
    await Promise.all(pending);
  }
}

/** Demo user names user0001…user9999, cycling: the same names real logins use. */
export function seedUser(index: number): string {
  return `user${String((index % 9999) + 1).padStart(4, '0')}`;
}
