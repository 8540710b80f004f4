import { createServer } from 'node:http';
import { startBareProxy, startPlainForwarder, startUndiciForwarder } from './forwarders.ts';

/**
 * Entry point of the bench's child processes (spawned by run.ts with BENCH_ROLE): the upstreams
 * and the reference forwarders, each in a process of its own like in production.
 */

/** A minimal upstream: any path → small JSON + x-node-id (also answers the proxies' /health). */
function startUpstream(port: number, id: string): void {
  const body = Buffer.from(JSON.stringify({ ok: true, node: id }));
  createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      'x-node-id': id,
    });
    res.end(body);
  }).listen(port, '127.0.0.1');
}

const port = Number(process.env.BENCH_PORT);
const targets = (process.env.BENCH_TARGETS ?? '').split(',').filter(Boolean);
switch (process.env.BENCH_ROLE) {
  case 'upstream':
    startUpstream(port, process.env.BENCH_NODE_ID ?? 'bench');
    break;
  case 'undici-forwarder':
    startUndiciForwarder(port, targets);
    break;
  case 'plain-forwarder':
    startPlainForwarder(port, targets);
    break;
  case 'bare-proxy':
    startBareProxy(port, targets, process.env.BENCH_AGENT === '1');
    break;
  default:
    process.stderr.write(`bench role: unknown BENCH_ROLE "${process.env.BENCH_ROLE ?? ''}"\n`);
    process.exit(2);
}
