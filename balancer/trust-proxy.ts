import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../lib/errors.ts';

/**
 * `TRUST_PROXY`: the peers (a TLS terminator, an outer load balancer) whose `X-Forwarded-*`
 * headers the balancer keeps. A comma-separated list of addresses and CIDRs, IPv4 or IPv6.
 */
export interface TrustList {
  /** The entries as given (normalised spacing), for stats and logs. */
  readonly entries: string[];
  /** True when `address` (a socket's remoteAddress) is listed. */
  trusts(address: string | undefined): boolean;
}

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is matched as `10.0.0.1`. */
function unmap(address: string): string {
  const mapped = MAPPED_V4.exec(address);
  return mapped ? mapped[1]! : address;
}

export function parseTrustList(text: string, variable = 'TRUST_PROXY'): TrustList {
  const list = new BlockList();
  const entries: string[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const [rawAddress = '', prefixText, extra] = item.split('/');
    const address = unmap(rawAddress);
    const family = isIP(address);
    if (family === 0 || extra !== undefined) {
      throw new ConfigError(
        variable,
        `expected addresses or CIDRs like 10.0.0.1 or 10.0.0.0/8, got "${item}"`,
      );
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefixText === undefined) {
      list.addAddress(address, type);
    } else {
      const prefix = Number(prefixText);
      if (!/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) {
        throw new ConfigError(variable, `bad prefix length in "${item}"`);
      }
      list.addSubnet(address, prefix, type);
    }
    entries.push(item);
  }
  const empty = entries.length === 0;
  return {
    entries,
    trusts(remote) {
      if (empty || !remote) return false;
      const address = unmap(remote);
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
