import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { parseTrustProxy } from '../lib/trust-proxy.ts';

/**
 * The address a request came from, for per-address limits. The TCP peer, unless the peer is a
 * configured proxy (the console's own balancer passing /join on): then X-Forwarded-For is read
 * from the right, skipping trusted hops, and the first untrusted address is the client. Nobody
 * else's X-Forwarded-For is believed, so a phone cannot pick its own address.
 */
export type TrustedProxies = BlockList | null;

type Range = [address: string, prefix: number, family: 'ipv4' | 'ipv6'];
/** proxy-addr's named ranges, as TRUST_PROXY accepts them. */
const NAMED: Record<string, Range[]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

/** Addresses and CIDRs as TRUST_PROXY takes them (`127.0.0.1,10.0.0.0/8,::1`, `loopback`). */
export function trustedProxies(entries: readonly string[] | undefined): TrustedProxies {
  const list = parseTrustProxy('trustProxy', entries?.join(','));
  if (!list) return null;
  const block = new BlockList();
  for (const entry of list) {
    const named = NAMED[entry];
    if (named) {
      for (const [address, prefix, family] of named) block.addSubnet(address, prefix, family);
      continue;
    }
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) block.addAddress(address, family);
    else block.addSubnet(address, Number(prefix), family);
  }
  return block;
}

/** `::ffff:127.0.0.2` → `127.0.0.2` (a dual-stack socket's view of an IPv4 peer). */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export function sourceAddress(request: FastifyRequest, trusted: TrustedProxies): string {
  let address = plain(request.socket.remoteAddress ?? '');
  const header = request.headers['x-forwarded-for'];
  if (!trusted || typeof header !== 'string') return address;
  const hops = header.split(',').map((hop) => plain(hop.trim()));
  while (isTrusted(address, trusted) && hops.length > 0) {
    const next = hops.pop()!;
    // A hop that is no address at all: the trusted proxy's last word is all we know.
    if (isIP(next) === 0) break;
    address = next;
  }
  return address;
}
