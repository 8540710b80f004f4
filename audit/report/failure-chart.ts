import type { Translate } from '../../lib/i18n/index.ts';
import type { TimelinePoint } from '../../scenarios/core/types.ts';
import { timelineChart } from '../../scenarios/report/svg-timeline.ts';
import type { ReplicaFailureResult } from '../types.ts';

/**
 * The replica-failure timeline drawn by the scenarios' timeline chart: one lane (the protected
 * request), logged in under logged out per bucket, the kill marked. The audit has one kind of
 * request, so the points carry no per-kind counts (the chart then draws a single lane).
 */
export function failureChart(result: ReplicaFailureResult, t: Translate): string {
  const points = result.timeline.map((bucket) => ({ ...bucket }) as unknown as TimelinePoint);
  const label = t('audit.failure.lane');
  return timelineChart({
    title: t('audit.failure.title'),
    points,
    bucketSeconds: result.bucketSeconds,
    fault: { beganAt: result.killedAtSeconds, killedAt: result.killedAtSeconds, kind: 'kill' },
    labels: {
      ok: t('audit.col.ok'),
      failed: t('audit.col.failed'),
      seconds: t('audit.col.t'),
      fault: t('audit.failure.killed-label', { replica: result.killed }),
      kill: t('audit.failure.killed-label', { replica: result.killed }),
      noData: t('audit.none'),
      lane: (kind, totals) =>
        `${kind}: ${totals.ok} ${t('audit.col.ok')}, ${totals.failed} ${t('audit.col.failed')}`,
      kinds: { access: label, refresh: label, login: label, all: label },
    },
  });
}
