import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { launchReplicas, type StartedReplica, stopReplicas } from '../../audit/app/launch.ts';
import { renderAuditMarkdown } from '../../audit/report/render.ts';
import { runAudit } from '../../audit/run-audit.ts';
import { haproxyConfig } from '../../cluster/external-balancers/haproxy-config.ts';
import { nginxConfig } from '../../cluster/external-balancers/nginx-config.ts';
import { binaryPath } from '../../cluster/external-balancers/start-external.ts';
import { FIXTURE_SECRET, fixtureProfile, jwtSession, pidDir } from './helpers.ts';

const nodes = [
  { id: 'replica-1', port: 4101 },
  { id: 'replica-2', port: 4102 },
];
const base = { dir: '/tmp/x', port: 8091, nodes, healthIntervalMs: 500, strategy: 'round-robin' };

describe('naming the replica that answered (apps send no x-node-id)', () => {
  it('HAProxy and nginx add the upstream address header and check the app’s own ready path', () => {
    const options = { healthPath: '/ready', healthPassBelow: 500, upstreamHeader: 'x-authscale-upstream' };
    const haproxy = haproxyConfig({ ...base, ...options });
    expect(haproxy).toContain('http-response set-header x-authscale-upstream %[srv_name]');
    expect(haproxy).toContain('option httpchk GET /ready');
    expect(haproxy).toContain('http-check expect rstatus ^[234]');
    const nginx = nginxConfig({ ...base, ...options });
    expect(nginx).toContain('add_header x-authscale-upstream $upstream_addr always;');
    // Without the options nothing changes for the demo's nodes.
    expect(haproxyConfig(base)).not.toContain('x-authscale-upstream');
    expect(haproxyConfig(base)).toContain('option httpchk GET /health');
  });
});

describe('audit behind each balancer and of replicas the user runs', () => {
  const pids = pidDir();
  afterEach(() => expect(pids.alive()).toEqual([]));
  afterAll(() => pids.remove());

  for (const balancer of ['haproxy', 'nginx'] as const) {
    it.skipIf(!binaryPath(balancer))(
      `${balancer}: per-replica sessions attributed to replica-1…3`,
      async () => {
        const report = await runAudit({
          profile: fixtureProfile({ STATE: 'memory', PID_DIR: pids.dir }),
          balancer,
          quick: true,
          windowSeconds: 2,
        });
        expect(report.balancer).toBe(balancer);
        const { relogin } = report.audit;
        expect(relogin.verdict).toBe('per-replica-state');
        expect(Object.keys(relogin.byReplica).sort()).toEqual(['replica-1', 'replica-2', 'replica-3']);
        for (const counts of Object.values(relogin.byReplica))
          expect(counts.ok + counts.failed).toBeGreaterThan(0);
      },
    );
  }

  it('sticky hides per-replica sessions from the failure rate, not from the direct check', async () => {
    const report = await runAudit({
      profile: fixtureProfile({ STATE: 'memory', PID_DIR: pids.dir }),
      strategy: 'sticky',
      quick: true,
      windowSeconds: 2,
    });
    const { relogin, credential } = report.audit;
    expect(relogin.failureRate).toBeLessThan(0.05);
    expect(relogin.direct).toEqual({ sessions: 12, knownByAllReplicas: 0, knownByOneReplica: 12 });
    expect(relogin.verdict).toBe('per-replica-state');
    // The balancer's own affinity cookie is never taken for the app's credential.
    expect(credential.names).toEqual(['sid']);
    expect(renderAuditMarkdown(report, 'en')).toContain('but each session lives on one replica only');
  });

  it('app.targets: nothing started or killed, no CPU figure, and the report says so', async () => {
    const own = pidDir();
    const env = { STATE: 'jwt', APP_SECRET: FIXTURE_SECRET, PID_DIR: own.dir };
    let replicas: StartedReplica[] = [];
    try {
      replicas = await launchReplicas(fixtureProfile(env, jwtSession), {
        replicas: 2,
        readyTimeoutMs: 60_000,
      });
      const targets = replicas.map((replica) => replica.url);
      const report = await runAudit({
        profile: fixtureProfile({}, { ...jwtSession, app: { targets } }),
        quick: true,
        windowSeconds: 2,
      });
      expect(report.app.started).toBe('targets');
      expect(report.notes).toEqual(['targets']);
      expect(report.audit.replicaFailure).toEqual({ skipped: true, reason: 'targets' });
      expect(
        report.audit.load &&
          'cpuMicrosPerRequest' in report.audit.load &&
          report.audit.load.cpuMicrosPerRequest,
      ).toBeNull();
      expect(report.audit.relogin.failed).toBe(0);
      // The user's replicas are still running: the audit never stops what it did not start.
      expect(own.alive()).toHaveLength(2);
    } finally {
      await stopReplicas(replicas);
      own.remove();
    }
  });
});
