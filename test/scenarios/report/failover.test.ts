import { describe, expect, it } from 'vitest';
import type { Report } from '../../../scenarios/core/types.ts';
import { renderHtml, renderMarkdown } from '../../../scenarios/report/index.ts';
import type { StoreFailureResult } from '../../../scenarios/store-failure/types.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

/** store-failure with a failover: the lost count always comes with the durability it was measured under. */
function withFailover(waitReplicas: number, lostLogins: number): Report {
  const report = sampleReport();
  const redis = report.results.find((run) => run.mode === 'redis' && !run.skipped)!;
  const base = redis.scenarios['store-failure'] as StoreFailureResult;
  redis.store = 'cluster';
  redis.scenarios['store-failure'] = {
    ...base,
    fault: { kind: 'failover', beganAt: 1, endedAt: 5 },
    failover: {
      acknowledgedLogins: 180,
      lostLogins,
      lostBeforeKillMs: Array.from({ length: lostLogins }, (_, i) => i),
      refusedLogins: 40,
      waitReplicas,
      ...(waitReplicas > 0 && { waitTimeoutMs: 100 }),
    },
    shard: {
      primary: '127.0.0.1:7002',
      slots: [[5461, 10922]],
      users: 12,
      usersInShard: 4,
      touchedInShard: 4,
      touchedOutsideShard: 0,
      outsideFailures: {},
    },
  };
  return report;
}

describe('report: failover durability and the dead shard', () => {
  it('says how many acknowledged logins were lost and under which durability, with the cause', () => {
    const md = renderMarkdown(withFailover(0, 2), 'en');
    expect(md).toContain('2 of 180 (asynchronous replication)');
    expect(md).toContain('Redis replicates asynchronously');
    expect(md).toContain('4 of 4 in shard 127.0.0.1:7002; 0 elsewhere');
    const waited = renderMarkdown(withFailover(1, 0), 'en');
    expect(waited).toContain('0 of 180 (WAIT 1 replica(s), 100 ms)');
  });

  it('names what the failed requests of users outside the dead shard answered', () => {
    const report = withFailover(0, 0);
    const redis = report.results.find((run) => run.store === 'cluster')!;
    const shard = (redis.scenarios['store-failure'] as StoreFailureResult).shard!;
    shard.touchedOutsideShard = 2;
    shard.outsideFailures = { '503 ERR_STORE_UNAVAILABLE': 3, '0': 1 };
    expect(renderMarkdown(report, 'en')).toContain(
      '4 of 4 in shard 127.0.0.1:7002; 2 elsewhere (their failed requests: 503 ERR_STORE_UNAVAILABLE × 3, 0 × 1)',
    );
    expect(renderMarkdown(report, 'ko')).toContain(
      '다른 샤드 2명 (실패한 요청의 응답: 503 ERR_STORE_UNAVAILABLE × 3, 0 × 1)',
    );
  });

  it('in Korean too, in report.md and report.html', () => {
    const report = withFailover(0, 2);
    for (const text of [renderMarkdown(report, 'ko'), renderHtml(report, 'ko')]) {
      expect(text).toContain('180건 중 2건(비동기 복제)');
      expect(text).toContain('Redis는 비동기로 복제합니다');
      expect(text).toContain('샤드 127.0.0.1:7002의 4명 중 4명, 다른 샤드 0명');
    }
  });

  it('a report without a failover does not define those figures', () => {
    const md = renderMarkdown(sampleReport(), 'en');
    expect(md).not.toContain('acknowledged logins lost at failover:');
    expect(md).not.toContain('Redis replicates asynchronously');
  });
});

describe('report: a shaped network', () => {
  it('shows each link with the RTT set and the RTT measured, en and ko', () => {
    const report = sampleReport();
    report.network = {
      kind: 'shaped',
      links: {
        store: { configuredRttMs: 1, measuredRttMs: 1.6, directRttMs: 0.3, measuredRangeMs: [1.2, 3.4] },
        client: { configuredRttMs: 20, measuredRttMs: 21.3, directRttMs: 0.9, measuredRangeMs: [20.4, 25] },
      },
    };
    expect(renderMarkdown(report, 'en')).toContain(
      'node↔store 1 ms → 1.6 ms (1.2–3.4; 0.3 ms without the relay); client↔balancer 20 ms → 21.3 ms (20.4–25; 0.9 ms without the relay)',
    );
    expect(renderHtml(report, 'ko')).toContain(
      '클라이언트↔로드 밸런서 20 ms → 21.3 ms (20.4–25, 릴레이 없이 0.9 ms)',
    );
    expect(renderMarkdown(sampleReport(), 'en')).not.toContain('Network: shaped');
  });
});
