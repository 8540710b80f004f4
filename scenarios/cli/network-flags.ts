import type { ShapedNetworkOptions } from '../../cluster/shaped-network.ts';
import { parseDurationSeconds } from '../../lib/duration.ts';
import { UsageError } from './args.ts';

/** Defaults of `--network shaped`: a store in the same data centre, a client across a country. */
export const DEFAULT_STORE_RTT = '1ms';
export const DEFAULT_CLIENT_RTT = '20ms';

function rttMs(flag: string, text: string): number {
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined || seconds < 0 || seconds > 1)
    throw new UsageError('cli.error.rtt', { flag, text });
  return seconds * 1000;
}

/**
 * `--network loopback|shaped`, `--store-rtt`, `--client-rtt`: undefined for loopback (the
 * default); the RTT flags without `--network shaped` are a usage error, not silently ignored.
 */
export function networkOf(values: {
  network?: string | undefined;
  'store-rtt'?: string | undefined;
  'client-rtt'?: string | undefined;
}): ShapedNetworkOptions | undefined {
  const kind = values.network ?? 'loopback';
  if (kind !== 'loopback' && kind !== 'shaped') {
    throw new UsageError('cli.error.choice', { flag: 'network', choices: 'loopback | shaped', text: kind });
  }
  const rttGiven = values['store-rtt'] !== undefined || values['client-rtt'] !== undefined;
  if (kind === 'loopback') {
    if (rttGiven) throw new UsageError('cli.error.rtt-needs-shaped');
    return undefined;
  }
  return {
    storeRttMs: rttMs('store-rtt', values['store-rtt'] ?? DEFAULT_STORE_RTT),
    clientRttMs: rttMs('client-rtt', values['client-rtt'] ?? DEFAULT_CLIENT_RTT),
  };
}
