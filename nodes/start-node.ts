import { drained } from '../lib/drain.ts';
import { flushCompileCache } from '../lib/flush-compile-cache.ts';
import type { StopSignals } from '../lib/stop-signals.ts';
import { buildNode } from './build-node.ts';
import { parseNodeConfig } from './config.ts';
import { createNodeLog } from './node-log.ts';

/** How long a stopping node lets requests in flight finish (under Docker's default 10 s stop grace). */
const SHUTDOWN_DEADLINE_MS = 8000;

/** One app node from the environment (see the env table in docs/configuration.md), listening until stopped. */
export async function startNode(stop: StopSignals): Promise<void> {
  const config = parseNodeConfig(process.env);
  // ALLOW_DEMO_SECRET=1 let a public secret through: say so loudly on every start.
  for (const warning of config.secretWarnings) {
    process.stderr.write(`\n!!! WARNING: ${warning}. Anyone can forge credentials for this node. !!!\n\n`);
  }
  const app = await buildNode(config, { log: createNodeLog(), onCrash: () => process.exit(1) });
  // A client may half-close its side once its request is sent (`shutdown(SHUT_WR)`, HTTP/1.0
  // tools): Node would abort that request unanswered; with this it answers, then closes.
  Object.assign(app.server, { httpAllowHalfOpen: true });
  const url = await app.listen({ host: config.host, port: config.port });
  process.stdout.write(`${config.nodeId} (${config.authMode}) listening on ${url}\n`);
  flushCompileCache();

  stop.onStop((signal) => {
    // Stop accepting, finish in-flight requests, quit Redis; force-exit if that hangs.
    setTimeout(() => {
      process.stderr.write(
        `${config.nodeId}: requests still open ${SHUTDOWN_DEADLINE_MS} ms after ${signal}\n`,
      );
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Fastify's close() waits for every connection to end before its onClose hooks (Redis) run;
    // drained() meanwhile ends each keep-alive connection as soon as its last answer is out.
    Promise.all([app.close(), drained(app.server)]).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${config.nodeId}: error during ${signal} shutdown: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
