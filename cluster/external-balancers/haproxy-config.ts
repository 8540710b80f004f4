import type { ExternalBalancerConfig } from './kinds.ts';

/** The HAProxy `balance` line and per-server options that match each of our strategies. */
function balanceLines(strategy: string): { mode: 'http' | 'tcp'; backend: string[]; cookie: boolean } {
  switch (strategy) {
    case 'round-robin':
      return { mode: 'http', backend: ['balance roundrobin'], cookie: false };
    case 'sticky':
      // Insert an `lb` cookie naming the server; `redispatch` re-pins when that server is down,
      // exactly like our sticky strategy (and exactly what loses in-memory sessions).
      return {
        mode: 'http',
        backend: ['balance roundrobin', 'cookie lb insert indirect nocache httponly attr "SameSite=Lax"'],
        cookie: true,
      };
    case 'ip-hash':
      return { mode: 'http', backend: ['balance source', 'hash-type consistent'], cookie: false };
    case 'connection':
      // Layer 4: one server per client TCP connection, like a Kubernetes Service.
      return { mode: 'tcp', backend: ['balance roundrobin'], cookie: false };
    default:
      throw new Error(`HAProxy: no equivalent for strategy ${strategy}`);
  }
}

/**
 * An HAProxy configuration equivalent to our balancer: the strategy, active health checks on
 * /health (down after 2 failures, up after 2 successes), upstream keep-alive, X-Forwarded-For.
 */
export function haproxyConfig(config: ExternalBalancerConfig): string {
  const { mode, backend, cookie } = balanceLines(config.strategy);
  const interval = `${Math.max(50, Math.round(config.healthIntervalMs))}ms`;
  const http = mode === 'http';
  const servers = config.nodes.map(
    (node) =>
      `  server ${node.id} 127.0.0.1:${node.port} check inter ${interval} fall 2 rise 2${cookie ? ` cookie ${node.id}` : ''}`,
  );
  return [
    'global',
    '  maxconn 4096',
    ...(config.threads ? [`  nbthread ${config.threads}`] : []),
    `  pidfile ${config.dir}/haproxy.pid`,
    '',
    'defaults',
    `  mode ${mode}`,
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    ...(http
      ? ['  timeout http-request 10s', '  timeout http-keep-alive 60s', '  option http-keep-alive']
      : []),
    '  option redispatch',
    '  retries 1',
    '',
    'frontend authscale',
    `  bind 127.0.0.1:${config.port}`,
    ...(http ? ['  option forwardfor'] : []),
    '  default_backend nodes',
    '',
    'backend nodes',
    ...backend.map((line) => `  ${line}`),
    `  option httpchk GET ${config.healthPath ?? '/health'}`,
    ...((config.healthPassBelow ?? 300) >= 500 ? ['  http-check expect rstatus ^[234]'] : []),
    ...(http && config.upstreamHeader
      ? [`  http-response set-header ${config.upstreamHeader} %[srv_name]`]
      : []),
    ...(http ? ['  http-reuse safe'] : []),
    ...servers,
    '',
  ].join('\n');
}
