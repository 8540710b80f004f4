import { AuditUser } from '../client/user.ts';
import type { AuditContext } from '../context.ts';

/** Runs `work` over `items` with at most `limit` in flight (the app is small; logins are costly). */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `count` browsers, cycling through the profile's users, each logged in through the balancer. */
export async function loggedInUsers(context: AuditContext, count: number): Promise<AuditUser[]> {
  const users = context.profile.users;
  const browsers = Array.from({ length: count }, (_, i) => new AuditUser(context, users[i % users.length]!));
  await inBatches(browsers, 4, (browser) => browser.login());
  return browsers;
}
