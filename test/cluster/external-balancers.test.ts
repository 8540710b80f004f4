import { afterEach, describe, expect, it } from 'vitest';
import { haproxyConfig } from '../../cluster/external-balancers/haproxy-config.ts';
import { nginxConfig } from '../../cluster/external-balancers/nginx-config.ts';
import { binaryPath, whyUnavailable } from '../../cluster/external-balancers/start-external.ts';
import { BalancerUnavailableError, type Cluster, startCluster } from '../../cluster/start-cluster.ts';
import { contextFromCluster } from '../../scenarios/core/context.ts';
import * as relogin from '../../scenarios/relogin/run.ts';

const nodes = [
  { id: 'node-1', port: 4001 },
  { id: 'node-2', port: 4002 },
];
const base = { dir: '/tmp/x', port: 8090, nodes, healthIntervalMs: 250 };

describe('equivalent HAProxy and nginx configurations', () => {
  it('HAProxy: round-robin, cookie-sticky, source-hash and per-connection (tcp) with health checks', () => {
    expect(haproxyConfig({ ...base, strategy: 'round-robin' })).toMatch(
      /balance roundrobin[\s\S]*option httpchk GET \/health/,
    );
    const sticky = haproxyConfig({ ...base, strategy: 'sticky' });
    expect(sticky).toContain('cookie lb insert indirect nocache httponly');
    expect(sticky).toContain('server node-2 127.0.0.1:4002 check inter 250ms fall 2 rise 2 cookie node-2');
    expect(haproxyConfig({ ...base, strategy: 'ip-hash' })).toContain('balance source');
    expect(haproxyConfig({ ...base, strategy: 'connection' })).toMatch(/mode tcp/);
    expect(() => haproxyConfig({ ...base, strategy: 'bogus' })).toThrow(/bogus/);
  });

  it('nginx: keep-alive pool, whole-address hash, sticky cookie mapped back to one-server upstreams', () => {
    const rr = nginxConfig({ ...base, strategy: 'round-robin' });
    expect(rr).toMatch(/upstream pool \{[\s\S]*keepalive 32;/);
    expect(rr).toContain('proxy_pass http://pool;');
    expect(nginxConfig({ ...base, strategy: 'ip-hash' })).toContain('hash $remote_addr consistent;');
    const sticky = nginxConfig({ ...base, strategy: 'sticky' });
    expect(sticky).toContain('"node-2" pin_node_2;');
    expect(sticky).toContain('lb=$upstream_http_x_node_id');
    expect(sticky).toContain('error_page 502 504 = @repin;');
    expect(() => nginxConfig({ ...base, strategy: 'connection' })).toThrow(/connection/);
  });
});

for (const kind of ['haproxy', 'nginx'] as const) {
  describe.skipIf(!binaryPath(kind))(`${kind} in front of real nodes`, () => {
    let cluster: Cluster | undefined;
    afterEach(async () => {
      await cluster?.close();
      cluster = undefined;
    });

    it('memory + round-robin: re-login failures near (N-1)/N, as behind our balancer', async () => {
      cluster = await startCluster({ mode: 'memory', nodes: 3, strategy: 'round-robin', balancerKind: kind });
      expect(cluster.balancerKind).toBe(kind);
      const result = await relogin.run(contextFromCluster(cluster), {
        users: 20,
        requests: 18,
        durationSeconds: 1,
        quick: true,
      });
      expect(result.requests).toBe(20 * 18);
      expect(Math.abs(result.failureRate - 2 / 3)).toBeLessThan(0.12);
      expect(Object.keys(result.servedBy).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    });

    it('memory + sticky: no re-login failures', async () => {
      cluster = await startCluster({ mode: 'memory', nodes: 3, strategy: 'sticky', balancerKind: kind });
      const result = await relogin.run(contextFromCluster(cluster), {
        users: 20,
        requests: 18,
        durationSeconds: 1,
        quick: true,
      });
      expect(result.failures).toBe(0);
    });
  });
}

describe('a balancer that cannot run here', () => {
  it('is refused before anything starts, with the reason', async () => {
    if (binaryPath('nginx')) {
      expect(whyUnavailable('nginx', 'connection')).toMatch(/stream module/);
      await expect(
        startCluster({ mode: 'memory', nodes: 1, strategy: 'connection', balancerKind: 'nginx' }),
      ).rejects.toBeInstanceOf(BalancerUnavailableError);
    } else {
      expect(whyUnavailable('nginx', 'round-robin')).toMatch(/apt-get install -y nginx-light/);
    }
  });
});
