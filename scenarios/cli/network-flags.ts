import type { ShapedNetworkOptions } from '../../cluster/shaped-network.ts';
import { parseDurationSeconds } from '../../lib/duration.ts';
import type { MessageKey, Params } from '../../lib/i18n/index.ts';

/** Defaults of `--network shaped`: a store in the same data centre, a client across a country. */
export const DEFAULT_STORE_RTT = '1ms';
export const DEFAULT_CLIENT_RTT = '20ms';

/** How a bad value is reported: the CLI's UsageError (passed in, since args.ts imports this file). */
type Fail = (key: MessageKey, params?: Params) => Error;

function rttMs(flag: string, text: string, fail: Fail): number {
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined || seconds < 0 || seconds > 1) throw fail('cli.error.rtt', { flag, text });
  return seconds * 1000;
}

/**
 * `--network loopback|shaped`, `--store-rtt`, `--client-rtt`: undefined for loopback (the
 * default); the RTT flags without `--network shaped` are a usage error, not silently ignored.
 */
export function networkOf(
  values: {
    network?: string | undefined;
    'store-rtt'?: string | undefined;
    'client-rtt'?: string | undefined;
  },
  fail: Fail,
): ShapedNetworkOptions | undefined {
  const kind = values.network ?? 'loopback';
  if (kind !== 'loopback' && kind !== 'shaped') {
    throw fail('cli.error.choice', { flag: 'network', choices: 'loopback | shaped', text: kind });
  }
  const rttGiven = values['store-rtt'] !== undefined || values['client-rtt'] !== undefined;
  if (kind === 'loopback') {
    if (rttGiven) throw fail('cli.error.rtt-needs-shaped');
    return undefined;
  }
  return {
    storeRttMs: rttMs('store-rtt', values['store-rtt'] ?? DEFAULT_STORE_RTT, fail),
    clientRttMs: rttMs('client-rtt', values['client-rtt'] ?? DEFAULT_CLIENT_RTT, fail),
  };
}
