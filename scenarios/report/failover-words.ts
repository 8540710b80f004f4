import type { Translate } from '../../lib/i18n/index.ts';
import type { FailoverLoss, ShardImpact } from '../store-failure/types.ts';
import type { Tone } from './summary-cells.ts';
import { num } from './words.ts';

/** How durable the nodes' writes were: asynchronous replication, or WAIT for n replicas. */
export function durabilityText(loss: FailoverLoss, t: Translate): string {
  if (loss.waitReplicas === undefined) return t('report.failover.unknown');
  if (loss.waitReplicas === 0) return t('report.failover.async');
  return t('report.failover.wait', { replicas: loss.waitReplicas, timeout: loss.waitTimeoutMs ?? '?' });
}

/** "2 of 180 (asynchronous replication)": always with the setting it was measured under. */
export function failoverLostText(loss: FailoverLoss | undefined, t: Translate): string | undefined {
  if (!loss) return undefined;
  return t('report.failover.lost', {
    lost: num(loss.lostLogins),
    acknowledged: num(loss.acknowledgedLogins),
    durability: durabilityText(loss, t),
  });
}

/** Lost is bad; 0 under WAIT is the promise kept; 0 without it is a measurement, so neutral. */
export function failoverLostTone(loss: FailoverLoss | undefined): Tone {
  if (!loss) return 'dim';
  if (loss.lostLogins > 0) return 'bad';
  return (loss.waitReplicas ?? 0) > 0 ? 'good' : 'dim';
}

/** "3 of 4 in shard 127.0.0.1:7002; 0 elsewhere" (Redis Cluster store-failure). */
export function shardTouchedText(shard: ShardImpact | undefined, t: Translate): string | undefined {
  if (!shard) return undefined;
  const touched = t('report.shard.touched', {
    inside: num(shard.touchedInShard),
    members: num(shard.usersInShard),
    primary: shard.primary,
    outside: num(shard.touchedOutsideShard),
  });
  // Most frequent first (object order would put the numeric key "0" first).
  const answers = Object.entries(shard.outsideFailures ?? {})
    .sort(([, a], [, b]) => b - a)
    .map(([answer, n]) => `${answer} × ${num(n)}`);
  return answers.length === 0
    ? touched
    : `${touched} ${t('report.shard.outside-answers', { answers: answers.join(', ') })}`;
}

/** Users outside the dead shard touched: bad (the failure leaked); otherwise a window of errors. */
export function shardTouchedTone(shard: ShardImpact | undefined): Tone {
  if (!shard) return 'dim';
  if (shard.touchedOutsideShard > 0) return 'bad';
  return shard.touchedInShard > 0 ? 'warn' : 'good';
}
