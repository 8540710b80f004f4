import { Agent, createServer, request } from 'node:http';
import httpProxy from 'http-proxy';
import { Pool } from 'undici';

/**
 * Reference forwarders, each run in a process of its own (roles.ts): round-robin over `targets`,
 * listening on 127.0.0.1:`port`. They show how much of a Node proxy's cost is the library and
 * how much Node's HTTP itself.
 */

/** The common way http-proxy gets used: per-request options, optionally a keep-alive agent. */
export function startBareProxy(port: number, targets: string[], keepAlive: boolean): void {
  const agent = keepAlive ? new Agent({ keepAlive: true, maxSockets: 256 }) : undefined;
  const proxy = httpProxy.createProxyServer(agent ? { agent } : {});
  proxy.on('error', (_error, _req, res) => {
    if ('writeHead' in res && !res.headersSent) res.writeHead(502);
    res.end();
  });
  let next = 0;
  createServer((req, res) => {
    const target = targets[next]!;
    next = (next + 1) % targets.length;
    proxy.web(req, res, { target });
  }).listen(port, '127.0.0.1');
}

/** The least a node:http forwarder does: keep-alive agent, raw header copy, pipe, 502 on error. */
export function startPlainForwarder(port: number, targets: string[]): void {
  const upstreams = targets.map((t) => {
    const url = new URL(t);
    return {
      host: url.hostname,
      port: Number(url.port),
      agent: new Agent({ keepAlive: true, maxSockets: 256 }),
    };
  });
  let next = 0;
  createServer((req, res) => {
    const target = upstreams[next]!;
    next = (next + 1) % upstreams.length;
    const upstream = request(
      { ...target, method: req.method, path: req.url, headers: req.headers, setHost: false },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.rawHeaders);
        upstreamRes.pipe(res);
      },
    );
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }).listen(port, '127.0.0.1');
}

/**
 * The least a forwarder on undici does (a Pool per target, `pool.request`, body piped, headers
 * copied; GET only, 502 on error): the floor the balancer's own undici path is compared with.
 */
export function startUndiciForwarder(port: number, targets: string[]): void {
  const pools = targets.map((t) => new Pool(t, { connections: 256, pipelining: 1, keepAliveTimeout: 4000 }));
  let next = 0;
  createServer(async (req, res) => {
    const pool = pools[next]!;
    next = (next + 1) % pools.length;
    try {
      const headers: Record<string, string | string[] | undefined> = {
        ...req.headers,
        'x-forwarded-for': req.socket.remoteAddress ?? '',
      };
      delete headers.connection;
      delete headers['keep-alive'];
      const upstream = await pool.request({ path: req.url!, method: req.method as 'GET', headers });
      const answer = upstream.headers;
      delete answer.connection;
      delete answer['keep-alive'];
      delete answer['transfer-encoding'];
      res.writeHead(upstream.statusCode, answer);
      upstream.body.pipe(res);
    } catch {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  }).listen(port, '127.0.0.1');
}
