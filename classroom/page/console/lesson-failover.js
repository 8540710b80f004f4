// @ts-check
// The figure of the Sentinel step: the store's replication as the sentinels and the redis-servers
// report it each second, and the last "stop the primary" with its measured durations.

import { view } from './view.js';
import { t } from './words.js';

/** @import { FailoverView, ReplicationView } from '../../replication.ts' */

/**
 * @param {number} ms
 * @returns {string} seconds with one decimal
 */
function seconds(ms) {
  return (ms / 1000).toFixed(1);
}

/**
 * `:6379 primary ✓ · :6380 replica ✓ · sentinels 3/3 answering`
 * @param {ReplicationView} r
 * @returns {string}
 */
function topologyText(r) {
  const instances = r.instances
    .map((i) => `:${i.port} ${t(/** @type {const} */ (`console.replication.role.${i.role}`))}`)
    .join(' · ');
  const up = r.sentinels.filter((s) => s.up).length;
  return t('console.figure.replication', { instances, up, total: r.sentinels.length });
}

/**
 * @param {FailoverView} f
 * @returns {string}
 */
function failoverText(f) {
  if (f.phase === 'waiting' && f.writableAfterMs === null) {
    return t('console.figure.failover.waiting', {
      port: f.stoppedPort ?? '?',
      seconds: seconds(Date.now() - f.stoppedAt),
    });
  }
  if (f.phase === 'failed' || f.writableAfterMs === null) {
    return t('console.figure.failover.failed', { seconds: 30 });
  }
  const params = {
    promoted: f.promotedPort ?? '?',
    write: seconds(f.writableAfterMs),
    session: f.sessionAfterMs === null ? '…' : seconds(f.sessionAfterMs),
    unknown: f.sessionUnknown,
  };
  const text =
    f.sessionKept === false
      ? t('console.figure.failover.sessionLost', params)
      : t('console.figure.failover.done', params);
  return f.phase === 'rejoined'
    ? `${text} · ${t('console.figure.failover.rejoined', { port: f.stoppedPort ?? '?' })}`
    : text;
}

/** The topology now, then the last failover (if any). */
export function failoverFigure() {
  const r = view.tick?.replication ?? view.state?.replication ?? null;
  if (!r) return '';
  const failover = view.state?.replication?.failover ?? r.failover;
  return failover ? `${topologyText(r)} — ${failoverText(failover)}` : topologyText(r);
}
