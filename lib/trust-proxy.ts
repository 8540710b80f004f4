import { isIP } from 'node:net';
import { ConfigError } from './errors.ts';

/** proxy-addr's named ranges (what Fastify's trustProxy understands besides addresses). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: comma-separated addresses and CIDRs, IPv4 or IPv6 (`127.0.0.1,10.0.0.0/8,::1`), or
 * proxy-addr's names (`loopback`). Returned as the list Fastify's `trustProxy` takes; undefined
 * (unset) means no proxy is trusted and X-Forwarded-* headers are ignored.
 */
export function parseTrustProxy(variable: string, text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const entries = text.split(',').map((entry) => entry.trim().toLowerCase());
  const bad = entries.find((entry) => !validEntry(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      variable,
      `expected addresses or CIDRs like 127.0.0.1,10.0.0.0/8,::1/128, got "${bad || text}"`,
    );
  }
  return entries;
}
