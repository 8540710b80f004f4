import { isIPv6 } from 'node:net';

/**
 * Login attempt limits (docs/security.md): one per username + client address (a password guesser) and one
 * per client address across usernames (a flood or a username sprayer). Fixed windows: a counter
 * starts at the first attempt and resets when its window ends. Every attempt counts, also rejected
 * ones, so hammering never shortens a wait.
 */
export interface LoginLimits {
  /** Attempts per window per username + address (0: no such limit). */
  perUser: number;
  /** Attempts per window per address, any usernames (0: no such limit). */
  perAddress: number;
  windowMs: number;
}

export interface LimitVerdict {
  allowed: boolean;
  /** Seconds until the exhausted window ends (when not allowed). */
  retryAfterS: number;
  /** Which limit said no. */
  limit?: 'user' | 'address';
}

export interface LoginLimiter {
  /** Counts one attempt and says whether it may proceed. Throws when its store is unreachable. */
  hit(address: string, username: string): Promise<LimitVerdict>;
}

/**
 * The address a limit is counted for: IPv4 as is (an IPv4-mapped IPv6 address as its IPv4 form),
 * IPv6 by its /64 — one subscriber usually owns a whole /64, so counting single addresses would
 * give an attacker 2^64 fresh buckets.
 */
export function limitAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0');
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

/** The verdict of two counters: the first exhausted one decides; both are always counted. */
export function verdictOf(
  limits: LoginLimits,
  user: { count: number; ttlMs: number },
  address: { count: number; ttlMs: number },
): LimitVerdict {
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  if (limits.perUser > 0 && user.count > limits.perUser) {
    return { allowed: false, retryAfterS: seconds(user.ttlMs), limit: 'user' };
  }
  if (limits.perAddress > 0 && address.count > limits.perAddress) {
    return { allowed: false, retryAfterS: seconds(address.ttlMs), limit: 'address' };
  }
  return { allowed: true, retryAfterS: 0 };
}
