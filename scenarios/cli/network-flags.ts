import type { ShapedNetworkOptions } from '../../cluster/shaped-network.ts';
import { FAULT_KINDS, type FaultKind } from '../../cluster/types.ts';
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
 * `--jitter`: ± ms on each one-way delay, at most half the smaller RTT — more would ask for
 * negative delays, which the relay can only clip (and a clipped jitter is not the one asked for).
 */
function jitterMs(text: string, storeRttMs: number, clientRttMs: number, fail: Fail): number {
  const seconds = parseDurationSeconds(text);
  const maxMs = Math.min(storeRttMs, clientRttMs) / 2;
  if (seconds === undefined || seconds < 0 || seconds * 1000 > maxMs) {
    throw fail('cli.error.jitter', { text, max: maxMs });
  }
  return seconds * 1000;
}

/**
 * `--network loopback|shaped`, `--store-rtt`, `--client-rtt`, `--jitter`: undefined for loopback
 * (the default); the shaping flags without `--network shaped` are a usage error, not silently
 * ignored.
 */
export function networkOf(
  values: {
    network?: string | undefined;
    'store-rtt'?: string | undefined;
    'client-rtt'?: string | undefined;
    jitter?: string | undefined;
  },
  fail: Fail,
): ShapedNetworkOptions | undefined {
  const kind = values.network ?? 'loopback';
  if (kind !== 'loopback' && kind !== 'shaped') {
    throw fail('cli.error.choice', { flag: 'network', choices: 'loopback | shaped', text: kind });
  }
  const shapingGiven =
    values['store-rtt'] !== undefined || values['client-rtt'] !== undefined || values.jitter !== undefined;
  if (kind === 'loopback') {
    if (shapingGiven) throw fail('cli.error.rtt-needs-shaped');
    return undefined;
  }
  const storeRttMs = rttMs('store-rtt', values['store-rtt'] ?? DEFAULT_STORE_RTT, fail);
  const clientRttMs = rttMs('client-rtt', values['client-rtt'] ?? DEFAULT_CLIENT_RTT, fail);
  const jitter = values.jitter === undefined ? 0 : jitterMs(values.jitter, storeRttMs, clientRttMs, fail);
  return { storeRttMs, clientRttMs, ...(jitter > 0 && { jitterMs: jitter }) };
}

/**
 * `--fault stop|partition` (default stop). A partition needs links this run launches and can cut:
 * not under --target, and with the single local Redis (Sentinel and Cluster announce their own
 * addresses, which a relay cannot stand in for).
 */
export function faultOf(
  values: { fault?: string | undefined; target?: string | undefined; redis?: string | undefined },
  fail: Fail,
): FaultKind | undefined {
  if (values.fault === undefined) return undefined;
  if (!(FAULT_KINDS as readonly string[]).includes(values.fault)) {
    throw fail('cli.error.choice', { flag: 'fault', choices: FAULT_KINDS.join(' | '), text: values.fault });
  }
  const fault = values.fault as FaultKind;
  if (fault === 'partition' && values.target !== undefined) throw fail('cli.error.partition-target');
  if (fault === 'partition' && values.redis !== undefined && values.redis !== 'single') {
    throw fail('cli.error.partition-redis', { redis: values.redis });
  }
  return fault;
}
