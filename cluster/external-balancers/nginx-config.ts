import type { ExternalBalancerConfig, UpstreamNode } from './kinds.ts';

const upstreamName = (node: UpstreamNode) => `pin_${node.id.replace(/[^a-z0-9]/gi, '_')}`;

/** Strategy → the upstream block's balancing line (nginx OSS). */
function poolMethod(strategy: string): string[] {
  switch (strategy) {
    case 'round-robin':
    case 'sticky':
      return [];
    case 'ip-hash':
      // `ip_hash` hashes only the first three octets of an IPv4 address, so every 127.0.0.x client
      // would land on one node; hashing the whole address is what our ip-hash does.
      return ['hash $remote_addr consistent;'];
    default:
      throw new Error(`nginx: no equivalent for strategy ${strategy}`);
  }
}

const PROXY_LINES = [
  'proxy_http_version 1.1;',
  'proxy_set_header Connection "";',
  'proxy_set_header Host $host;',
  'proxy_set_header X-Forwarded-For $remote_addr;',
  'proxy_set_header X-Forwarded-Proto $scheme;',
  'proxy_next_upstream error timeout;',
];

/**
 * An nginx configuration equivalent to our balancer. nginx OSS has no cookie stickiness and no
 * active health checks: sticky sets an `lb` cookie from the answering node's `x-node-id` and maps it
 * back to a one-server upstream (a pinned node that is down falls back to the pool and is re-pinned);
 * health is passive (a failed connection takes a node out for `fail_timeout`).
 */
/** Sticky's pieces: one-server upstreams per node, the cookie → upstream map, the cookie itself. */
function stickyParts(config: ExternalBalancerConfig) {
  if (config.strategy !== 'sticky') return { pins: [], pinMap: [], setCookie: [] };
  return {
    pins: config.nodes.map(
      (node) => `  upstream ${upstreamName(node)} { server 127.0.0.1:${node.port}; keepalive 8; }`,
    ),
    pinMap: [
      '  map $cookie_lb $pinned {',
      '    default pool;',
      ...config.nodes.map((node) => `    "${node.id}" ${upstreamName(node)};`),
      '  }',
    ],
    setCookie: [
      'add_header Set-Cookie "lb=$upstream_http_x_node_id; Path=/; HttpOnly; SameSite=Lax" always;',
    ],
  };
}

export function nginxConfig(config: ExternalBalancerConfig): string {
  const sticky = config.strategy === 'sticky';
  const failTimeout = `${Math.max(1, Math.round((config.healthIntervalMs * 2) / 1000))}s`;
  const pool = config.nodes.map(
    (node) => `    server 127.0.0.1:${node.port} max_fails=1 fail_timeout=${failTimeout};`,
  );
  const { pins, pinMap, setCookie } = stickyParts(config);
  // `$upstream_addr` lists every upstream tried ("a, b" after a retry); the last one answered.
  const named = config.upstreamHeader ? [`add_header ${config.upstreamHeader} $upstream_addr always;`] : [];
  const indent = (lines: string[]) => lines.map((line) => `      ${line}`);
  return [
    'worker_processes 1;',
    `pid ${config.dir}/nginx.pid;`,
    `error_log ${config.dir}/error.log warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${config.dir}/tmp/body;`,
    `  proxy_temp_path ${config.dir}/tmp/proxy;`,
    `  fastcgi_temp_path ${config.dir}/tmp/fastcgi;`,
    `  uwsgi_temp_path ${config.dir}/tmp/uwsgi;`,
    `  scgi_temp_path ${config.dir}/tmp/scgi;`,
    '  upstream pool {',
    ...poolMethod(config.strategy).map((line) => `    ${line}`),
    ...pool,
    `    keepalive ${config.upstreamKeepalive ?? 32};`,
    '  }',
    ...pins,
    ...pinMap,
    '  server {',
    `    listen 127.0.0.1:${config.port};`,
    '    location / {',
    `      proxy_pass http://${sticky ? '$pinned' : 'pool'};`,
    ...indent(PROXY_LINES),
    ...indent(setCookie),
    ...indent(named),
    ...(sticky ? ['      error_page 502 504 = @repin;'] : []),
    '    }',
    ...(sticky
      ? [
          '    location @repin {',
          '      proxy_pass http://pool;',
          ...indent(PROXY_LINES),
          ...indent(setCookie),
          ...indent(named),
          '    }',
        ]
      : []),
    '  }',
    '}',
    '',
  ].join('\n');
}
