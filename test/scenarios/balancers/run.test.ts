import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryPath } from '../../../cluster/external-balancers/start-external.ts';
import { type Cluster, startCluster } from '../../../cluster/start-cluster.ts';
import { translator } from '../../../lib/i18n/index.ts';
import {
  agreementTolerance,
  type BalancerLine,
  type BalancersResult,
  linesAgree,
  run,
} from '../../../scenarios/balancers/run.ts';
import { balancerSkipReason } from '../../../scenarios/balancers/section.ts';
import { contextFromCluster } from '../../../scenarios/core/context.ts';
import { isSkipped } from '../../../scenarios/core/types.ts';

const line = (failureRate: number, expectedRate: number, requests = 100): BalancerLine => ({
  balancer: 'haproxy',
  strategy: expectedRate > 0 ? 'round-robin' : 'sticky',
  users: 10,
  requests,
  failures: Math.round(failureRate * requests),
  failureRate,
  expectedRate,
  servedBy: {},
});

describe('balancers: agreement within sampling noise', () => {
  it('accepts a rate inside three standard errors and rejects one outside', () => {
    // 100 requests at p = 2/3: one standard error is 0.047.
    expect(agreementTolerance(2 / 3, 100)).toBeCloseTo(3 * Math.sqrt(2 / 9 / 100) + 0.02, 10);
    expect(linesAgree([line(0.6, 2 / 3), line(0, 0)])).toBe(true);
    expect(linesAgree([line(0.45, 2 / 3)])).toBe(false);
    expect(linesAgree([line(0.05, 0)])).toBe(false);
    // A front that could not run is not evidence either way.
    expect(linesAgree([{ ...line(0.1, 2 / 3), skipped: 'nginx is not on PATH; install it: x' }])).toBe(true);
  });

  it('says in both languages which balancer is missing and how to install it', () => {
    const reason = 'nginx is not on PATH; install it: apt-get install -y nginx-light (or brew install nginx)';
    expect(balancerSkipReason(reason, translator('en'))).toBe(
      'nginx is not installed here; install it: apt-get install -y nginx-light (or brew install nginx)',
    );
    expect(balancerSkipReason(reason, translator('ko'))).toMatch(
      /^nginx: .*설치 명령: apt-get install -y nginx-light/,
    );
  });
});

function ok(result: BalancersResult | { skipped: true; reason: string }): BalancersResult {
  if (isSkipped(result)) throw new Error(`unexpectedly skipped: ${result.reason}`);
  return result;
}

const haveBoth = Boolean(binaryPath('haproxy') && binaryPath('nginx'));

describe.skipIf(!haveBoth)('balancers on a memory cluster: authscale, HAProxy and nginx in front', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ mode: 'memory', nodes: 3, strategy: 'round-robin' });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('round-robin fails about 2/3 and sticky 0 behind each of the three', async () => {
    const result = ok(
      await run(contextFromCluster(cluster), { users: 10, requests: 0, durationSeconds: 1, quick: false }),
    );
    expect(result.lines.map((l) => `${l.balancer}/${l.strategy}`)).toEqual([
      'builtin/round-robin',
      'builtin/sticky',
      'haproxy/round-robin',
      'haproxy/sticky',
      'nginx/round-robin',
      'nginx/sticky',
    ]);
    for (const measured of result.lines) {
      expect(measured.skipped).toBeUndefined();
      expect(measured.requests).toBe(10 * 20);
      if (measured.strategy === 'sticky') expect(measured.failures).toBe(0);
      else expect(Math.abs(measured.failureRate - 2 / 3)).toBeLessThan(0.15);
      // Every front spread users over all three nodes.
      expect(Object.keys(measured.servedBy)).toHaveLength(3);
    }
    expect(linesAgree(result.lines)).toBe(true);
    // Each front was stopped again: only the run's own balancer is left.
    expect(cluster.pids()).toHaveLength(4);
  });

  it('is skipped with the reason where nothing was launched (--target)', async () => {
    const result = await run(
      { ...contextFromCluster(cluster), cluster: undefined },
      { users: 4, requests: 0, durationSeconds: 1, quick: true },
    );
    expect(isSkipped(result) && result.reason).toMatch(/embedded launcher/);
  });
});
