import { buildBalancer } from '../../balancer/build-balancer.ts';
import type { StrategyName } from '../../balancer/config.ts';
import { AFFINITY_COOKIE } from '../../balancer/target.ts';
import { type BalancerKind, BalancerUnavailableError } from '../../cluster/external-balancers/kinds.ts';
import { startExternalBalancer } from '../../cluster/external-balancers/start-external.ts';
import { freePort } from '../../lib/free-port.ts';
import { UPSTREAM_HEADER } from '../client/exchange.ts';
import type { Replica } from '../context.ts';
import { AuditError } from '../errors.ts';

export interface Front {
  url: string;
  /** Cookies the balancer sets itself (sticky affinity): never part of the app's credential. */
  cookies: string[];
  close(): Promise<void>;
}

const HEALTH_INTERVAL_MS = 500;

/**
 * The balancer in front of the replicas: ours in this process, or HAProxy / nginx from PATH. Every
 * one of them names the upstream that answered in UPSTREAM_HEADER (`host:port`), the one way the
 * audit attributes answers to replicas of an app that does not name itself. Health checks probe
 * `app.ready` (or `/`) and pass below 500, as the readiness check does.
 */
export async function startFront(
  kind: BalancerKind,
  strategy: StrategyName,
  replicas: readonly Replica[],
  healthPath: string | undefined,
): Promise<Front> {
  const port = await freePort();
  const cookies = strategy === 'sticky' ? [AFFINITY_COOKIE] : [];
  const health = { healthPath: healthPath ?? '/', healthPassBelow: 500, upstreamHeader: UPSTREAM_HEADER };
  if (kind !== 'builtin') {
    if (kind === 'nginx' && strategy === 'sticky') {
      throw new AuditError('balancer-unavailable', { key: 'audit.error.nginx-sticky' });
    }
    const nodes = replicas.map((replica) => ({ id: replica.name, port: Number(new URL(replica.url).port) }));
    try {
      const balancer = await startExternalBalancer(
        kind,
        { port, nodes, strategy, healthIntervalMs: HEALTH_INTERVAL_MS, ...health },
        () => {},
      );
      return { url: balancer.url, cookies, close: () => balancer.close() };
    } catch (error) {
      if (error instanceof BalancerUnavailableError)
        throw new AuditError('balancer-unavailable', {
          key: 'audit.error.balancer',
          params: { balancer: kind, reason: error.reason },
        });
      throw error;
    }
  }
  const balancer = buildBalancer({
    host: '127.0.0.1',
    port,
    targets: replicas.map((replica) => replica.url),
    strategy,
    healthIntervalMs: HEALTH_INTERVAL_MS,
    proxyTimeoutMs: 30_000,
    ...health,
  });
  await new Promise<void>((done, fail) => {
    balancer.server.once('error', fail);
    balancer.server.listen(port, '127.0.0.1', () => done());
  });
  return { url: `http://127.0.0.1:${port}`, cookies, close: () => balancer.close() };
}
