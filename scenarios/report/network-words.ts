import type { LinkRtt, NetworkFigures } from '../../cluster/shaped-network.ts';
import type { Translate } from '../../lib/i18n/index.ts';
import type { ClientAddresses } from '../client/source-addresses.ts';

function link(figures: LinkRtt | undefined, name: 'store' | 'client', t: Translate): string | undefined {
  if (!figures) return undefined;
  const rtt = t(name === 'store' ? 'report.network.store' : 'report.network.client', {
    configured: figures.configuredRttMs,
    measured: figures.measuredRttMs,
    direct: figures.directRttMs,
    min: figures.measuredRangeMs[0],
    max: figures.measuredRangeMs[1],
  });
  if (figures.configuredJitterMs === undefined) return rtt;
  const jitter = t('report.network.jitter', {
    jitter: figures.configuredJitterMs,
    measured: figures.measuredRttMadMs ?? '–',
    expected: figures.expectedRttMadMs ?? '–',
    direct: figures.directRttMadMs ?? '–',
  });
  return `${rtt}, ${jitter}`;
}

/** The report's line about a partition fault (absent for the default stop). */
export function faultLine(fault: string | undefined, t: Translate): string | undefined {
  if (fault !== 'partition') return undefined;
  return t('report.fault.line', { kind: t('report.fault.partition') });
}

/** The report's line about the network: shaped links with the RTT set and the RTT measured. */
export function networkLine(network: NetworkFigures | undefined, t: Translate): string | undefined {
  if (network?.kind !== 'shaped') return undefined;
  const links = [link(network.links?.store, 'store', t), link(network.links?.client, 'client', t)];
  return t('report.network.shaped', { links: links.filter((l) => l !== undefined).join('; ') });
}

/** Where the virtual users connected from: their own loopback addresses, or one (and why). */
export function clientAddressLine(addresses: ClientAddresses | undefined, t: Translate): string | undefined {
  if (!addresses) return undefined;
  if (addresses.kind === 'many') return t('report.network.clients-many');
  if (addresses.reason === 'platform') return t('report.network.clients-one-platform');
  if (addresses.reason === 'remote-target') return t('report.network.clients-one-remote');
  return t('report.network.clients-one');
}
